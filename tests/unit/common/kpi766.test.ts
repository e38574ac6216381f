import { describe, expect, it } from 'vitest';
import { classify766, emptyKpi766, addTo766, judgementTime } from '../../../electron/common/domain/kpi766';

const at = (d: string) => `2026-11-${d}+07:00`;
const DUE = at('24T17:00:00'); // Tuesday 24/11 17:00
const PERIOD = { from: '2026-11-23', judgedAt: at('24T23:59:59') }; // a report of 23–24/11, judged at its last second
const h = (...steps: Array<[string, string]>) => steps.map(([status, t]) => ({ status, at: at(t) }));

/**
 * QĐ 766/QĐ-TTg on-time indicator, the classes as electron/common/domain/kpi766.ts defines them:
 * trước hạn = ended before the due day; đúng hạn = ended on the due day by the due time; trễ hạn = after;
 * đang trong hạn / đang quá hạn = not ended at the judgement time, against the due time.
 */
describe('766 classes of one dossier', () => {
  it.each([
    ['finished the day before the due day', h(['2', '20T09:00:00'], ['9', '23T16:59:00']), 'truocHan'],
    ['finished on the due day, before the due time', h(['2', '20T09:00:00'], ['9', '24T08:00:00']), 'dungHan'],
    ['finished exactly at the due time', h(['2', '20T09:00:00'], ['9', '24T17:00:00']), 'dungHan'],
    ['finished on the due day after the due time', h(['2', '20T09:00:00'], ['9', '24T17:01:00']), 'treHan'],
    ['withdrawn by the citizen (7) is an end state', h(['2', '20T09:00:00'], ['7', '23T10:00:00']), 'truocHan'],
    ['still processing at the judgement time, past the due time', h(['2', '20T09:00:00'], ['4', '21T09:00:00']), 'dangQuaHan'],
    ['ended before the period: not counted', h(['2', '19T09:00:00'], ['9', '20T09:00:00']), null],
    ['finished after the judgement time: in progress then', h(['2', '20T09:00:00'], ['9', '25T09:00:00']), 'dangQuaHan'],
    ['two supplement requests are late', h(['2', '20T09:00:00'], ['5', '21T09:00:00'], ['4', '21T15:00:00'], ['5', '23T09:00:00'], ['4', '23T15:00:00'], ['9', '24T09:00:00']), 'treHan'],
    ['only registered online (1): not received, not counted', h(['1', '23T09:00:00']), null],
  ] as const)('%s', (_n, history, expected) => {
    expect(classify766(DUE, history, PERIOD)).toBe(expected);
  });

  it('in progress: đang trong hạn up to the due time, đang quá hạn after it', () => {
    const open = h(['2', '20T09:00:00'], ['4', '21T09:00:00']);
    expect(classify766(DUE, open, { from: '2026-11-23', judgedAt: at('24T17:00:00') })).toBe('dangTrongHan');
    expect(classify766(DUE, open, { from: '2026-11-23', judgedAt: at('24T17:00:01') })).toBe('dangQuaHan');
  });

  it('received after the judgement time is not counted; no due time is reported apart', () => {
    expect(classify766(DUE, h(['2', '25T09:00:00']), PERIOD)).toBeNull();
    expect(classify766(null, h(['2', '23T09:00:00']), PERIOD)).toBe('khongRoHan');
  });

  it('tyLeDungHan = (trước hạn + đúng hạn + đang trong hạn) / (processed + in progress) × 100, one decimal', () => {
    const k = emptyKpi766(PERIOD.judgedAt);
    expect(k.tyLeDungHan).toBeNull();
    for (const c of ['truocHan', 'dungHan', 'treHan', 'dangTrongHan', 'dangQuaHan', 'dangQuaHan', 'khongRoHan'] as const) addTo766(k, c);
    // (1 + 1 + 1) / (1 + 1 + 1 + 1 + 2) = 3/6; the undated one is outside the ratio
    expect(k).toMatchObject({ truocHan: 1, dungHan: 1, treHan: 1, dangTrongHan: 1, dangQuaHan: 2, khongRoHan: 1, tyLeDungHan: 50 });
    addTo766(k, 'truocHan'); // 4/7 = 57.142… → 57.1
    expect(k.tyLeDungHan).toBe(57.1);
  });

  it('a running period is judged now, a finished one at its last second', () => {
    expect(judgementTime('2026-11-24', at('24T10:00:00'))).toBe(at('24T10:00:00'));
    expect(judgementTime('2026-11-24', at('30T10:00:00'))).toBe('2026-11-24T23:59:59+07:00');
  });
});

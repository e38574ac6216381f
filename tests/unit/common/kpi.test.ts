import { describe, expect, it } from 'vitest';
import { evaluateKpi, normalizeTime } from '../../../electron/common/domain/kpi';

const at = (d: string) => `2026-11-${d}+07:00`;
const DUE = at('24T17:00:00');

describe('national KPI rules (on time vs late)', () => {
  it.each([
    ['finished before the due time', [['2', '20T09:00:00'], ['4', '21T08:00:00'], ['9', '24T10:00:00']], { ended: true, onTime: true, supplements: 0 }],
    ['finished exactly at the due time', [['2', '20T09:00:00'], ['9', '24T17:00:00']], { ended: true, onTime: true }],
    ['finished after the due time', [['2', '20T09:00:00'], ['9', '25T08:00:00']], { ended: true, onTime: false }],
    ['returned without a separate "done" step', [['2', '20T09:00:00'], ['10', '23T08:00:00']], { ended: true, onTime: true }],
    ['refused (3) in time', [['3', '20T09:00:00']], { ended: true, onTime: true }],
    ['stopped (8) late', [['2', '20T09:00:00'], ['8', '26T09:00:00']], { ended: true, onTime: false }],
    ['one supplement request in time is an end point', [['2', '20T09:00:00'], ['5', '22T09:00:00']], { ended: true, onTime: true, supplements: 1 }],
    ['one supplement round, waiting time subtracted', [['2', '20T09:00:00'], ['5', '22T09:00:00'], ['4', '25T09:00:00'], ['9', '26T09:00:00']], { ended: true, onTime: true, supplements: 1 }],
    ['one supplement round, still late after subtracting', [['2', '20T09:00:00'], ['5', '22T09:00:00'], ['4', '23T09:00:00'], ['9', '27T09:00:00']], { ended: true, onTime: false }],
    ['two supplement rounds are late', [['2', '20T09:00:00'], ['5', '21T09:00:00'], ['4', '21T15:00:00'], ['5', '22T09:00:00'], ['4', '22T15:00:00'], ['9', '23T09:00:00']], { ended: true, onTime: false, supplements: 2 }],
    ['still processing', [['2', '20T09:00:00'], ['4', '21T09:00:00']], { ended: false, onTime: null }],
  ] as const)('%s', (_n, steps, expected) => {
    const r = evaluateKpi(DUE, steps.map(([status, t]) => ({ status, at: at(t) })));
    expect(r).toMatchObject(expected);
  });

  it('the order of arrival does not matter (the feed may reorder)', () => {
    const a = evaluateKpi(DUE, [{ status: '9', at: at('25T08:00:00') }, { status: '2', at: at('20T09:00:00') }]);
    expect(a).toMatchObject({ ended: true, onTime: false, endAt: at('25T08:00:00') });
  });

  it('normalises national and UTC times to +07:00', () => {
    expect(normalizeTime('20261124170000')).toBe('2026-11-24T17:00:00+07:00');
    expect(normalizeTime('2026-11-24T10:00:00Z')).toBe('2026-11-24T17:00:00+07:00');
    expect(normalizeTime('garbage')).toBeNull();
    expect(normalizeTime(null)).toBeNull();
  });
});

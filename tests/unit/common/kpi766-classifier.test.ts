import { describe, expect, it } from 'vitest';
import type { StatusEvent } from '../../../electron/common/domain/kpi';
import { classifier766, classify766, type Kpi766Class } from '../../../electron/common/domain/kpi766';

// classifier766 judges one dossier on many trend days by evaluating each known prefix of its history
// once (issue #15). It must give classify766's answer for every period, whatever the history.

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('classifier766 = classify766', () => {
  it('on 3,000 generated histories (supplements, ties, unordered events, no due time), judged on 12 days each, in any order', () => {
    const r = rng(766);
    const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
    const time = (day: number, minute: number) => `2026-11-${String(day).padStart(2, '0')}T${String(7 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+07:00`;
    const seen = new Set<Kpi766Class | null>();
    let compared = 0;
    for (let n = 0; n < 3000; n++) {
      const events: StatusEvent[] = [];
      const count = 1 + Math.floor(r() * 6);
      for (let i = 0; i < count; i++) {
        // Minutes on a coarse grid so that equal times (ties) happen often.
        events.push({ status: pick(['1', '2', '2', '4', '5', '5', '9', '10', '7', '3', '8']), at: time(10 + Math.floor(r() * 10), Math.floor(r() * 4) * 150) });
      }
      const due = r() < 0.15 ? null : time(12 + Math.floor(r() * 8), Math.floor(r() * 600));
      const judge = classifier766(due, events);
      const days = Array.from({ length: 12 }, (_, i) => 9 + i);
      // Backwards as well as forwards: the remembered prefixes must not depend on the order of the calls.
      for (const d of r() < 0.5 ? days : days.reverse()) {
        const period = { from: `2026-11-${String(d).padStart(2, '0')}`, judgedAt: d === 20 ? time(20, 200) : `2026-11-${String(d).padStart(2, '0')}T23:59:59+07:00` };
        const expected = classify766(due, events, period);
        expect(judge(period)).toBe(expected);
        seen.add(expected);
        compared++;
      }
    }
    expect(compared).toBe(36_000);
    // The generated histories reach every class and the "not counted" answer.
    expect([...seen].sort()).toEqual(['dangQuaHan', 'dangTrongHan', 'dungHan', 'khongRoHan', 'treHan', 'truocHan', null].sort());
  });

  it('a history with a time Date cannot read is judged the plain way', () => {
    const events = [{ status: '2', at: '2026-11-20T09:00:00+07:00' }, { status: '9', at: 'không rõ' }];
    const period = { from: '2026-11-20', judgedAt: '2026-11-23T23:59:59+07:00' };
    expect(classifier766('2026-11-24T17:00:00+07:00', events)(period)).toBe(classify766('2026-11-24T17:00:00+07:00', events, period));
  });
});

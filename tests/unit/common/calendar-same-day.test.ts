import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarFileSchema, makeWorkRules, WorkCalendar, type CalendarDay, type DurationUnit } from '../../../electron/common/domain/calendar';
import { toVietnamRfc3339 } from '../../../electron/common/domain/time';

const seeded: CalendarDay[] = [2025, 2026, 2027].flatMap((y) =>
  calendarFileSchema.parse(JSON.parse(readFileSync(join(__dirname, `../../../resources/calendar/${y}.json`), 'utf8'))).days,
);
const cal = new WorkCalendar(seeded);
const due = (received: string, n: number, unit: DurationUnit, c = cal, cutoff?: string) =>
  toVietnamRfc3339(c.dueDate(new Date(`${received}+07:00`), n, unit, cutoff));

describe('TrongNgay: same-day procedures (chứng thực, Nghị định 23/2015/NĐ-CP Điều 7 khoản 1)', () => {
  it('received up to the 15:00 cut-off: due at the close of that working day', () => {
    expect(due('2026-11-23T10:00:00', 0, 'TrongNgay')).toBe('2026-11-23T17:00:00+07:00');
    expect(due('2026-11-23T14:59:00', 1, 'TrongNgay')).toBe('2026-11-23T17:00:00+07:00');
    expect(due('2026-11-23T15:00:00', 1, 'TrongNgay')).toBe('2026-11-23T17:00:00+07:00'); // "sau 15 giờ" is after, not at
    expect(due('2026-11-23T06:30:00', 1, 'TrongNgay')).toBe('2026-11-23T17:00:00+07:00'); // before opening
  });

  it('received after the cut-off: due at the close of the next working day', () => {
    expect(due('2026-11-23T15:01:00', 1, 'TrongNgay')).toBe('2026-11-24T17:00:00+07:00');
    expect(due('2026-11-23T16:45:00', 1, 'TrongNgay')).toBe('2026-11-24T17:00:00+07:00');
  });

  it('on a Friday: before the cut-off that Friday, after it the Monday', () => {
    expect(due('2026-11-27T14:00:00', 1, 'TrongNgay')).toBe('2026-11-27T17:00:00+07:00');
    expect(due('2026-11-27T15:30:00', 1, 'TrongNgay')).toBe('2026-11-30T17:00:00+07:00');
    expect(due('2026-11-28T09:00:00', 1, 'TrongNgay')).toBe('2026-11-30T17:00:00+07:00'); // a Saturday
  });

  it('before a holiday: the next working day skips the holidays and the weekend', () => {
    expect(due('2026-04-29T15:30:00', 1, 'TrongNgay')).toBe('2026-05-04T17:00:00+07:00'); // 30/4, 1/5, weekend
    expect(due('2025-12-31T16:00:00', 1, 'TrongNgay')).toBe('2026-01-05T17:00:00+07:00'); // 1/1, 2/1, weekend
    expect(due('2026-01-09T16:00:00', 1, 'TrongNgay')).toBe('2026-01-10T17:00:00+07:00'); // the worked Saturday
  });

  it("uses the procedure's own cut-off (GioCatNgay) and not the unit's afternoon cut-off", () => {
    expect(due('2026-11-23T15:30:00', 1, 'TrongNgay', cal, '16:00')).toBe('2026-11-23T17:00:00+07:00');
    const unitCutoff = new WorkCalendar(seeded, makeWorkRules([{ from: '07:00', to: '11:30' }, { from: '13:30', to: '17:00' }], '14:00'));
    expect(due('2026-11-23T14:30:00', 1, 'TrongNgay', unitCutoff)).toBe('2026-11-23T17:00:00+07:00');
    expect(() => cal.dueDate(new Date(), 1, 'TrongNgay', '3pm')).toThrow(/HH:mm/);
  });

  it('a cut-off later than closing time still never gives a due time before the receipt', () => {
    const early = new WorkCalendar(seeded, makeWorkRules([{ from: '07:00', to: '14:00' }]));
    expect(due('2026-11-23T14:30:00', 1, 'TrongNgay', early)).toBe('2026-11-24T14:00:00+07:00');
  });
});

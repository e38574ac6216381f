import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarFileSchema, DEFAULT_WORK_RULES, isProvisionalDay, makeWorkRules, WorkCalendar, type CalendarDay, type DurationUnit } from '../../../electron/common/domain/calendar';
import { toVietnamRfc3339 } from '../../../electron/common/domain/time';

const raw = (y: number) => JSON.parse(readFileSync(join(__dirname, `../../../resources/calendar/${y}.json`), 'utf8')) as { days: Array<Record<string, unknown>> };
const seeded: CalendarDay[] = [2025, 2026, 2027].flatMap((y) => calendarFileSchema.parse(raw(y)).days);
const cal = new WorkCalendar(seeded);
const day = (date: string) => seeded.find((d) => d.date === date);
const due = (received: string, n: number, unit: DurationUnit, c = cal) => toVietnamRfc3339(c.dueDate(new Date(`${received}+07:00`), n, unit));

describe('calendar 2026 as the Government fixed it', () => {
  it('Tết Dương lịch: 1/1–4/1 off with Friday 2/1 swapped for Saturday 10/1 (Công văn 12729/VPCP-KGVX, 25/12/2025)', () => {
    expect(cal.isWorkingDay('2026-01-01')).toBe(false);
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(day('2026-01-02')?.source).toMatch(/12729\/VPCP-KGVX/);
    expect(day('2026-01-10')?.source).toMatch(/12729\/VPCP-KGVX/);
    // Received on the last afternoon of 2025 for one working day: 2/1 is off, 3–4/1 the weekend.
    expect(due('2025-12-31T16:00:00', 1, 'NgayLamViec')).toBe('2026-01-05T16:00:00+07:00');
    // …and the worked Saturday counts: received Friday 9/1 at 10:00, due Saturday 10/1 at 10:00.
    expect(due('2026-01-09T10:00:00', 1, 'NgayLamViec')).toBe('2026-01-10T10:00:00+07:00');
  });

  it('Quốc khánh: 29/8–2/9 off, Monday 31/8 swapped for Saturday 22/8, 1/9 decided (not dự kiến)', () => {
    for (const d of ['2026-08-31', '2026-09-01', '2026-09-02']) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(isProvisionalDay(day('2026-09-01')!)).toBe(false);
    expect(seeded.filter((d) => d.date.startsWith('2026-') && isProvisionalDay(d))).toEqual([]);
    // Friday 28/8 10:00 + 1 working day: 29–30 weekend, 31/8, 1/9 and 2/9 off → Thursday 3/9.
    expect(due('2026-08-28T10:00:00', 1, 'NgayLamViec')).toBe('2026-09-03T10:00:00+07:00');
    expect(due('2026-08-21T10:00:00', 1, 'NgayLamViec')).toBe('2026-08-22T10:00:00+07:00');
  });

  it('labels the lunar days right: 5/2/2027 is 29 tháng Chạp (Mùng 1 Tết Đinh Mùi is 6/2/2027), still provisional', () => {
    expect(day('2027-02-05')?.name).toMatch(/29 tháng Chạp/);
    expect(day('2027-02-05')?.name).not.toMatch(/30 tháng Chạp/);
    expect(isProvisionalDay(day('2027-02-05')!)).toBe(true);
    expect(day('2026-02-16')?.name).toMatch(/29 tháng Chạp/);
  });

  it('every seeded row names its legal source, and the file keeps it through the schema', () => {
    for (const y of [2025, 2026, 2027]) {
      for (const row of raw(y).days) expect(typeof row.source === 'string' && row.source.trim().length > 10, `${y} ${String(row.date)}`).toBe(true);
    }
    expect(seeded.every((d) => d.source)).toBe(true);
  });
});

describe('hours per working day come from the shifts', () => {
  it('is 8 for the default 7:00–11:30, 13:30–17:00', () => {
    expect(DEFAULT_WORK_RULES.hoursPerDay).toBe(8);
    expect(makeWorkRules([{ from: '07:30', to: '11:30' }, { from: '13:00', to: '17:00' }]).hoursPerDay).toBe(8);
  });

  it('follows shorter shifts, so one working day ends at the same time of the next working day', () => {
    const seven = new WorkCalendar(seeded, makeWorkRules([{ from: '07:30', to: '11:30' }, { from: '13:30', to: '16:30' }]));
    expect(seven.rules.hoursPerDay).toBe(7);
    expect(due('2026-11-23T09:00:00', 1, 'NgayLamViec', seven)).toBe('2026-11-24T09:00:00+07:00');
    expect(due('2026-11-23T09:00:00', 3, 'NgayLamViec', seven)).toBe('2026-11-26T09:00:00+07:00');
    const mornings = new WorkCalendar(seeded, makeWorkRules([{ from: '07:00', to: '11:00' }]));
    expect(mornings.rules.hoursPerDay).toBe(4);
    expect(due('2026-11-23T08:00:00', 1, 'NgayLamViec', mornings)).toBe('2026-11-24T08:00:00+07:00');
    // Hours (Gio) stay hours: 2 h from 10:00 on a 07:00–11:00 day run into the next morning.
    expect(due('2026-11-23T10:00:00', 2, 'Gio', mornings)).toBe('2026-11-24T08:00:00+07:00');
  });
});

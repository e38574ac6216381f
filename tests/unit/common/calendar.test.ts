import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarFileSchema, makeWorkRules, WorkCalendar, type CalendarDay, type DurationUnit } from '../../../electron/common/domain/calendar';
import { toVietnamRfc3339 } from '../../../electron/common/domain/time';

const seeded: CalendarDay[] = [2025, 2026, 2027].flatMap(
  (y) => calendarFileSchema.parse(JSON.parse(readFileSync(join(__dirname, `../../../resources/calendar/${y}.json`), 'utf8'))).days,
);
const cal = new WorkCalendar(seeded);
const vn = (s: string) => new Date(s.includes('+') ? s : `${s}+07:00`);
const due = (received: string, n: number, unit: DurationUnit, c = cal) => toVietnamRfc3339(c.dueDate(vn(received), n, unit));

describe('seeded calendar 2025–2027', () => {
  it('has the 11 statutory days off a year, weekend-shifted where needed', () => {
    for (const y of [2025, 2026, 2027]) {
      const holidays = seeded.filter((d) => d.date.startsWith(`${y}-`) && d.type === 'holiday');
      // Weekday days off: at least the statutory 11 minus those on weekends, plus swaps.
      expect(holidays.length, String(y)).toBeGreaterThanOrEqual(10);
      for (const h of holidays) expect(new Date(`${h.date}T00:00:00Z`).getUTCDay(), h.date).not.toBe(0);
    }
    expect(cal.isWorkingDay('2025-04-26')).toBe(true); // swapped working Saturday
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
    expect(cal.isWorkingDay('2026-02-17')).toBe(false); // Tết
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // a Saturday
  });
});

describe('dueDate examples', () => {
  it('counts working days as 8 working hours from receipt', () => {
    expect(due('2026-11-23T09:00:00', 1, 'NgayLamViec')).toBe('2026-11-24T09:00:00+07:00');
    expect(due('2026-11-23T09:00:00', 3, 'NgayLamViec')).toBe('2026-11-26T09:00:00+07:00');
    expect(due('2026-11-20T15:00:00', 1, 'NgayLamViec')).toBe('2026-11-23T15:00:00+07:00'); // over the weekend
  });
  it('starts at the next working period when received outside working hours', () => {
    expect(due('2026-11-23T06:00:00', 1, 'NgayLamViec')).toBe('2026-11-23T17:00:00+07:00');
    // Received at lunch: counting starts 13:30; 3.5 h fit until 17:00, the last 0.5 h runs into the next morning.
    expect(due('2026-11-23T12:00:00', 4, 'Gio')).toBe('2026-11-24T07:30:00+07:00');
    expect(due('2026-11-23T17:30:00', 2, 'Gio')).toBe('2026-11-24T09:00:00+07:00');
  });
  it('skips holidays and honours swapped Saturdays', () => {
    expect(due('2026-04-29T16:00:00', 1, 'NgayLamViec')).toBe('2026-05-04T16:00:00+07:00');
    expect(due('2025-04-25T10:00:00', 1, 'NgayLamViec')).toBe('2025-04-26T10:00:00+07:00'); // Saturday 26/4/2025 is worked
    expect(due('2026-02-13T10:00:00', 1, 'NgayLamViec')).toBe('2026-02-23T10:00:00+07:00'); // Tết
  });
  it('calendar days (Ngay) land on the next working instant', () => {
    expect(due('2026-11-23T09:00:00', 5, 'Ngay')).toBe('2026-11-30T07:00:00+07:00'); // Sat 28 → Mon 30, 07:00
    expect(due('2026-11-23T09:00:00', 2, 'Ngay')).toBe('2026-11-25T09:00:00+07:00');
  });
  it('months (Thang) keep the day of month, clamped at month end', () => {
    expect(due('2026-01-30T09:00:00', 1, 'Thang')).toBe('2026-03-02T07:00:00+07:00'); // Feb 28 2026 is a Saturday
    expect(due('2026-03-31T09:00:00', 1, 'Thang')).toBe('2026-04-30T09:00:00+07:00'.replace('04-30T09', '05-04T07')); // 30/4 holiday, 1/5 holiday, weekend
  });
  it('applies the per-unit afternoon cut-off', () => {
    const c = new WorkCalendar(seeded, makeWorkRules([{ from: '07:30', to: '11:30' }, { from: '13:00', to: '17:00' }], '15:00'));
    // After the 15:00 cut-off counting starts the next working morning: 07:30 + 8 h = 17:00.
    expect(due('2026-11-23T15:30:00', 1, 'NgayLamViec', c)).toBe('2026-11-24T17:00:00+07:00');
    expect(due('2026-11-23T14:30:00', 1, 'NgayLamViec', c)).toBe('2026-11-24T14:30:00+07:00');
  });
  it('refuses invalid rules and durations', () => {
    expect(() => makeWorkRules([{ from: '11:00', to: '07:00' }])).toThrow(/Giờ làm việc/);
    expect(() => makeWorkRules([{ from: '07:00', to: '12:00' }, { from: '11:00', to: '17:00' }])).toThrow(/chồng/);
    expect(() => cal.dueDate(new Date(), -1, 'Gio')).toThrow();
  });
});

describe('dueDate properties', () => {
  const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-11-30T00:00:00Z'), noInvalidDate: true });
  const unit = fc.constantFrom<DurationUnit>('NgayLamViec', 'Ngay', 'Gio', 'Thang', 'TrongNgay');
  const amount = fc.integer({ min: 0, max: 30 });
  const holidays = new Set(seeded.filter((d) => d.type === 'holiday').map((d) => d.date));

  it('the due time is always within working hours and never on a holiday or weekend', () => {
    fc.assert(
      fc.property(instant, amount, unit, (at, n, u) => {
        const d = cal.dueDate(at, n, u);
        const day = toVietnamRfc3339(d).slice(0, 10);
        expect(cal.isWorkingInstant(d)).toBe(true);
        expect(holidays.has(day)).toBe(false);
        expect(cal.isWorkingDay(day)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('is never earlier for a later receipt time, nor for a longer duration', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 5 * 86_400_000 }), amount, unit, (at, delta, n, u) => {
        const later = new Date(at.getTime() + delta);
        expect(cal.dueDate(later, n, u).getTime()).toBeGreaterThanOrEqual(cal.dueDate(at, n, u).getTime());
        expect(cal.dueDate(at, n + 1, u).getTime()).toBeGreaterThanOrEqual(cal.dueDate(at, n, u).getTime());
      }),
      { numRuns: 3000 },
    );
  });

  it('the due time is never before the receipt', () => {
    fc.assert(
      fc.property(instant, amount, unit, (at, n, u) => {
        expect(cal.dueDate(at, n, u).getTime()).toBeGreaterThanOrEqual(at.getTime());
      }),
      { numRuns: 2000 },
    );
  });
});

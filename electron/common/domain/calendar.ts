import { z } from 'zod';
import { keyedIssue, vi } from './zod-locale';
import { DEFAULT_SAME_DAY_CUTOFF } from './same-day';

/**
 * The working-day calendar as data (domain doc §6, contract §2): only exceptions to Monday–Friday
 * are stored — `holiday` (a weekday off) and `workday` (a Saturday/Sunday worked in exchange).
 */
export const calendarDaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, vi('field.isoDay')),
  type: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(200),
  /** The legal text or announcement the row rests on (seed files carry one per row; servers may omit it). */
  source: z.string().trim().min(1).max(500).optional(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

/**
 * The Prime Minister fixes Tết and Quốc khánh days each year, often months ahead of the counter's
 * need: a row whose name says "dự kiến" is a forecast, not yet a decision. The marker lives in the
 * name because the contract's calendar (§2) has only date, type and name.
 */
export const isProvisionalDay = (d: Pick<CalendarDay, 'name'>): boolean => /dự kiến/i.test(d.name.normalize('NFC'));

/** `GET /catalog/calendar?year=` and `motcua calendar import`. */
export const calendarFileSchema = z
  .object({ year: z.number().int().min(2000).max(2100), days: z.array(calendarDaySchema) })
  .superRefine((c, ctx) => {
    c.days.forEach((d, i) => {
      if (!d.date.startsWith(`${c.year}-`)) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], ...keyedIssue('calendar.dayNotInYear', { date: d.date, year: c.year }) });
      const t = Date.parse(`${d.date}T00:00:00Z`);
      if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d.date) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], ...keyedIssue('calendar.dayMissing', { date: d.date }) });
      }
    });
  });
export type CalendarFile = z.infer<typeof calendarFileSchema>;

/**
 * `TrongNgay`: the result the same working day when received up to the procedure's cut-off
 * (`GioCatNgay`), else the next working day — chứng thực bản sao, chữ ký (Nghị định 23/2015/NĐ-CP,
 * Điều 7 khoản 1: "trong ngày … hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận yêu cầu sau 15 giờ").
 */
export const durationUnitSchema = z.enum(['NgayLamViec', 'Ngay', 'Gio', 'Thang', 'TrongNgay']);
export type DurationUnit = z.infer<typeof durationUnitSchema>;

// In its own module (no zod) so the CLI can name it in its help without loading the schemas.
export { DEFAULT_SAME_DAY_CUTOFF };

export interface WorkPeriod {
  /** Minutes after local midnight. */
  readonly from: number;
  readonly to: number;
}

export interface WorkRules {
  readonly periods: readonly WorkPeriod[];
  /** Receipts after this local time start counting from the next working day (per-unit option). */
  readonly cutoffMinutes: number | null;
  /**
   * The length of one working day: the sum of the unit's shifts, so that one `NgayLamViec` ends at
   * the same time of the next working day whatever the shifts are (8 h with the usual 7:00–11:30,
   * 13:30–17:00).
   */
  readonly hoursPerDay: number;
}

export const parseHhMm = (s: string): number | null => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

const hoursOf = (periods: readonly WorkPeriod[]) => periods.reduce((s, p) => s + (p.to - p.from), 0) / 60;

const DEFAULT_PERIODS: readonly WorkPeriod[] = [
  { from: 7 * 60, to: 11 * 60 + 30 },
  { from: 13 * 60 + 30, to: 17 * 60 },
];
export const DEFAULT_WORK_RULES: WorkRules = { periods: DEFAULT_PERIODS, cutoffMinutes: null, hoursPerDay: hoursOf(DEFAULT_PERIODS) };

/** Validates configured working hours: ordered, non-overlapping, non-empty periods. */
export function makeWorkRules(periods: ReadonlyArray<{ from: string; to: string }>, cutoff?: string | null): WorkRules {
  const parsed = periods.map((p) => ({ from: parseHhMm(p.from), to: parseHhMm(p.to) }));
  if (!parsed.length || parsed.some((p) => p.from === null || p.to === null || p.from! >= p.to!)) {
    throw new Error('Giờ làm việc không hợp lệ: mỗi ca phải có dạng HH:mm và giờ bắt đầu trước giờ kết thúc.');
  }
  for (let i = 1; i < parsed.length; i++) if (parsed[i]!.from! < parsed[i - 1]!.to!) throw new Error('Các ca làm việc chồng lên nhau.');
  const cutoffMinutes = cutoff ? parseHhMm(cutoff) : null;
  if (cutoff && cutoffMinutes === null) throw new Error('Giờ chốt nhận hồ sơ phải có dạng HH:mm.');
  return { periods: parsed as WorkPeriod[], cutoffMinutes, hoursPerDay: hoursOf(parsed as WorkPeriod[]) };
}

const DAY = 86_400_000;
const VN = 7 * 3_600_000;

/** Local (Asia/Ho_Chi_Minh) wall-clock arithmetic on plain numbers: ms since epoch shifted by +7 h. */
const toLocal = (d: Date) => d.getTime() + VN;
const fromLocal = (ms: number) => new Date(ms - VN);
const dayStart = (local: number) => Math.floor(local / DAY) * DAY;
const isoDay = (local: number) => new Date(dayStart(local)).toISOString().slice(0, 10);

export class WorkCalendar {
  readonly #exceptions: ReadonlyMap<string, CalendarDay['type']>;
  constructor(
    days: Iterable<Pick<CalendarDay, 'date' | 'type'>>,
    readonly rules: WorkRules = DEFAULT_WORK_RULES,
  ) {
    const m = new Map<string, CalendarDay['type']>();
    for (const d of days) m.set(d.date, d.type);
    this.#exceptions = m;
  }

  isWorkingDay(date: string): boolean {
    const ex = this.#exceptions.get(date);
    if (ex) return ex === 'workday';
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    return wd >= 1 && wd <= 5;
  }

  /** The earliest working instant at or after `local` (period ends count as inside). */
  #nextWorking(local: number): number {
    let day = dayStart(local);
    for (let guard = 0; guard < 3660; guard++, day += DAY) {
      if (!this.isWorkingDay(isoDay(day))) continue;
      for (const p of this.rules.periods) {
        const from = day + p.from * 60_000;
        const to = day + p.to * 60_000;
        if (local <= to) return Math.max(local, from);
      }
    }
    throw new Error('Lịch làm việc không có ngày làm việc nào trong 10 năm tới.');
  }

  /** Where counting starts for a receipt: the next working period, or the next day after the cut-off. */
  #countingStart(received: Date): number {
    const local = toLocal(received);
    const cutoff = this.rules.cutoffMinutes;
    if (cutoff !== null && this.isWorkingDay(isoDay(local)) && local - dayStart(local) >= cutoff * 60_000) {
      return this.#nextWorking(dayStart(local) + DAY);
    }
    // A receipt at the very end of a period starts the next one, not a zero-length slot.
    let start = this.#nextWorking(local);
    for (const p of this.rules.periods) if (start === dayStart(start) + p.to * 60_000) start = this.#nextWorking(start + 1);
    return start;
  }

  #addWorkingMinutes(local: number, minutes: number): number {
    let t = this.#nextWorking(local);
    let left = minutes;
    for (let guard = 0; guard < 100_000; guard++) {
      const day = dayStart(t);
      const p = this.rules.periods.find((q) => t >= day + q.from * 60_000 && t <= day + q.to * 60_000)!;
      const end = day + p.to * 60_000;
      const room = (end - t) / 60_000;
      if (left <= room) return t + left * 60_000;
      left -= room;
      t = this.#nextWorking(end + 1);
    }
    throw new Error('Thời hạn quá dài để tính.');
  }

  /**
   * A same-day procedure (`TrongNgay`, NĐ 23/2015 Điều 7 khoản 1): received on a working day up to
   * the cut-off, and before the day's last shift ends, it is due at the close of that day; otherwise
   * at the close of the next working day. The unit's own afternoon cut-off does not apply: a local
   * rule cannot take away the same-day result the decree guarantees.
   */
  #sameDayDue(local: number, cutoff: string | null | undefined): number {
    const cutoffMinutes = parseHhMm(cutoff ?? DEFAULT_SAME_DAY_CUTOFF);
    if (cutoffMinutes === null) throw new Error(`Giờ cắt ngày "${cutoff}" phải có dạng HH:mm.`);
    const closing = this.rules.periods[this.rules.periods.length - 1]!.to;
    let day = dayStart(local);
    const minutes = (local - day) / 60_000;
    if (this.isWorkingDay(isoDay(day)) && minutes <= cutoffMinutes && minutes < closing) return day + closing * 60_000;
    for (let guard = 0; guard < 3660; guard++) {
      day += DAY;
      if (this.isWorkingDay(isoDay(day))) return day + closing * 60_000;
    }
    throw new Error('Lịch làm việc không có ngày làm việc nào trong 10 năm tới.');
  }

  /**
   * NgayHenTra for a receipt: working hours and days per `DurationUnit`, starting from the next
   * working period after receipt. Always a working instant, never earlier for a later receipt.
   * `sameDayCutoff` (HH:mm, the procedure's `GioCatNgay`) is read for `TrongNgay` only.
   */
  dueDate(received: Date, amount: number, unit: DurationUnit, sameDayCutoff?: string | null): Date {
    if (!(amount >= 0) || !Number.isFinite(amount)) throw new Error('Thời hạn giải quyết phải là số không âm.');
    if (unit === 'TrongNgay') return fromLocal(this.#sameDayDue(toLocal(received), sameDayCutoff));
    const start = this.#countingStart(received);
    switch (unit) {
      case 'Gio':
        return fromLocal(this.#addWorkingMinutes(start, Math.round(amount * 60)));
      case 'NgayLamViec':
        return fromLocal(this.#addWorkingMinutes(start, Math.round(amount * this.rules.hoursPerDay * 60)));
      case 'Ngay':
        return fromLocal(this.#nextWorking(start + Math.round(amount * DAY)));
      case 'Thang': {
        const d = new Date(start);
        const months = Math.round(amount);
        const y = d.getUTCFullYear();
        const m = d.getUTCMonth() + months;
        const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
        // No such date in the target month (31 → 30 June): the period ends on the month's last
        // day (Civil Code art. 148), at the close of that day, so a later receipt never gets an
        // earlier due time than an earlier one.
        const clamped = d.getUTCDate() > lastDay;
        const lastEnd = this.rules.periods[this.rules.periods.length - 1]!.to * 60_000;
        const shifted = Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)) + (clamped ? lastEnd : start - dayStart(start));
        return fromLocal(this.#nextWorking(shifted));
      }
    }
  }

  /** True when the instant is inside a working period of a working day (ends inclusive). */
  isWorkingInstant(at: Date): boolean {
    const local = toLocal(at);
    return this.#nextWorking(local) === local;
  }
}

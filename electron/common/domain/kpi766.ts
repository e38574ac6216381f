import { evaluateKpi, type KpiResult, type StatusEvent } from './kpi';

/**
 * The on-time indicator of the 766 set (Quyết định 766/QĐ-TTg, "Bộ chỉ số"; domain doc §2.4, §3.4).
 * It counts the dossiers processed in the period AND those still in progress at its end, not only
 * the finished ones:
 *
 *   tyLeDungHan = (trước hạn + đúng hạn + đang trong hạn) / (đã giải quyết + đang giải quyết) × 100,
 *   rounded to one decimal; null when there is nothing to count.
 *
 * Classes, each judged with evaluateKpi (end states 3, 7, 8, 9, 10; one supplement request is an end
 * point; its waiting time moves the due time; two or more are late) over the history known at the
 * judgement time — the end of the period, or now while the period is still running:
 * - trước hạn: ended in the period on a day before the due day (Vietnam dates);
 * - đúng hạn: ended in the period on the due day, no later than the due time;
 * - trễ hạn: ended in the period after the due time (or after a second supplement request);
 * - đang trong hạn: not ended at the judgement time, which is no later than the due time;
 * - đang quá hạn: not ended at the judgement time, which is past the due time.
 * A dossier ended before the period, or received after it, is not counted.
 */
export interface Kpi766 {
  truocHan: number;
  dungHan: number;
  treHan: number;
  dangTrongHan: number;
  dangQuaHan: number;
  /** Dossiers that could not be judged: no NgayHenTra and no procedure in the catalog to compute one. */
  khongRoHan: number;
  tyLeDungHan: number | null;
  /** The instant in-progress dossiers were judged at (RFC 3339 +07:00). */
  judgedAt: string;
}

export type Kpi766Class = 'truocHan' | 'dungHan' | 'treHan' | 'dangTrongHan' | 'dangQuaHan' | 'khongRoHan';

/** Vietnam calendar day of an instant. */
const vnDay = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);

/** A due time that does not parse (a feed's or an import's odd form) is no due time: khongRoHan, not a crash. */
const dueMsOf = (dueAt: string | null): number | null => {
  const ms = dueAt ? Date.parse(dueAt) : NaN;
  return Number.isNaN(ms) ? null : ms;
};

/**
 * The class of one dossier for the period [from 00:00, judgedAt] (Vietnam time), or null when it
 * falls outside: received after the judgement time, not yet received (status 1 only), or ended
 * before the period started.
 */
export function classify766(due: string | null, history: readonly StatusEvent[], period: { from: string; judgedAt: string }): Kpi766Class | null {
  const cut = Date.parse(period.judgedAt);
  const start = Date.parse(`${period.from}T00:00:00+07:00`);
  const known = history.filter((e) => Date.parse(e.at) <= cut);
  if (!known.some((e) => e.status !== '1')) return null;
  const k = evaluateKpi(due, known);
  const dueMs = dueMsOf(k.dueAt);
  if (k.ended) {
    const end = Date.parse(k.endAt!);
    if (end < start) return null;
    if (k.supplements > 1) return 'treHan';
    if (dueMs === null) return 'khongRoHan';
    if (end > dueMs) return 'treHan';
    return vnDay(end) < vnDay(dueMs) ? 'truocHan' : 'dungHan';
  }
  if (dueMs === null) return 'khongRoHan';
  return cut <= dueMs ? 'dangTrongHan' : 'dangQuaHan';
}

/**
 * classify766 for one dossier judged at many instants (a report's trend days). What evaluateKpi sees
 * is the history known at the judgement time — a prefix of the history in time order — so each
 * prefix is evaluated once, not once per day. Same answer as classify766 for every period.
 */
export function classifier766(due: string | null, history: readonly StatusEvent[]): (period: { from: string; judgedAt: string }) => Kpi766Class | null {
  const times = history.map((e) => Date.parse(e.at));
  // An unparsable time has no place in the order: judge such a dossier the plain way.
  if (times.some(Number.isNaN)) return (period) => classify766(due, history, period);
  // Array sort is stable, as in evaluateKpi: equal times keep the history's order.
  const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
  const sorted = order.map((i) => history[i]!);
  const at = order.map((i) => times[i]!);
  const memo = new Map<number, { k: KpiResult; dueMs: number | null; endMs: number | null } | null>();
  const evaluated = (n: number) => {
    let m = memo.get(n);
    if (m === undefined) {
      const known = sorted.slice(0, n);
      if (!known.some((e) => e.status !== '1')) m = null;
      else {
        const k = evaluateKpi(due, known);
        m = { k, dueMs: dueMsOf(k.dueAt), endMs: k.ended ? Date.parse(k.endAt!) : null };
      }
      memo.set(n, m);
    }
    return m;
  };
  return (period) => {
    const cut = Date.parse(period.judgedAt);
    let n = 0;
    while (n < at.length && at[n]! <= cut) n++;
    const m = evaluated(n);
    if (!m) return null;
    const { k, dueMs } = m;
    if (k.ended) {
      const end = m.endMs!;
      if (end < Date.parse(`${period.from}T00:00:00+07:00`)) return null;
      if (k.supplements > 1) return 'treHan';
      if (dueMs === null) return 'khongRoHan';
      if (end > dueMs) return 'treHan';
      return vnDay(end) < vnDay(dueMs) ? 'truocHan' : 'dungHan';
    }
    if (dueMs === null) return 'khongRoHan';
    return cut <= dueMs ? 'dangTrongHan' : 'dangQuaHan';
  };
}

export function emptyKpi766(judgedAt: string): Kpi766 {
  return { truocHan: 0, dungHan: 0, treHan: 0, dangTrongHan: 0, dangQuaHan: 0, khongRoHan: 0, tyLeDungHan: null, judgedAt };
}

/** Adds one class and keeps the ratio up to date (the formula above). */
export function addTo766(k: Kpi766, c: Kpi766Class): void {
  k[c]++;
  k.tyLeDungHan = ratio766(k);
}

export function ratio766(k: Omit<Kpi766, 'tyLeDungHan' | 'judgedAt' | 'khongRoHan'>): number | null {
  const all = k.truocHan + k.dungHan + k.treHan + k.dangTrongHan + k.dangQuaHan;
  if (!all) return null;
  return Math.round(((k.truocHan + k.dungHan + k.dangTrongHan) / all) * 1000) / 10;
}

/** The instant a period is judged at: its last second, or now while it is still running. */
export function judgementTime(lastDay: string, now: string): string {
  const end = `${lastDay}T23:59:59+07:00`;
  return Date.parse(now) < Date.parse(end) ? now : end;
}

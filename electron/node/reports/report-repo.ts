import type { Satisfaction } from '../../common/domain/citizen-display';
import type Database from 'better-sqlite3';
import type { Kpi766 } from '../../common/domain/kpi766';
import { readSetting } from '../settings/settings-repo';
import { thisCounter } from '../unit/unit-repo';
import { kpi766Report, type SettledMode, type TrendDay } from './kpi766-repo';
import { LOG_PAGE_SIZE, logRows, periodDays, type LogRow } from './report-log-repo';
import { feedByCounter, feesByCounter, receivedGroups, returnedByProcedure } from './report-days-repo';

export type { LogRow } from './report-log-repo';

// The reports' read model: it reads — local dossiers, the unit feed, receipt prints, voids and the
// audit log — and computes the national indicators over them with common/domain/kpi; a long period
// also brings the 766 summaries, derived from those records, up to date (kpi766-settled-repo).

/** Something a supervisor reviews before closing the day: a voided receipt, a reprint, a stale-sync override. */
export interface ReviewItem {
  readonly kind: 'void' | 'reprint' | 'override';
  readonly code: string | null;
  readonly at: string;
  readonly by: string | null;
  readonly reason: string | null;
}

export interface DailyReport {
  readonly date: string;
  /** Last day of the period; equal to `date` for a daily report. */
  readonly dateTo: string;
  readonly counterId: string | null;
  readonly unitCode: string | null;
  readonly generatedAt: string;
  /** When the unit-wide part (other counters, from the changes feed) was last refreshed. */
  readonly unitDataAsOf: string | null;
  readonly totals: {
    received: number;
    returned: number;
    turnedBack: number;
    supplementRequested: number;
    refused: number;
    onTime: number;
    late: number;
    pending: number;
    overdue: number;
    voided: number;
    reprinted: number;
    feesCollected: number;
    unsynced: number;
  };
  readonly byChannel: { direct: number; online: number; post: number };
  readonly byProcedure: ReadonlyArray<{ maTthc: string; tenTthc: string; received: number; returned: number; onTime: number; late: number }>;
  readonly byCounter: ReadonlyArray<{ counterId: string; received: number; returned: number; feesCollected: number; source: 'local' | 'feed' }>;
  readonly byOfficer: ReadonlyArray<{ officerId: string; received: number }>;
  readonly byHour: readonly number[];
  /** The Mẫu 07 log: a page of it (the first, unless asked otherwise), or all of it for an export. */
  readonly log: readonly LogRow[];
  /** Rows in the whole log (the live dossiers received in the period); more than `log` holds when paged. */
  readonly logTotal: number;
  /** Where `log` starts in the whole log. */
  readonly logOffset: number;
  readonly review: readonly ReviewItem[];
  readonly closed: { at: string; by: string } | null;
  /** Records of this day changed after it was closed (flagged in the next report). */
  readonly changedAfterClose: number;
  /** The 766 on-time indicator (electron/common/domain/kpi766.ts has the formula). */
  readonly kpi766: Kpi766;
  /** Day by day over the period (its last 31 days at most): received, finished, the 766 ratio. One day for a day's report. */
  readonly trend: TrendDay[];
  /** Citizen-display ratings in the period (added by ReportService from the ratings repo). */
  readonly satisfaction?: Satisfaction;
}

const range = (first: string, last: string) => [`${first}T00:00:00`, `${last}T99`] as const;

/**
 * Báo cáo quầy trong ngày. The counter's own part comes from its records; the unit-wide part
 * (byCounter for other counters) from what the changes feed brought, with its freshness.
 * Every figure is a query over the stored records, or over what is derived from them and dropped
 * whenever they change: the per-day counts of a long period (report-days-repo) and its 766 summaries.
 */
export function dailyReport(
  db: Database.Database,
  day: string,
  o: { counterId?: string | null; now: string; to?: string; log?: { offset: number; limit: number | null }; settled?: SettledMode },
): DailyReport {
  // A period report (day … to) counts the same way; only a single day can have been closed.
  const last = o.to && o.to > day ? o.to : day;
  const unit = thisCounter(db);
  const counterId = o.counterId ?? null;
  const [from, to] = range(day, last);
  const counterClause = counterId ? 'AND counter_id = @counter' : '';
  const p = { from, to, counter: counterId };
  // What was received, counted by SQL in groups (a year is ~350,000 dossiers at a million): one row
  // per procedure, counter, officer, channel and hour, in the order of each group's first dossier.
  // A long period reads the per-day counts (report-days-repo); 'never' counts everything from the rows.
  const cq = { first: day, last, counter: counterId, days: o.settled !== 'never' };
  const groups = receivedGroups(db, cq);
  const receivedCount = groups.reduce((s, g) => s + g.n, 0);
  // Fees count when they are collected: at intake, or at the hand-over for a fee the catalog collects
  // then (ThoiDiemThu = TraKetQua); a voided receipt's fees were never kept.
  const fees = new Map<string, number>();
  for (const f of feesByCounter(db, cq)) fees.set(f.counter_id, f.s);
  const returnedByProc = returnedByProcedure(db, cq);
  const returned = returnedByProc.reduce((s, r) => s + r.n, 0);
  const tb = db.prepare(`SELECT form, COUNT(*) AS n FROM turn_backs WHERE at BETWEEN @from AND @to ${counterClause} GROUP BY form`).all(p) as Array<{ form: string; n: number }>;
  const voided = (db.prepare(`SELECT COUNT(*) AS n FROM dossiers WHERE voided_at BETWEEN @from AND @to ${counterClause}`).get(p) as { n: number }).n;
  const reprinted = (
    db
      .prepare(`SELECT COUNT(*) AS n FROM receipt_prints r JOIN dossiers d ON d.id = r.dossier_id WHERE r.reprint = 1 AND r.at BETWEEN @from AND @to ${counterId ? 'AND d.counter_id = @counter' : ''}`)
      .get(p) as { n: number }
  ).n;
  const unsynced = (
    db.prepare(`SELECT COUNT(*) AS n FROM dossiers WHERE sync_state IN ('pending', 'sending', 'rejected') AND ngay_tiep_nhan <= @to ${counterClause}`).get(p) as { n: number }
  ).n;

  // The on-time figures follow the 766 rules (kpi766-repo): ended in the period or in progress at its end.
  const span = periodDays(day, last);
  // The trend covers the period itself (its last 31 days at most): a day's report is that day's own
  // figures, and a week before it would cost judging three times the dossiers (issue #15).
  const k766 = kpi766Report(db, { first: day, last, now: o.now, counterId, trendDays: Math.min(31, span), ...(o.settled ? { settled: o.settled } : {}) });
  const procKpi = k766.byProcedure;

  const byProc = new Map<string, { maTthc: string; tenTthc: string; received: number; returned: number; onTime: number; late: number }>();
  for (const g of groups) {
    const e = byProc.get(g.ma_tthc) ?? { maTthc: g.ma_tthc, tenTthc: g.ten_tthc, received: 0, returned: 0, onTime: 0, late: 0 };
    e.received += g.n;
    byProc.set(g.ma_tthc, e);
  }
  for (const r of returnedByProc) {
    const e = byProc.get(r.ma_tthc) ?? { maTthc: r.ma_tthc, tenTthc: r.ten_tthc, received: 0, returned: 0, onTime: 0, late: 0 };
    e.returned = r.n;
    byProc.set(r.ma_tthc, e);
  }
  for (const [k, v] of procKpi) {
    const e = byProc.get(k) ?? { maTthc: k, tenTthc: v.name, received: 0, returned: 0, onTime: 0, late: 0 };
    e.onTime = v.onTime;
    e.late = v.late;
    byProc.set(k, e);
  }

  // By counter: this PC's counter from its own records; the others from the feed.
  const byCounter = new Map<string, { counterId: string; received: number; returned: number; feesCollected: number; source: 'local' | 'feed' }>();
  for (const g of groups) {
    const e = byCounter.get(g.counter_id) ?? { counterId: g.counter_id, received: 0, returned: 0, feesCollected: 0, source: 'local' as const };
    e.received += g.n;
    byCounter.set(g.counter_id, e);
  }
  for (const [counter, amount] of fees) {
    const e = byCounter.get(counter) ?? { counterId: counter, received: 0, returned: 0, feesCollected: 0, source: 'local' as const };
    e.feesCollected = amount;
    byCounter.set(counter, e);
  }
  if (!counterId) {
    const others = feedByCounter(db, cq, unit?.counterId ?? '');
    for (const r of others) byCounter.set(r.counter_id, { counterId: r.counter_id, received: r.received, returned: r.returned, feesCollected: r.fees, source: 'feed' });
  }
  const mineReturned = byCounter.get(unit?.counterId ?? '');
  if (mineReturned) mineReturned.returned = returned;

  const byOfficer = new Map<string, number>();
  for (const g of groups) byOfficer.set(g.officer_id ?? '—', (byOfficer.get(g.officer_id ?? '—') ?? 0) + g.n);
  const byHour = new Array<number>(24).fill(0);
  for (const g of groups) byHour[Number(g.hour)]! += g.n;
  const channelCount = (match: (c: string | null) => boolean) => groups.reduce((s, g) => s + (match(g.channel) ? g.n : 0), 0);
  const logAt = o.log ?? { offset: 0, limit: LOG_PAGE_SIZE };
  const close = last === day ? (db.prepare('SELECT closed_at, closed_by FROM day_closes WHERE day = ?').get(day) as { closed_at: string; closed_by: string } | undefined) : undefined;
  const changedAfterClose = close
    ? (db.prepare(`SELECT COUNT(*) AS n FROM dossiers WHERE ngay_tiep_nhan BETWEEN @from AND @to AND updated_at > @closed ${counterClause}`).get({ ...p, closed: close.closed_at }) as { n: number }).n
    : 0;
  const review: ReviewItem[] = [
    ...(db.prepare(`SELECT ma_ho_so AS code, voided_at AS at, officer_id AS by, void_reason AS reason FROM dossiers WHERE voided_at BETWEEN @from AND @to ${counterClause}`).all(p) as Array<Omit<ReviewItem, 'kind'>>).map(
      (x) => ({ ...x, kind: 'void' as const }),
    ),
    ...(
      db
        .prepare(`SELECT d.ma_ho_so AS code, r.at, r.officer_id AS by, r.reason FROM receipt_prints r JOIN dossiers d ON d.id = r.dossier_id WHERE r.reprint = 1 AND r.at BETWEEN @from AND @to ${counterId ? 'AND d.counter_id = @counter' : ''}`)
        .all(p) as Array<Omit<ReviewItem, 'kind'>>
    ).map((x) => ({ ...x, kind: 'reprint' as const })),
    // The reason sits in stale_overrides; overrides audited before it existed kept theirs in the audit details.
    ...(
      db
        .prepare(
          "SELECT a.at, a.actor, a.details, s.reason FROM audit_log a LEFT JOIN stale_overrides s ON s.ma_ho_so = a.subject WHERE a.action = 'sync.override' AND a.at BETWEEN @from AND @to",
        )
        .all(p) as Array<{ at: string; actor: string | null; details: string | null; reason: string | null }>
    ).map((x) => ({
      kind: 'override' as const,
      code: null,
      at: x.at,
      by: x.actor,
      reason: ((): string | null => {
        if (x.reason !== null) return x.reason;
        try {
          return (JSON.parse(x.details ?? '{}') as { reason?: string }).reason ?? null;
        } catch {
          return null;
        }
      })(),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return {
    date: day,
    dateTo: last,
    counterId,
    unitCode: unit?.unitCode ?? null,
    generatedAt: o.now,
    unitDataAsOf: readSetting(db, 'sync.changesFetchedAt'),
    totals: {
      received: receivedCount,
      returned,
      turnedBack: tb.reduce((s, x) => s + x.n, 0),
      supplementRequested: tb.find((x) => x.form === '02')?.n ?? 0,
      refused: tb.find((x) => x.form === '03')?.n ?? 0,
      onTime: k766.kpi.truocHan + k766.kpi.dungHan,
      late: k766.kpi.treHan,
      pending: k766.kpi.dangTrongHan + k766.kpi.dangQuaHan,
      overdue: k766.kpi.dangQuaHan,
      voided,
      reprinted,
      feesCollected: [...fees.values()].reduce((s, n) => s + n, 0),
      unsynced,
    },
    byChannel: {
      direct: channelCount((c) => c === '1' || !c),
      online: channelCount((c) => c === '2'),
      post: channelCount((c) => c === '3'),
    },
    byProcedure: [...byProc.values()].sort((a, b) => b.received - a.received || a.tenTthc.localeCompare(b.tenTthc, 'vi')),
    byCounter: [...byCounter.values()].sort((a, b) => a.counterId.localeCompare(b.counterId)),
    byOfficer: [...byOfficer].map(([officerId, n]) => ({ officerId, received: n })),
    byHour,
    log: logAt.limit === 0 ? [] : logRows(db, { first: day, last, counterId, ...logAt }),
    logTotal: receivedCount,
    logOffset: logAt.offset,
    review,
    closed: close ? { at: close.closed_at, by: close.closed_by } : null,
    changedAfterClose,
    kpi766: k766.kpi,
    trend: k766.trend,
  };
}

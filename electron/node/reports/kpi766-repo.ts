import type Database from 'better-sqlite3';
import type { WorkCalendar } from '../../common/domain/calendar';
import { evaluateKpi, normalizeTime, type StatusEvent } from '../../common/domain/kpi';
import { addTo766, classify766, emptyKpi766, judgementTime, type Kpi766, type Kpi766Class } from '../../common/domain/kpi766';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { loadWorkCalendar } from '../calendar/calendar-repo';

// Read only: the 766 on-time indicator over the unit's dossiers as the feed shows them, plus this
// PC's own dossiers the feed has not shown yet (offline, or a counter without a province).

export interface TrendDay {
  readonly day: string;
  readonly received: number;
  /** Dossiers whose processing ended that day (trước hạn + đúng hạn + trễ hạn). */
  readonly finished: number;
  /** The 766 ratio judged at the end of that day. */
  readonly tyLeDungHan: number | null;
}

export interface Kpi766Report {
  readonly kpi: Kpi766;
  readonly byProcedure: ReadonlyMap<string, { name: string; onTime: number; late: number }>;
  readonly trend: TrendDay[];
}

interface Candidate {
  code: string;
  maTthc: string | null;
  name: string | null;
  receivedAt: string | null;
  due: string | null;
  history: StatusEvent[];
}

const OPEN = "('1', '2', '4', '5', '6')";
const DAY = 86_400_000;
const nat = (day: string, end: boolean) => `${day.replace(/-/g, '')}${end ? '999999' : '000000'}`;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * Every dossier that may count in [first, last] or in the trend days before it: received by the end
 * and, since, either changed or still open. Its history is the feed's versions plus the summary
 * times (NgayTiepNhan, NgayKetThucXuLy, NgayTra), so a dossier seen through one change only is
 * still judged.
 */
function candidates(db: Database.Database, from: string, last: string, counterId: string | null): Candidate[] {
  const out = new Map<string, Candidate>();
  const p = { fromIso: `${from}T00:00:00`, toIso: `${last}T99`, toNat: nat(last, true), counter: counterId };
  const remote = db
    .prepare(
      `SELECT r.ma_ho_so, r.ma_tthc, r.ten_tthc, r.received_at, r.due_at, r.finished_at, r.returned_at, r.status, r.changed_at, h.status AS h_status, h.changed_at AS h_at
       FROM remote_dossiers r LEFT JOIN remote_status_history h ON h.ma_ho_so = r.ma_ho_so
       WHERE (r.received_at IS NULL OR r.received_at <= @toNat) AND (r.status IN ${OPEN} OR r.changed_at IS NULL OR r.changed_at >= @fromIso)
       ${counterId ? 'AND r.counter_id = @counter' : ''}
       -- A receipt voided here reaches the province as withdrawn (7); it was a mistake, not a dossier processed.
       AND NOT EXISTS (SELECT 1 FROM dossiers v WHERE v.ma_ho_so = r.ma_ho_so AND v.voided_at IS NOT NULL)
       ORDER BY r.ma_ho_so, h.version`,
    )
    .iterate(p) as IterableIterator<{
    ma_ho_so: string;
    ma_tthc: string | null;
    ten_tthc: string | null;
    received_at: string | null;
    due_at: string | null;
    finished_at: string | null;
    returned_at: string | null;
    status: string;
    changed_at: string | null;
    h_status: string | null;
    h_at: string | null;
  }>;
  for (const r of remote) {
    let c = out.get(r.ma_ho_so);
    if (!c) {
      const received = normalizeTime(r.received_at);
      c = { code: r.ma_ho_so, maTthc: r.ma_tthc, name: r.ten_tthc, receivedAt: received, due: normalizeTime(r.due_at), history: [] };
      const push = (status: string, at: string | null) => at && c!.history.push({ status, at });
      push('2', received);
      push('9', normalizeTime(r.finished_at));
      push('10', normalizeTime(r.returned_at));
      push(r.status, normalizeTime(r.changed_at));
      out.set(r.ma_ho_so, c);
    }
    const at = normalizeTime(r.h_at);
    if (r.h_status && at) c.history.push({ status: r.h_status, at });
  }
  const local = db
    .prepare(
      `SELECT d.ma_ho_so, d.ma_tthc, d.ten_tthc, d.ngay_tiep_nhan, d.ngay_hen_tra, d.ngay_ket_thuc_xu_ly, d.ngay_tra, d.trang_thai, d.updated_at FROM dossiers d
       WHERE d.voided_at IS NULL AND d.ngay_tiep_nhan <= @toIso AND (d.trang_thai IN ${OPEN} OR d.ngay_tiep_nhan >= @fromIso OR d.updated_at >= @fromIso)
       ${counterId ? 'AND d.counter_id = @counter' : ''}
       AND NOT EXISTS (SELECT 1 FROM remote_dossiers r WHERE r.ma_ho_so = d.ma_ho_so)`,
    )
    .all(p) as Array<{
    ma_ho_so: string;
    ma_tthc: string;
    ten_tthc: string;
    ngay_tiep_nhan: string;
    ngay_hen_tra: string | null;
    ngay_ket_thuc_xu_ly: string | null;
    ngay_tra: string | null;
    trang_thai: string;
    updated_at: string;
  }>;
  for (const d of local) {
    const history: StatusEvent[] = [{ status: '2', at: d.ngay_tiep_nhan }];
    if (d.ngay_ket_thuc_xu_ly) history.push({ status: '9', at: d.ngay_ket_thuc_xu_ly });
    if (d.ngay_tra) history.push({ status: '10', at: d.ngay_tra });
    else if (d.trang_thai !== '2') history.push({ status: d.trang_thai, at: d.updated_at });
    out.set(d.ma_ho_so, { code: d.ma_ho_so, maTthc: d.ma_tthc, name: d.ten_tthc, receivedAt: d.ngay_tiep_nhan, due: d.ngay_hen_tra, history });
  }
  return [...out.values()];
}

/**
 * No NgayHenTra: the legal time limit instead — the procedure's duration in the catalog, counted
 * with the working calendar from the receipt time, as intake computes it.
 */
function legalDue(db: Database.Database, c: Candidate, cal: () => WorkCalendar): string | null {
  const received = c.receivedAt ?? c.history.map((e) => e.at).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
  if (!c.maTthc || !received) return null;
  const p = db.prepare('SELECT duration_value, duration_unit, gio_cat_ngay FROM procedures WHERE ma_tthc = ?').get(c.maTthc) as
    | { duration_value: number; duration_unit: 'NgayLamViec' | 'Ngay' | 'Gio' | 'Thang' | 'TrongNgay'; gio_cat_ngay: string | null }
    | undefined;
  if (!p) return null;
  return toVietnamRfc3339(cal().dueDate(new Date(received), p.duration_value, p.duration_unit, p.gio_cat_ngay));
}

/**
 * The 766 indicator for [first, last] judged at the period's end (or now), by procedure, and the
 * day-by-day trend over the last `trendDays` days up to `last`.
 */
export function kpi766Report(db: Database.Database, o: { first: string; last: string; now: string; counterId: string | null; trendDays: number }): Kpi766Report {
  const trendFrom = addDays(o.last, 1 - o.trendDays);
  const from = trendFrom < o.first ? trendFrom : o.first;
  let calendar: WorkCalendar | null = null;
  const cal = () => (calendar ??= loadWorkCalendar(db));
  const all = candidates(db, from, o.last, o.counterId);
  for (const c of all) c.due ??= legalDue(db, c, cal);

  const judgedAt = judgementTime(o.last, o.now);
  const kpi = emptyKpi766(judgedAt);
  const byProcedure = new Map<string, { name: string; onTime: number; late: number }>();
  for (const c of all) {
    const k = classify766(c.due, c.history, { from: o.first, judgedAt });
    if (!k) continue;
    addTo766(kpi, k);
    if (k === 'truocHan' || k === 'dungHan' || k === 'treHan') {
      const key = c.maTthc ?? '?';
      const e = byProcedure.get(key) ?? { name: c.name ?? key, onTime: 0, late: 0 };
      if (k === 'treHan') e.late++;
      else e.onTime++;
      byProcedure.set(key, e);
    }
  }

  // Cheap bounds per dossier so each trend day only judges the dossiers that can count on it.
  const bounds = all.map((c) => {
    const times = c.history.map((e) => Date.parse(e.at));
    return { first: Math.min(...times), last: Math.max(...times), ended: evaluateKpi(c.due, c.history).ended, day: c.receivedAt ? toVietnamRfc3339(new Date(c.receivedAt)).slice(0, 10) : null };
  });
  const trend: TrendDay[] = [];
  for (let day = trendFrom; day <= o.last; day = addDays(day, 1)) {
    const at = judgementTime(day, o.now);
    const dayStart = Date.parse(`${day}T00:00:00+07:00`);
    if (Date.parse(at) < dayStart) break; // a day still to come
    const k = emptyKpi766(at);
    let received = 0;
    for (const [i, c] of all.entries()) {
      const b = bounds[i]!;
      if (b.day === day) received++;
      if (b.first > Date.parse(at) || (b.ended && b.last < dayStart)) continue;
      const cls: Kpi766Class | null = classify766(c.due, c.history, { from: day, judgedAt: at });
      if (cls) addTo766(k, cls);
    }
    trend.push({ day, received, finished: k.truocHan + k.dungHan + k.treHan, tyLeDungHan: k.tyLeDungHan });
  }
  return { kpi, byProcedure, trend };
}

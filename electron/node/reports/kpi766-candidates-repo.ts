import type Database from 'better-sqlite3';
import { KPI_END_STATES, normalizeTime, type StatusEvent } from '../../common/domain/kpi';
import type { Kpi766Class } from '../../common/domain/kpi766';
import { localCandidateIds, OPEN_STATES as OPEN, remoteCandidateIds } from './kpi766-spans-repo';

// Read only: the dossiers the 766 indicator may count over a period, from the unit feed and from
// this PC's own records the feed has not shown yet.

/** A dossier judged in JS (kpi766-repo) from its whole history. */
export interface Candidate {
  code: string;
  maTthc: string | null;
  name: string | null;
  receivedAt: string | null;
  due: string | null;
  history: StatusEvent[];
  /** One of this PC's dossiers the feed has not shown (they come after the feed's in the list). */
  local?: true;
}

/**
 * A dossier judged as it is read: every time in one exact form, no supplement request, a due time,
 * ended, and nothing in its history from the trend window on. Its class for the period is then a
 * matter of comparing three time keys, and it cannot count on any trend day (they start later), so
 * a year's report builds no history, Date or sort for hundreds of thousands of them. `null`: not counted.
 */
export interface Settled {
  code: string;
  maTthc: string | null;
  name: string | null;
  settled: Kpi766Class | null;
}

/**
 * A dossier read with its facts (settledFacts, localSettledFacts) that is not settled before the
 * trend window: judged from those facts for the period and each trend day (kpi766-repo factJudge),
 * without building, ordering and evaluating its history — most of a day's candidates (issue #15).
 */
export interface Known {
  src: 0 | 1;
  code: string;
  maTthc: string | null;
  name: string | null;
  /** The Vietnam day it was received, as the trend counts it; null when the feed has no time. */
  receivedDay: string | null;
  facts: SettledFacts;
}

/** The Vietnam day of a received time in one of the exact forms (timeKey). */
export const keyDay = (received: string | null): string | null => {
  const k = timeKey(received) ?? null;
  return k && `${k.slice(0, 4)}-${k.slice(4, 6)}-${k.slice(6, 8)}`;
};

const nat = (day: string, end: boolean) => `${day.replace(/-/g, '')}${end ? '999999' : '000000'}`;

const SEP_FIELD = '\x1f';
const SEP_ROW = '\x1e';

const digits = (v: string, from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** A real calendar time (Date.parse rolls 30 February over to March, which a string comparison would not; 29 February is left to it). */
const calendarOk = (year: number, month: number, day: number, hour: number, minute: number, second: number) =>
  year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month - 1]! && hour < 24 && minute < 60 && second < 60;

/**
 * normalizeTime as a sort key — the Vietnam wall-clock time as yyyyMMddHHmmss — for the two exact
 * forms the feed sends: that national form itself and RFC 3339 at +07:00 to the second. null where
 * normalizeTime gives null for an empty value; undefined for any other form, which sends the
 * dossier to the JS path to be parsed by normalizeTime itself.
 */
export function timeKey(v: string | null): string | null | undefined {
  if (!v) return null;
  if (v.length === 14 && digits(v, 0, 14)) {
    return calendarOk(+v.slice(0, 4), +v.slice(4, 6), +v.slice(6, 8), +v.slice(8, 10), +v.slice(10, 12), +v.slice(12, 14)) ? v : undefined;
  }
  if (
    v.length === 25 && v.endsWith('+07:00') && v[4] === '-' && v[7] === '-' && v[10] === 'T' && v[13] === ':' && v[16] === ':' &&
    digits(v, 0, 4) && digits(v, 5, 7) && digits(v, 8, 10) && digits(v, 11, 13) && digits(v, 14, 16) && digits(v, 17, 19)
  ) {
    const k = v.slice(0, 4) + v.slice(5, 7) + v.slice(8, 10) + v.slice(11, 13) + v.slice(14, 16) + v.slice(17, 19);
    return calendarOk(+k.slice(0, 4), +k.slice(4, 6), +k.slice(6, 8), +k.slice(8, 10), +k.slice(10, 12), +k.slice(12, 14)) ? k : undefined;
  }
  return undefined;
}

const END_SET = new Set(KPI_END_STATES);

export interface RemoteRow {
  rid: number;
  ma_ho_so: string;
  counter_id: string | null;
  ma_tthc: string | null;
  ten_tthc: string | null;
  received_at: string | null;
  due_at: string | null;
  finished_at: string | null;
  returned_at: string | null;
  status: string;
  changed_at: string | null;
  h_count: number;
  hist: string | null;
}

/** A feed row with its history packed in one string; the caller adds WHERE … GROUP BY r.ma_ho_so. */
export const REMOTE_SELECT = `SELECT r.rowid AS rid, r.ma_ho_so, r.counter_id, r.ma_tthc, r.ten_tthc, r.received_at, r.due_at, r.finished_at, r.returned_at, r.status, r.changed_at,
              count(h.ma_ho_so) AS h_count, group_concat(h.status || char(31) || coalesce(h.changed_at, ''), char(30) ORDER BY h.version) AS hist
       FROM remote_dossiers r LEFT JOIN remote_status_history h ON h.ma_ho_so = r.ma_ho_so`;

export const LOCAL_COLUMNS = 'd.id, d.ma_ho_so, d.counter_id, d.ma_tthc, d.ten_tthc, d.ngay_tiep_nhan, d.ngay_hen_tra, d.ngay_ket_thuc_xu_ly, d.ngay_tra, d.trang_thai, d.updated_at';

/** The feed's history rows of one dossier as the query packed them, or null when a value held a separator. */
function unpack(r: RemoteRow): Array<{ status: string; changed_at: string }> | null {
  if (!r.h_count) return [];
  const rows = r.hist!.split(SEP_ROW).map((x) => x.split(SEP_FIELD));
  if (rows.length !== r.h_count || rows.some((x) => x.length !== 2)) return null;
  return rows.map(([status, changed_at]) => ({ status: status!, changed_at: changed_at! }));
}

/** A row's history: unpacked, or read again when a value held a separator. */
export function historyOf(db: Database.Database): (r: RemoteRow) => Array<{ status: string; changed_at: string | null }> {
  const history = db.prepare('SELECT status, changed_at FROM remote_status_history WHERE ma_ho_so = ? ORDER BY version');
  return (r) => unpack(r) ?? (history.all(r.ma_ho_so) as Array<{ status: string; changed_at: string | null }>);
}

/** What a settled dossier's class for any period follows from: its end, its last time and its verdict (keys of timeKey). */
export interface SettledFacts {
  end: string;
  last: string;
  due: string;
  /** The first time with a status other than 1 (from then on it counts); null: never. */
  counted: string | null;
  /** null: never counted (no status but 1). */
  verdict: 'truocHan' | 'dungHan' | 'treHan' | null;
}

/**
 * The facts of a feed row that has ended with no supplement request, a due time and every time in
 * one exact form — its class then no longer depends on the judgement time — or undefined.
 */
export function settledFacts(r: Omit<RemoteRow, 'h_count' | 'hist'>, hist: ReadonlyArray<{ status: string; changed_at: string | null }>): SettledFacts | undefined {
  const due = timeKey(r.due_at);
  if (!due || r.status === '5') return undefined;
  let end: string | null = null;
  let max = '';
  let counted: string | null = null;
  const event = (status: string, raw: string | null): boolean => {
    const k = timeKey(raw);
    if (k === undefined) return false;
    if (k === null) return true;
    if (END_SET.has(status) && (end === null || k < end)) end = k;
    if (k > max) max = k;
    if (status !== '1' && (counted === null || k < counted)) counted = k;
    return true;
  };
  if (!event('2', r.received_at) || !event('9', r.finished_at) || !event('10', r.returned_at) || !event(r.status, r.changed_at)) return undefined;
  for (const h of hist) if (h.status === '5' || h.status === '' || !event(h.status, h.changed_at)) return undefined;
  return end === null ? undefined : verdictOf(end, max, due, counted);
}

function verdictOf(end: string, last: string, due: string, counted: string | null): SettledFacts {
  const verdict = counted === null ? null : end > due ? 'treHan' : end.slice(0, 8) < due.slice(0, 8) ? 'truocHan' : 'dungHan';
  return { end, last, verdict, due, counted };
}

/** Its class for a period starting at `start` whose trend window starts at `before`, or undefined when not settled before it. */
export function settledIn(f: SettledFacts | undefined, start: string, before: string): Kpi766Class | null | undefined {
  if (!f || f.last >= before) return undefined;
  return f.verdict === null || f.end < start ? null : f.verdict;
}

/** This PC's dossier as the candidates query reads it. */
export interface LocalRow {
  id: number;
  ma_ho_so: string;
  counter_id: string;
  ma_tthc: string;
  ten_tthc: string;
  ngay_tiep_nhan: string;
  ngay_hen_tra: string | null;
  ngay_ket_thuc_xu_ly: string | null;
  ngay_tra: string | null;
  trang_thai: string;
  updated_at: string;
}

/** The history the JS path judges for one of this PC's dossiers. */
function localHistory(d: LocalRow): StatusEvent[] {
  const history: StatusEvent[] = [{ status: '2', at: d.ngay_tiep_nhan }];
  if (d.ngay_ket_thuc_xu_ly) history.push({ status: '9', at: d.ngay_ket_thuc_xu_ly });
  if (d.ngay_tra) history.push({ status: '10', at: d.ngay_tra });
  else if (d.trang_thai !== '2') history.push({ status: d.trang_thai, at: d.updated_at });
  return history;
}

/**
 * settledFacts for one of this PC's dossiers. Its history is judged from the stored strings (not
 * normalised), so only RFC 3339 at +07:00 to the second, where Date.parse and the key agree, qualifies.
 */
export function localSettledFacts(d: LocalRow): SettledFacts | undefined {
  const exact = (v: string | null) => (v !== null && v.length === 25 ? timeKey(v) : undefined);
  const due = exact(d.ngay_hen_tra);
  if (!due || d.trang_thai === '5') return undefined;
  let end: string | null = null;
  let max = '';
  let counted: string | null = null;
  for (const e of localHistory(d)) {
    const k = exact(e.at);
    if (!k) return undefined;
    if (END_SET.has(e.status) && (end === null || k < end)) end = k;
    if (k > max) max = k;
    if (e.status !== '1' && (counted === null || k < counted)) counted = k;
  }
  return end === null ? undefined : verdictOf(end, max, due, counted);
}

/**
 * Every dossier that may count in [from, last] or in the trend days before it: received by the end
 * and, since, either changed or still open, in code order. Its history is the feed's versions plus
 * the summary times (NgayTiepNhan, NgayKetThucXuLy, NgayTra), so a dossier seen through one change
 * only is still judged. `settle` (the period's first day and the trend window's first instant, with
 * the judgement time no earlier) lets the query judge the settled dossiers itself. `only`: the rows
 * to look at (rowids of the feed's rows and ids of this PC's), when the caller knows a superset.
 * `known`: a dossier with facts comes back as Known instead of with its history (false: every one
 * judged from its history, the plain path the facts are checked against).
 */
export function candidates(
  db: Database.Database,
  from: string,
  last: string,
  counterId: string | null,
  settle: { start: string; before: string } | null,
  only?: { remote: number[]; local: number[] },
  known = false,
): Array<Candidate | Settled | Known> {
  const out: Array<Candidate | Settled | Known> = [];
  const p = { fromIso: `${from}T00:00:00`, toIso: `${last}T99`, toNat: nat(last, true), counter: counterId };
  // The rows to look at, found through the indexes; the conditions below stay the exact test.
  const remoteIds = only ? only.remote : remoteCandidateIds(db, p);
  const rows = db
    .prepare(
      `${REMOTE_SELECT}
       WHERE ${remoteIds ? 'r.rowid IN (SELECT value FROM json_each(@ids)) AND' : ''} (r.received_at IS NULL OR r.received_at <= @toNat) AND (r.status IN ${OPEN} OR r.changed_at IS NULL OR r.changed_at >= @fromIso)
       ${counterId ? 'AND r.counter_id = @counter' : ''}
       -- A receipt voided here reaches the province as withdrawn (7); it was a mistake, not a dossier processed.
       AND r.ma_ho_so NOT IN (SELECT v.ma_ho_so FROM dossiers v WHERE v.voided_at IS NOT NULL)
       GROUP BY r.ma_ho_so ORDER BY r.ma_ho_so`,
    )
    .all(remoteIds ? { ...p, ids: JSON.stringify(remoteIds) } : p) as RemoteRow[];
  const history = historyOf(db);
  const start = settle ? timeKey(settle.start) : undefined;
  const before = settle ? timeKey(settle.before) : undefined;
  for (const r of rows) {
    const hist = history(r);
    const facts = settledFacts(r, hist);
    const settled = start && before ? settledIn(facts, start, before) : undefined;
    if (settled !== undefined) {
      out.push({ code: r.ma_ho_so, maTthc: r.ma_tthc, name: r.ten_tthc, settled });
      continue;
    }
    if (known && facts) {
      out.push({ src: 0, code: r.ma_ho_so, maTthc: r.ma_tthc, name: r.ten_tthc, receivedDay: keyDay(r.received_at), facts });
      continue;
    }
    const received = normalizeTime(r.received_at);
    const c: Candidate = { code: r.ma_ho_so, maTthc: r.ma_tthc, name: r.ten_tthc, receivedAt: received, due: normalizeTime(r.due_at), history: [] };
    const push = (status: string, at: string | null) => at && c.history.push({ status, at });
    push('2', received);
    push('9', normalizeTime(r.finished_at));
    push('10', normalizeTime(r.returned_at));
    push(r.status, normalizeTime(r.changed_at));
    for (const h of hist) if (h.status) push(h.status, normalizeTime(h.changed_at));
    out.push(c);
  }
  const localIds = only ? only.local : localCandidateIds(db, p);
  const local = db
    .prepare(
      `SELECT ${LOCAL_COLUMNS} FROM dossiers d
       WHERE ${localIds ? 'd.id IN (SELECT value FROM json_each(@ids)) AND' : ''} d.voided_at IS NULL AND d.ngay_tiep_nhan <= @toIso AND (d.trang_thai IN ${OPEN} OR d.ngay_tiep_nhan >= @fromIso OR d.updated_at >= @fromIso)
       ${counterId ? 'AND d.counter_id = @counter' : ''}
       AND NOT EXISTS (SELECT 1 FROM remote_dossiers r WHERE r.ma_ho_so = d.ma_ho_so)
       ORDER BY d.ma_ho_so`,
    )
    .all(localIds ? { ...p, ids: JSON.stringify(localIds) } : p) as LocalRow[];
  for (const d of local) {
    const facts = known ? localSettledFacts(d) : undefined;
    if (facts) out.push({ src: 1, code: d.ma_ho_so, maTthc: d.ma_tthc, name: d.ten_tthc, receivedDay: keyDay(d.ngay_tiep_nhan), facts });
    else out.push({ code: d.ma_ho_so, maTthc: d.ma_tthc, name: d.ten_tthc, receivedAt: d.ngay_tiep_nhan, due: d.ngay_hen_tra, history: localHistory(d), local: true });
  }
  return out;
}

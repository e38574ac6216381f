import type Database from 'better-sqlite3';
import { feedTimes, procedureAgencies } from '../forms/form-repo';

// Read only: the report's Mẫu 07 log (sổ theo dõi hồ sơ) — the dossiers received in a period, in
// the order received — a page at a time. A year at a million dossiers holds ~350,000 rows: nobody
// reads that on a screen, and building it made a year's report take 17 s.

export interface LogRow {
  readonly stt: number;
  readonly code: string;
  readonly procedure: string;
  readonly sets: number;
  readonly applicant: string;
  readonly addressPhone: string;
  readonly agency: string;
  readonly receivedAt: string;
  readonly dueAt: string | null;
  readonly transferredAt: string | null;
  readonly resultReceivedAt: string | null;
  readonly returnedAt: string | null;
  readonly note: string;
}

/** Rows a report carries on screen, and what one `report.log` call returns at most. */
export const LOG_PAGE_SIZE = 200;
export const LOG_PAGE_MAX = 1000;

/**
 * A period longer than this is exported with its summary only: its log is in the day (or month)
 * reports. 31 days is a month's log, what a supervisor prints and files (≈ 30,000 rows at a
 * busy unit); a year's would be tens of thousands of pages nobody files.
 */
export const LOG_EXPORT_MAX_DAYS = 31;

export interface LogPage {
  readonly rows: LogRow[];
  /** Every row of the log, not only this page's. */
  readonly total: number;
  readonly offset: number;
}

export interface LogQuery {
  readonly first: string;
  readonly last: string;
  readonly counterId: string | null;
  /** Rows to skip; the first page is 0. */
  readonly offset: number;
  /** Rows at most; null for every row from `offset` on (an export). */
  readonly limit: number | null;
}

const bounds = (q: LogQuery) => ({ from: `${q.first}T00:00:00`, to: `${q.last}T99`, counter: q.counterId });

/** How many rows the log of the period holds: the live (not voided) dossiers received in it. */
export function logTotal(db: Database.Database, q: Omit<LogQuery, 'offset' | 'limit'>): number {
  const p = bounds({ ...q, offset: 0, limit: null });
  return (
    db
      .prepare(`SELECT count(*) AS n FROM dossiers WHERE ngay_tiep_nhan BETWEEN @from AND @to AND voided_at IS NULL ${q.counterId ? 'AND counter_id = @counter' : ''}`)
      .get(p) as { n: number }
  ).n;
}

/**
 * One page of the log. Mẫu 07's STT is the number the receipt printed; a dossier without one (from
 * before log numbers) gets its place in the whole log, so a page shows what the full log shows.
 * The agency comes from the catalog, the hand-overs from the changes feed.
 */
export function logRows(db: Database.Database, q: LogQuery): LogRow[] {
  const rows = db
    .prepare(
      `SELECT ma_ho_so, ma_tthc, ten_tthc, so_bo, chu_ho_so, dia_chi, so_dien_thoai, ngay_tiep_nhan, ngay_hen_tra, ngay_tra, trang_thai, so_thu_tu
       FROM dossiers WHERE ngay_tiep_nhan BETWEEN @from AND @to AND voided_at IS NULL ${q.counterId ? 'AND counter_id = @counter' : ''}
       ORDER BY ngay_tiep_nhan, id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...bounds(q), limit: q.limit ?? -1, offset: q.offset }) as Array<{
    ma_ho_so: string;
    ma_tthc: string;
    ten_tthc: string;
    so_bo: number;
    chu_ho_so: string;
    dia_chi: string | null;
    so_dien_thoai: string | null;
    ngay_tiep_nhan: string;
    ngay_hen_tra: string | null;
    ngay_tra: string | null;
    trang_thai: string;
    so_thu_tu: number | null;
  }>;
  const agencies = procedureAgencies(db, rows.map((r) => r.ma_tthc));
  const feed = feedTimes(db, rows.map((r) => r.ma_ho_so));
  return rows.map((r, i) => ({
    stt: r.so_thu_tu ?? q.offset + i + 1,
    code: r.ma_ho_so,
    procedure: r.ten_tthc,
    sets: r.so_bo,
    applicant: r.chu_ho_so,
    addressPhone: [r.dia_chi, r.so_dien_thoai].filter(Boolean).join(' — '),
    agency: agencies.get(r.ma_tthc) ?? '',
    receivedAt: r.ngay_tiep_nhan,
    dueAt: r.ngay_hen_tra,
    transferredAt: feed.get(r.ma_ho_so)?.transferredAt ?? null,
    resultReceivedAt: feed.get(r.ma_ho_so)?.resultReceivedAt ?? null,
    returnedAt: r.ngay_tra,
    note: r.trang_thai === '10' ? 'Đã trả kết quả' : '',
  }));
}

/** A page of the log with the count of the whole. */
export function logPage(db: Database.Database, q: LogQuery): LogPage {
  return { rows: logRows(db, q), total: logTotal(db, q), offset: q.offset };
}

/** Days from `first` to `last`, both counted. */
export const periodDays = (first: string, last: string): number => Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;

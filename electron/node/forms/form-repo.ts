import type Database from 'better-sqlite3';
import { normalizeTime } from '../../common/domain/kpi';

/**
 * The owner of `form_notices` (Mẫu 04 and 05 written for a dossier), and the forms' read model
 * over the rest: a dossier's turn-backs, its procedure's agency and what the changes feed said.
 */

export interface FormNotice {
  readonly id: number;
  readonly form: '04' | '05';
  readonly reason: string;
  readonly newDueAt: string | null;
  readonly officerId: string | null;
  readonly at: string;
}

export function insertFormNotice(db: Database.Database, n: { dossierId: number; form: '04' | '05'; reason: string; newDueAt: string | null; officerId: string; at: string }): number {
  return Number(
    db
      .prepare('INSERT INTO form_notices (dossier_id, form, reason, new_due_at, officer_id, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(n.dossierId, n.form, n.reason, n.newDueAt, n.officerId, n.at).lastInsertRowid,
  );
}

/** The latest Mẫu 04 / 05 of a dossier: a reprint shows what was written, not something new. */
export function latestFormNotice(db: Database.Database, dossierId: number, form: '04' | '05'): FormNotice | null {
  return (
    (db
      .prepare('SELECT id, form, reason, new_due_at AS newDueAt, officer_id AS officerId, at FROM form_notices WHERE dossier_id = ? AND form = ? ORDER BY id DESC LIMIT 1')
      .get(dossierId, form) as FormNotice | undefined) ?? null
  );
}

export function writtenNotices(db: Database.Database, dossierId: number): Array<'04' | '05'> {
  return db.prepare('SELECT DISTINCT form FROM form_notices WHERE dossier_id = ? ORDER BY form').pluck().all(dossierId) as Array<'04' | '05'>;
}

export interface TurnBackRow {
  readonly id: number;
  readonly form: '02' | '03';
  readonly maTthc: string;
  readonly tenTthc: string;
  readonly officerId: string;
  readonly applicantName: string;
  readonly address: string | null;
  readonly phone: string | null;
  readonly reasons: string[];
  readonly reason: string | null;
  readonly at: string;
}

/**
 * Turn-backs (Mẫu 02 / 03) of the same applicant for the same procedure, newest first: they are
 * kept apart from dossiers, and the applicant's ID number is what ties them to the dossier.
 */
export function turnBacksOfDossier(db: Database.Database, d: { idNumber: string | null; procedureCode: string }): TurnBackRow[] {
  if (!d.idNumber) return [];
  const rows = db
    .prepare(
      `SELECT id, form, ma_tthc, ten_tthc, officer_id, chu_ho_so, dia_chi, so_dien_thoai, reasons, ly_do, at FROM turn_backs
       WHERE so_giay_to = ? AND ma_tthc = ? ORDER BY at DESC, id DESC`,
    )
    .all(d.idNumber, d.procedureCode) as Array<{
    id: number;
    form: '02' | '03';
    ma_tthc: string;
    ten_tthc: string;
    officer_id: string | null;
    chu_ho_so: string;
    dia_chi: string | null;
    so_dien_thoai: string | null;
    reasons: string;
    ly_do: string | null;
    at: string;
  }>;
  return rows.map((r) => ({
    id: r.id,
    form: r.form,
    maTthc: r.ma_tthc,
    tenTthc: r.ten_tthc,
    officerId: r.officer_id ?? '',
    applicantName: r.chu_ho_so,
    address: r.dia_chi,
    phone: r.so_dien_thoai,
    reasons: JSON.parse(r.reasons) as string[],
    reason: r.ly_do,
    at: r.at,
  }));
}

/** Cơ quan chủ trì giải quyết: the catalog's CoQuanThucHien of each procedure. */
export function procedureAgencies(db: Database.Database, codes: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const unique = [...new Set(codes)];
  if (!unique.length) return out;
  const rows = db.prepare(`SELECT ma_tthc, co_quan FROM procedures WHERE ma_tthc IN (${unique.map(() => '?').join(',')})`).all(...unique) as Array<{ ma_tthc: string; co_quan: string | null }>;
  for (const r of rows) if (r.co_quan) out.set(r.ma_tthc, r.co_quan);
  return out;
}

/** What the changes feed says about a dossier's way through the deciding body. */
export interface FeedTimes {
  /** First "Đang xử lý" (4): the dossier reached the deciding body. */
  readonly transferredAt: string | null;
  /** First "Đã xử lý xong" (9), else NgayKetThucXuLy: the result came back to the desk. */
  readonly resultReceivedAt: string | null;
  /** First "Dừng xử lý" (8). */
  readonly stoppedAt: string | null;
  /** The appointment as the province holds it now. */
  readonly dueAt: string | null;
  /** The last change's GhiChu. */
  readonly note: string | null;
}

export function feedTimes(db: Database.Database, codes: readonly string[]): Map<string, FeedTimes> {
  const out = new Map<string, FeedTimes>();
  const unique = [...new Set(codes)];
  if (!unique.length) return out;
  // One query per table for the whole list (a year's report asks for hundreds of thousands), not two per dossier.
  const list = JSON.stringify(unique);
  const firsts = new Map<string, Map<string, string | null>>();
  for (const r of db
    .prepare(
      "SELECT ma_ho_so, status, MIN(changed_at) AS at FROM remote_status_history WHERE ma_ho_so IN (SELECT value FROM json_each(?)) AND status IN ('4', '8', '9') GROUP BY ma_ho_so, status",
    )
    .all(list) as Array<{ ma_ho_so: string; status: string; at: string | null }>) {
    const m = firsts.get(r.ma_ho_so) ?? new Map<string, string | null>();
    m.set(r.status, normalizeTime(r.at));
    firsts.set(r.ma_ho_so, m);
  }
  const remote = new Map<string, { due_at: string | null; finished_at: string | null; payload: string }>();
  for (const r of db.prepare('SELECT ma_ho_so, due_at, finished_at, payload FROM remote_dossiers WHERE ma_ho_so IN (SELECT value FROM json_each(?))').all(list) as Array<{
    ma_ho_so: string;
    due_at: string | null;
    finished_at: string | null;
    payload: string;
  }>)
    remote.set(r.ma_ho_so, r);
  for (const code of unique) {
    const first = firsts.get(code);
    const r = remote.get(code);
    if (!first && !r) continue;
    let note: string | null = null;
    try {
      note = r ? ((JSON.parse(r.payload) as { GhiChu?: string }).GhiChu ?? null) : null;
    } catch {
      note = null;
    }
    out.set(code, {
      transferredAt: first?.get('4') ?? null,
      resultReceivedAt: first?.get('9') ?? normalizeTime(r?.finished_at),
      stoppedAt: first?.get('8') ?? null,
      dueAt: normalizeTime(r?.due_at),
      note,
    });
  }
  return out;
}

/** When the result was handed to the citizen (status 10), for Mẫu 06's last hand-over. */
export function dossierReturnedAt(db: Database.Database, code: string): string | null {
  return (db.prepare('SELECT ngay_tra FROM dossiers WHERE ma_ho_so = ?').get(code) as { ngay_tra: string | null } | undefined)?.ngay_tra ?? null;
}

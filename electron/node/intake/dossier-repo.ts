import type Database from 'better-sqlite3';
import type { DossierDetail, DossierSummary } from '../../common/domain/dossier';
import { AppFailure } from '../../common/ipc/result';

interface Row {
  id: number;
  ma_ho_so: string;
  ma_tthc: string;
  ten_tthc: string;
  chu_ho_so: string;
  so_giay_to: string | null;
  so_dien_thoai: string | null;
  ngay_tiep_nhan: string;
  ngay_hen_tra: string | null;
  trang_thai: string;
  sync_state: string;
  counter_id: string;
  voided_at: string | null;
}

const SUMMARY_COLUMNS =
  'id, ma_ho_so, ma_tthc, ten_tthc, chu_ho_so, so_giay_to, so_dien_thoai, ngay_tiep_nhan, ngay_hen_tra, trang_thai, sync_state, counter_id, voided_at';

const toSummary = (r: Row): DossierSummary => ({
  id: r.id,
  code: r.ma_ho_so,
  procedureCode: r.ma_tthc,
  procedureName: r.ten_tthc,
  applicantName: r.chu_ho_so,
  idNumber: r.so_giay_to,
  phone: r.so_dien_thoai,
  receivedAt: r.ngay_tiep_nhan,
  dueAt: r.ngay_hen_tra,
  status: r.trang_thai,
  syncState: r.sync_state,
  counterId: r.counter_id,
  voided: r.voided_at !== null,
});

/** Dossiers received on a Vietnamese calendar day (`YYYY-MM-DD`), newest first. */
export function dossiersOfDay(db: Database.Database, day: string, limit = 5000): DossierSummary[] {
  return (
    db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE ngay_tiep_nhan >= ? AND ngay_tiep_nhan < ? ORDER BY ngay_tiep_nhan DESC, id DESC LIMIT ?`)
      .all(`${day}T00:00:00`, `${day}T99`, limit) as Row[]
  ).map(toSummary);
}

export function summariesByIds(db: Database.Database, ids: readonly number[]): DossierSummary[] {
  if (!ids.length) return [];
  const rows = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM dossiers WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Row[];
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
  return ids.map((id) => byId.get(id)).filter((x): x is DossierSummary => Boolean(x));
}

/** Earlier dossiers of the same person (by ID number): "provide information once". */
export function dossiersOfApplicant(db: Database.Database, idNumber: string, limit = 20): { dossiers: DossierSummary[]; phone: string | null; email: string | null } {
  const rows = db.prepare(`SELECT ${SUMMARY_COLUMNS}, email FROM dossiers WHERE so_giay_to = ? ORDER BY ngay_tiep_nhan DESC LIMIT ?`).all(idNumber, limit) as Array<
    Row & { email: string | null }
  >;
  return {
    dossiers: rows.map(toSummary),
    phone: rows.find((r) => r.so_dien_thoai)?.so_dien_thoai ?? null,
    email: rows.find((r) => r.email)?.email ?? null,
  };
}

export function dossierDetail(db: Database.Database, code: string): DossierDetail | null {
  const r = db.prepare('SELECT * FROM dossiers WHERE ma_ho_so = ?').get(code) as
    | (Row & {
        loai_doi_tuong: string;
        ngay_sinh: string | null;
        gioi_tinh: string | null;
        dia_chi: string | null;
        email: string | null;
        trich_yeu: string | null;
        so_bo: number;
        officer_id: string | null;
        idempotency_key: string | null;
        receipt_path: string | null;
      })
    | undefined;
  if (!r) return null;
  const documents = db
    .prepare('SELECT ma_thanh_phan AS code, ten AS name, originals, copies FROM dossier_documents WHERE dossier_id = ? ORDER BY position')
    .all(r.id) as DossierDetail['documents'];
  const fees = db.prepare('SELECT ma_phi AS code, ten AS name, amount_vnd AS amountVnd FROM dossier_fees WHERE dossier_id = ? ORDER BY position').all(r.id) as DossierDetail['fees'];
  const attachments = db
    .prepare(
      "SELECT id, file_name AS fileName, content_type AS contentType, sha256, size_bytes AS sizeBytes, ma_thanh_phan AS documentCode FROM attachments WHERE dossier_id = ? AND kind = 'scan' ORDER BY id",
    )
    .all(r.id) as DossierDetail['attachments'];
  return {
    ...toSummary(r),
    applicantType: r.loai_doi_tuong,
    birthDate: r.ngay_sinh,
    sex: r.gioi_tinh,
    address: r.dia_chi,
    email: r.email,
    summary: r.trich_yeu,
    sets: r.so_bo,
    officerId: r.officer_id,
    documents,
    fees,
    attachments,
    idempotencyKey: r.idempotency_key,
    receiptPath: r.receipt_path,
  };
}

export interface NewDossier {
  readonly code: string;
  readonly maTthc: string;
  readonly tenTthc: string;
  readonly unitCode: string;
  readonly counterId: string;
  readonly officerId: string;
  readonly applicantType: string;
  readonly applicantName: string;
  readonly idNumber: string | null;
  readonly birthDate: string | null;
  readonly sex: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly summary: string;
  readonly sets: number;
  readonly receivedAt: string;
  readonly dueAt: string;
  readonly idIssuedOn: string | null;
  readonly idempotencyKey: string;
  readonly nameFolded: string;
  readonly documents: ReadonlyArray<{ code: string; name: string; originals: number; copies: number }>;
  readonly fees: ReadonlyArray<{ code: string; name: string; amountVnd: number }>;
  readonly attachments: ReadonlyArray<{ documentCode: string | null; fileName: string; contentType: string; sha256: string; sizeBytes: number }>;
  readonly at: string;
}

/** The dossier's rows (dossier, documents, fees, scans) inside the caller's transaction; returns the ids the outbox refers to. */
export function insertDossier(db: Database.Database, d: NewDossier): { id: number; attachmentIds: number[] } {
  const id = Number(
    db
      .prepare(
        `INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, kenh_thuc_hien, loai_doi_tuong, chu_ho_so,
           so_giay_to, ngay_sinh, gioi_tinh, dia_chi, so_dien_thoai, email, trich_yeu, so_bo, ngay_tiep_nhan, ngay_hen_tra, trang_thai,
           sync_state, created_at, updated_at, ngay_cap_giay_to, idempotency_key, name_folded)
         VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2', 'pending', ?, ?, ?, ?, ?)`,
      )
      .run(
        d.code, d.maTthc, d.tenTthc, d.unitCode, d.counterId, d.officerId, d.applicantType, d.applicantName, d.idNumber, d.birthDate, d.sex,
        d.address, d.phone, d.email, d.summary, d.sets, d.receivedAt, d.dueAt, d.at, d.at, d.idIssuedOn, d.idempotencyKey, d.nameFolded,
      ).lastInsertRowid,
  );
  const insDoc = db.prepare('INSERT INTO dossier_documents (dossier_id, ma_thanh_phan, ten, originals, copies, position, provided) VALUES (?, ?, ?, ?, ?, ?, 1)');
  d.documents.forEach((x, i) => insDoc.run(id, x.code, x.name, x.originals, x.copies, i));
  const insFee = db.prepare('INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position) VALUES (?, ?, ?, ?, ?)');
  d.fees.forEach((f, i) => insFee.run(id, f.code, f.name, f.amountVnd, i));
  const insAtt = db.prepare(
    "INSERT INTO attachments (dossier_id, ma_thanh_phan, kind, file_name, content_type, sha256, size_bytes, created_at) VALUES (?, ?, 'scan', ?, ?, ?, ?, ?)",
  );
  const attachmentIds = d.attachments.map((a) => Number(insAtt.run(id, a.documentCode, a.fileName, a.contentType, a.sha256, a.sizeBytes, d.at).lastInsertRowid));
  return { id, attachmentIds };
}

/** What deciding a same-day void needs to know about a dossier. */
export function voidState(db: Database.Database, code: string): { id: number; trang_thai: string; ngay_tiep_nhan: string; voided_at: string | null; counter_id: string } | undefined {
  return db.prepare('SELECT id, trang_thai, ngay_tiep_nhan, voided_at, counter_id FROM dossiers WHERE ma_ho_so = ?').get(code) as
    | { id: number; trang_thai: string; ngay_tiep_nhan: string; voided_at: string | null; counter_id: string }
    | undefined;
}

/** Voided, not deleted: the code stays used and the row stays for the day's review. */
export function markVoided(db: Database.Database, id: number, reason: string, at: string): void {
  db.prepare('UPDATE dossiers SET voided_at = ?, void_reason = ?, updated_at = ? WHERE id = ?').run(at, reason, at, id);
}

/** A printed or re-printed Mẫu 01: the first PDF is kept with the dossier, every print is listed for the day's review. */
export function recordReceiptPrint(db: Database.Database, code: string, o: { path: string; reprint: boolean; reason: string | null; officerId: string | null; at: string }): void {
  const row = db.prepare('SELECT id FROM dossiers WHERE ma_ho_so = ?').get(code) as { id: number } | undefined;
  if (!row) throw new AppFailure('not_found', `Không có hồ sơ mã ${code}.`);
  if (!o.reprint) db.prepare('UPDATE dossiers SET receipt_path = ? WHERE id = ?').run(o.path, row.id);
  db.prepare("INSERT INTO receipt_prints (dossier_id, form, medium, reprint, reason, officer_id, at) VALUES (?, '01', 'pdf', ?, ?, ?, ?)").run(
    row.id,
    o.reprint ? 1 : 0,
    o.reason,
    o.officerId,
    o.at,
  );
}

export interface NewTurnBack {
  readonly form: '02' | '03';
  readonly maTthc: string;
  readonly tenTthc: string;
  readonly unitCode: string;
  readonly counterId: string;
  readonly officerId: string;
  readonly applicantName: string;
  readonly idNumber: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly reasons: readonly string[];
  readonly at: string;
}

/** Mẫu 02 / 03 given to a citizen: no dossier, no code; kept for the day's report. */
export function insertTurnBack(db: Database.Database, t: NewTurnBack): number {
  return Number(
    db
      .prepare(
        'INSERT INTO turn_backs (form, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, chu_ho_so, so_giay_to, dia_chi, so_dien_thoai, reasons, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(t.form, t.maTthc, t.tenTthc, t.unitCode, t.counterId, t.officerId, t.applicantName, t.idNumber, t.address, t.phone, JSON.stringify(t.reasons), t.at).lastInsertRowid,
  );
}

export function setTurnBackPdf(db: Database.Database, id: number, path: string): void {
  db.prepare('UPDATE turn_backs SET pdf_path = ? WHERE id = ?').run(path, id);
}


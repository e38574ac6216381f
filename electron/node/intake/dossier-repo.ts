import type Database from 'better-sqlite3';
import type { DossierDetail, DossierSummary } from '../../common/domain/dossier';
import { failure } from '../../common/ipc/result';

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
        so_thu_tu: number | null;
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
    logNumber: r.so_thu_tu,
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
  readonly fees: ReadonlyArray<{ code: string; name: string; amountVnd: number; kind: string | null; timing?: 'TiepNhan' | 'TraKetQua' }>;
  readonly channel: '1' | '3';
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
           sync_state, created_at, updated_at, ngay_cap_giay_to, idempotency_key, name_folded, so_thu_tu)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2', 'pending', ?, ?, ?, ?, ?,
           (SELECT COALESCE(MAX(so_thu_tu), 0) + 1 FROM dossiers WHERE unit_code = ? AND substr(ngay_tiep_nhan, 1, 4) = substr(?, 1, 4)))`,
      )
      .run(
        d.code, d.maTthc, d.tenTthc, d.unitCode, d.counterId, d.officerId, d.channel, d.applicantType, d.applicantName, d.idNumber, d.birthDate, d.sex,
        d.address, d.phone, d.email, d.summary, d.sets, d.receivedAt, d.dueAt, d.at, d.at, d.idIssuedOn, d.idempotencyKey, d.nameFolded, d.unitCode, d.receivedAt,
      ).lastInsertRowid,
  );
  const insDoc = db.prepare('INSERT INTO dossier_documents (dossier_id, ma_thanh_phan, ten, originals, copies, position, provided) VALUES (?, ?, ?, ?, ?, ?, 1)');
  d.documents.forEach((x, i) => insDoc.run(id, x.code, x.name, x.originals, x.copies, i));
  const insFee = db.prepare('INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position, loai, thoi_diem_thu, collected_at, collected_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  // A fee taken at intake is collected now, by the receiving officer; one taken at the hand-over waits for it.
  for (const [i, f] of d.fees.entries()) insFee.run(id, f.code, f.name, f.amountVnd, i, f.kind, f.timing ?? 'TiepNhan', f.timing === 'TraKetQua' ? null : d.receivedAt, f.timing === 'TraKetQua' ? null : d.officerId);
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
  if (!row) throw failure('not_found', 'dossier.notFound', { code });
  if (!o.reprint) db.prepare('UPDATE dossiers SET receipt_path = ? WHERE id = ?').run(o.path, row.id);
  db.prepare("INSERT INTO receipt_prints (dossier_id, form, medium, reprint, reason, officer_id, at) VALUES (?, '01', 'pdf', ?, ?, ?, ?)").run(
    row.id,
    o.reprint ? 1 : 0,
    o.reason,
    o.officerId,
    o.at,
  );
}

// ---- sync, result documents, thermal prints -------------------------------------------------

export function dossierIdByCode(db: Database.Database, code: string): number | null {
  return (db.prepare('SELECT id FROM dossiers WHERE ma_ho_so = ?').get(code) as { id: number } | undefined)?.id ?? null;
}

export function requireDossierId(db: Database.Database, code: string): number {
  const id = dossierIdByCode(db, code);
  if (id === null) throw failure('not_found', 'dossier.notFound', { code });
  return id;
}

/** The dossier as stored, with what the provincial payload lists: paper components, scans and fees. */
export interface PayloadDossier {
  readonly dossier: {
    id: number;
    ma_ho_so: string;
    ma_tthc: string;
    ten_tthc: string;
    counter_id: string;
    officer_id: string | null;
    kenh_thuc_hien: string;
    loai_doi_tuong: string;
    chu_ho_so: string;
    so_giay_to: string | null;
    ngay_sinh: string | null;
    gioi_tinh: string | null;
    dia_chi: string | null;
    so_dien_thoai: string | null;
    email: string | null;
    trich_yeu: string | null;
    ngay_tiep_nhan: string;
    ngay_hen_tra: string | null;
    trang_thai: string;
  };
  readonly documents: ReadonlyArray<{ ma_thanh_phan: string; ten: string }>;
  readonly scans: ReadonlyArray<{ id: number; ma_thanh_phan: string | null; file_name: string; upload_url: string | null }>;
  readonly fees: ReadonlyArray<{ ma_phi: string; ten: string; amount_vnd: number; loai: string | null }>;
}

export function dossierForPayload(db: Database.Database, id: number): PayloadDossier | null {
  const dossier = db.prepare('SELECT * FROM dossiers WHERE id = ?').get(id) as PayloadDossier['dossier'] | undefined;
  if (!dossier) return null;
  return {
    dossier,
    documents: db.prepare('SELECT ma_thanh_phan, ten FROM dossier_documents WHERE dossier_id = ? ORDER BY position').all(id) as PayloadDossier['documents'],
    scans: db
      .prepare("SELECT id, ma_thanh_phan, file_name, upload_url FROM attachments WHERE dossier_id = ? AND kind = 'scan' ORDER BY id")
      .all(id) as PayloadDossier['scans'],
    fees: db.prepare('SELECT ma_phi, ten, amount_vnd, loai FROM dossier_fees WHERE dossier_id = ? ORDER BY position').all(id) as PayloadDossier['fees'],
  };
}

export type SyncState = 'pending' | 'sending' | 'synced' | 'rejected';

export function setSyncState(db: Database.Database, dossierId: number, state: SyncState, at: string): void {
  db.prepare('UPDATE dossiers SET sync_state = ?, updated_at = ? WHERE id = ?').run(state, at, dossierId);
}

/** A rejected dossier the officer corrected and queued again. */
export function markPendingAgain(db: Database.Database, code: string): void {
  db.prepare("UPDATE dossiers SET sync_state = 'pending' WHERE ma_ho_so = ?").run(code);
}

/** Versions only move forward: a late answer for an older write never lowers what is known. */
export function raiseServerVersion(db: Database.Database, dossierId: number | null, version: number): void {
  db.prepare('UPDATE dossiers SET server_version = MAX(COALESCE(server_version, 0), ?) WHERE id = ?').run(version, dossierId);
}

/** The province's status for a dossier received here; its status before, or null when it was received elsewhere. */
export function applyRemoteStatus(db: Database.Database, code: string, o: { status: string; version: number; at: string }): { previous: string } | null {
  const local = db.prepare('SELECT id, trang_thai FROM dossiers WHERE ma_ho_so = ?').get(code) as { id: number; trang_thai: string } | undefined;
  if (!local) return null;
  db.prepare('UPDATE dossiers SET trang_thai = ?, server_version = MAX(COALESCE(server_version, 0), ?), updated_at = ? WHERE id = ?').run(o.status, o.version, o.at, local.id);
  return { previous: local.trang_thai };
}

/** Status 10: the result was handed over to the citizen. */
export function markReturned(db: Database.Database, dossierId: number, at: string): void {
  db.prepare("UPDATE dossiers SET trang_thai = '10', ngay_tra = ?, updated_at = ? WHERE id = ?").run(at, at, dossierId);
}

/** The fees the catalog collects at the hand-over (ThoiDiemThu = TraKetQua), collected now by the officer; returns the amount. */
export function collectFeesAtReturn(db: Database.Database, dossierId: number, at: string, officerId: string): number {
  const due = db.prepare("SELECT COALESCE(SUM(amount_vnd), 0) AS s FROM dossier_fees WHERE dossier_id = ? AND thoi_diem_thu = 'TraKetQua' AND collected_at IS NULL").get(dossierId) as { s: number };
  db.prepare("UPDATE dossier_fees SET collected_at = ?, collected_by = ? WHERE dossier_id = ? AND thoi_diem_thu = 'TraKetQua' AND collected_at IS NULL").run(at, officerId, dossierId);
  return due.s;
}

export interface UploadAttachment {
  readonly id: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly uploadUrl: string | null;
  readonly uploadedAt: string | null;
}

export function attachmentForUpload(db: Database.Database, id: number): UploadAttachment | null {
  return (
    (db
      .prepare('SELECT id, sha256, file_name AS fileName, content_type AS contentType, size_bytes AS sizeBytes, upload_url AS uploadUrl, uploaded_at AS uploadedAt FROM attachments WHERE id = ?')
      .get(id) as UploadAttachment | undefined) ?? null
  );
}

/** The tus upload URL, kept as soon as the server gives it so an interrupted upload resumes; null starts over. */
export function setUploadUrl(db: Database.Database, attachmentId: number, url: string | null): void {
  db.prepare('UPDATE attachments SET upload_url = ? WHERE id = ?').run(url, attachmentId);
}

export function markUploaded(db: Database.Database, attachmentId: number, url: string, at: string): void {
  db.prepare('UPDATE attachments SET upload_url = ?, uploaded_at = ? WHERE id = ?').run(url, at, attachmentId);
}

export function uploadUrlOf(db: Database.Database, attachmentId: number): string | null {
  return (db.prepare('SELECT upload_url FROM attachments WHERE id = ?').get(attachmentId) as { upload_url: string | null } | undefined)?.upload_url ?? null;
}

export function attachmentSha(db: Database.Database, attachmentId: number): string {
  const r = db.prepare('SELECT sha256 FROM attachments WHERE id = ?').get(attachmentId) as { sha256: string } | undefined;
  if (!r) throw failure('not_found', 'intake.attachmentNotFound', { id: attachmentId });
  return r.sha256;
}

/** A result document of a dossier: produced by the department, or signed at this counter. */
export interface ResultDocument {
  readonly id: number;
  readonly fileName: string;
  readonly kind: 'result' | 'signed_result';
  readonly sizeBytes: number;
  readonly resultCode: string | null;
}

export function resultDocuments(db: Database.Database, dossierId: number): ResultDocument[] {
  return db
    .prepare(
      "SELECT id, file_name AS fileName, kind, size_bytes AS sizeBytes, result_code AS resultCode FROM attachments WHERE dossier_id = ? AND kind IN ('result', 'signed_result') ORDER BY id",
    )
    .all(dossierId) as ResultDocument[];
}

/** Whether a result file from the feed is already kept, so a repeated change never downloads it twice. */
export function hasResultFrom(db: Database.Database, dossierId: number, remoteUrl: string): boolean {
  return db.prepare('SELECT 1 FROM attachments WHERE dossier_id = ? AND remote_url = ?').get(dossierId, remoteUrl) !== undefined;
}

/** A result PDF kept with the dossier (downloaded, imported or signed here); returns its attachment id. */
export function insertResultDocument(
  db: Database.Database,
  r: { dossierId: number; kind: ResultDocument['kind']; fileName: string; sha256: string; sizeBytes: number; at: string; remoteUrl?: string | null; resultCode?: string | null },
): number {
  return Number(
    db
      .prepare(
        "INSERT INTO attachments (dossier_id, kind, file_name, content_type, sha256, size_bytes, created_at, remote_url, result_code) VALUES (?, ?, ?, 'application/pdf', ?, ?, ?, ?, ?)",
      )
      .run(r.dossierId, r.kind, r.fileName, r.sha256, r.sizeBytes, r.at, r.remoteUrl ?? null, r.resultCode ?? null).lastInsertRowid,
  );
}

export function thermalPrintCount(db: Database.Database, code: string): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM receipt_prints r JOIN dossiers d ON d.id = r.dossier_id WHERE d.ma_ho_so = ? AND r.medium = 'thermal'").get(code) as { n: number }).n;
}

/** A Mẫu 01 printed on the thermal printer, listed with the PDF prints for the day's review. */
export function recordThermalPrint(db: Database.Database, dossierId: number, o: { reprint: boolean; reason: string | null; officerId: string | null; at: string }): void {
  db.prepare("INSERT INTO receipt_prints (dossier_id, form, medium, reprint, reason, officer_id, at) VALUES (?, '01', 'thermal', ?, ?, ?, ?)").run(
    dossierId,
    o.reprint ? 1 : 0,
    o.reason,
    o.officerId,
    o.at,
  );
}

import type Database from 'better-sqlite3';
import type { DossierDetail, DossierSummary } from '../../common/domain/dossier';

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

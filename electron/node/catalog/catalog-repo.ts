import type Database from 'better-sqlite3';
import { catalogProcedureSchema, type CatalogProcedure, type FeeTiming, type Procedure } from '../../common/domain/procedure';
import { procedureSearchText, queryWords } from '../../common/domain/procedure-search';
import { failure } from '../../common/ipc/result';

export interface ImportReport {
  readonly imported: number;
  readonly rejected: ReadonlyArray<{ readonly index: number; readonly MaTTHC: string | null; readonly reason: string }>;
}

/**
 * Imports the contract's catalog items. Each valid item replaces the same procedure whole
 * (documents and fees included); an invalid item is reported and skipped, never half-written.
 */
export function importCatalog(db: Database.Database, items: readonly unknown[], opts: { sample: boolean; at: string }): ImportReport {
  const rejected: Array<{ index: number; MaTTHC: string | null; reason: string }> = [];
  const valid: CatalogProcedure[] = [];
  items.forEach((raw, index) => {
    const r = catalogProcedureSchema.safeParse(raw);
    if (r.success) valid.push(r.data);
    else {
      const code = typeof (raw as { MaTTHC?: unknown })?.MaTTHC === 'string' ? (raw as { MaTTHC: string }).MaTTHC : null;
      rejected.push({ index, MaTTHC: code, reason: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    }
  });
  const upsert = db.prepare(
    `INSERT INTO procedures (ma_tthc, ten_tthc, ma_linh_vuc, ten_linh_vuc, cap_thuc_hien, duration_value, duration_unit, gio_cat_ngay, co_quan, ket_qua, active, is_sample, updated_at, search_text)
     VALUES (@ma, @ten, @lv, @tenLv, @cap, @dv, @du, @cut, @cq, @kq, @active, @sample, @at, @search)
     ON CONFLICT(ma_tthc) DO UPDATE SET ten_tthc = excluded.ten_tthc, ma_linh_vuc = excluded.ma_linh_vuc, ten_linh_vuc = excluded.ten_linh_vuc,
       cap_thuc_hien = excluded.cap_thuc_hien, duration_value = excluded.duration_value, duration_unit = excluded.duration_unit, gio_cat_ngay = excluded.gio_cat_ngay,
       co_quan = excluded.co_quan, ket_qua = excluded.ket_qua, active = excluded.active, is_sample = excluded.is_sample,
       updated_at = excluded.updated_at, search_text = excluded.search_text`,
  );
  const delDocs = db.prepare('DELETE FROM procedure_documents WHERE ma_tthc = ?');
  const delFees = db.prepare('DELETE FROM procedure_fees WHERE ma_tthc = ?');
  const insDoc = db.prepare('INSERT INTO procedure_documents VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insFee = db.prepare('INSERT INTO procedure_fees (ma_tthc, ma_phi, ten, amount_vnd, loai, position, thoi_diem_thu) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const p of valid) {
      upsert.run({
        ma: p.MaTTHC,
        ten: p.TenTTHC,
        lv: p.MaLinhVuc ?? null,
        tenLv: p.TenLinhVuc ?? null,
        cap: p.CapThucHien ?? null,
        dv: p.ThoiHanGiaiQuyet.SoLuong,
        du: p.ThoiHanGiaiQuyet.DonViTinh,
        cut: p.ThoiHanGiaiQuyet.GioCatNgay,
        cq: p.CoQuanThucHien ?? null,
        kq: p.KetQua ?? null,
        active: p.active ? 1 : 0,
        sample: opts.sample ? 1 : 0,
        at: p.updatedAt ?? opts.at,
        search: procedureSearchText({ maTthc: p.MaTTHC, tenTthc: p.TenTTHC, tenLinhVuc: p.TenLinhVuc ?? null }),
      });
      delDocs.run(p.MaTTHC);
      delFees.run(p.MaTTHC);
      const seenDocs = new Set<string>();
      p.ThanhPhanHoSo.forEach((d, i) => {
        if (seenDocs.has(d.MaThanhPhanHoSo)) return;
        seenDocs.add(d.MaThanhPhanHoSo);
        insDoc.run(p.MaTTHC, d.MaThanhPhanHoSo, d.TenThanhPhan, d.BatBuoc ? 1 : 0, Math.trunc(d.SoBanChinh), Math.trunc(d.SoBanSao), i);
      });
      const seenFees = new Set<string>();
      p.LePhi.forEach((f, i) => {
        if (seenFees.has(f.MaPhiLePhi)) return;
        seenFees.add(f.MaPhiLePhi);
        insFee.run(p.MaTTHC, f.MaPhiLePhi, f.TenPhiLePhi, Math.round(f.Gia), f.LoaiPhiLePhi ?? null, i, f.ThoiDiemThu ?? 'TiepNhan');
      });
    }
  })();
  return { imported: valid.length, rejected };
}

interface ProcRow {
  ma_tthc: string;
  ten_tthc: string;
  ma_linh_vuc: string | null;
  ten_linh_vuc: string | null;
  cap_thuc_hien: string | null;
  duration_value: number;
  duration_unit: Procedure['duration']['unit'];
  gio_cat_ngay: string | null;
  co_quan: string | null;
  ket_qua: string | null;
  is_sample: number;
}

function toProcedure(db: Database.Database, r: ProcRow): Procedure {
  const docs = db
    .prepare('SELECT ma_thanh_phan, ten, required, originals, copies FROM procedure_documents WHERE ma_tthc = ? ORDER BY position')
    .all(r.ma_tthc) as Array<{ ma_thanh_phan: string; ten: string; required: number; originals: number; copies: number }>;
  const fees = db
    .prepare('SELECT ma_phi, ten, amount_vnd, loai, thoi_diem_thu FROM procedure_fees WHERE ma_tthc = ? ORDER BY position')
    .all(r.ma_tthc) as Array<{ ma_phi: string; ten: string; amount_vnd: number; loai: string | null; thoi_diem_thu: FeeTiming }>;
  return {
    maTthc: r.ma_tthc,
    tenTthc: r.ten_tthc,
    maLinhVuc: r.ma_linh_vuc,
    tenLinhVuc: r.ten_linh_vuc,
    capThucHien: r.cap_thuc_hien,
    duration: { value: r.duration_value, unit: r.duration_unit, sameDayCutoff: r.gio_cat_ngay },
    coQuan: r.co_quan,
    ketQua: r.ket_qua,
    isSample: r.is_sample === 1,
    documents: docs.map((d) => ({ code: d.ma_thanh_phan, name: d.ten, required: d.required === 1, originals: d.originals, copies: d.copies })),
    fees: fees.map((f) => ({ code: f.ma_phi, name: f.ten, amountVnd: f.amount_vnd, kind: f.loai, timing: f.thoi_diem_thu })),
  };
}

export function getProcedure(db: Database.Database, maTthc: string): Procedure | null {
  const r = db.prepare('SELECT * FROM procedures WHERE ma_tthc = ?').get(maTthc) as ProcRow | undefined;
  return r ? toProcedure(db, r) : null;
}

export function requireProcedure(db: Database.Database, maTthc: string): Procedure {
  const p = getProcedure(db, maTthc);
  if (!p) throw failure('not_found', 'catalog.unknownProcedure', { code: maTthc });
  return p;
}

/**
 * Type-ahead over the catalog: every folded word of the query must appear (unaccented, any
 * order), code prefixes match too. Name-prefix hits rank first, then shorter names.
 */
export function searchProcedures(db: Database.Database, query: string, limit = 20): Procedure[] {
  const words = queryWords(query);
  const where = words.map(() => "search_text LIKE ? ESCAPE '\\'").join(' AND ');
  const params = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  const first = words[0] ?? '';
  const rows = db
    .prepare(
      `SELECT * FROM procedures WHERE active = 1 ${where ? `AND ${where}` : ''}
       ORDER BY (ma_tthc LIKE ? || '%') DESC, (instr(search_text, ?) > 0 AND instr(search_text, ?) <= length(ma_tthc) + 2) DESC,
                length(ten_tthc), ten_tthc LIMIT ?`,
    )
    .all(...params, first, first, first, limit) as ProcRow[];
  return rows.map((r) => toProcedure(db, r));
}

export function countProcedures(db: Database.Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM procedures').get() as { n: number }).n;
}

/** How long a procedure takes, as the receipt prints it. */
export function procedureDuration(db: Database.Database, maTthc: string): Procedure['duration'] | null {
  const r = db.prepare('SELECT duration_value, duration_unit, gio_cat_ngay FROM procedures WHERE ma_tthc = ?').get(maTthc) as
    | Pick<ProcRow, 'duration_value' | 'duration_unit' | 'gio_cat_ngay'>
    | undefined;
  return r ? { value: r.duration_value, unit: r.duration_unit, sameDayCutoff: r.gio_cat_ngay } : null;
}

/** Once the province's catalog has arrived, the sample procedures it does not list are no longer offered. */
export function retireSampleProcedures(db: Database.Database): void {
  db.prepare('UPDATE procedures SET active = 0 WHERE is_sample = 1').run();
}

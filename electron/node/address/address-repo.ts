import type Database from 'better-sqlite3';
import type { CommuneRow, CurrentCommune } from '../../common/domain/admin-units';

/** Owner of `address_communes` and `address_commune_source` (migration 0012). */

/** The province's commune map replaces the one held before, whole, in the caller's transaction. */
export function replaceCommunes(db: Database.Database, rows: readonly CommuneRow[], o: { source: string; at: string; officerId: string | null }): void {
  db.prepare('DELETE FROM address_communes').run();
  const ins = db.prepare('INSERT INTO address_communes (old_key, tinh_cu, huyen_cu, xa_cu, loai_xa_moi, xa_moi, tinh_moi) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of rows) ins.run(r.key, r.tinhCu, r.huyenCu, r.xaCu, r.loaiXaMoi, r.xaMoi, r.tinhMoi);
  db.prepare(
    'INSERT INTO address_commune_source (id, nguon, row_count, imported_at, officer_id) VALUES (1, ?, ?, ?, ?) ' +
      'ON CONFLICT (id) DO UPDATE SET nguon = excluded.nguon, row_count = excluded.row_count, imported_at = excluded.imported_at, officer_id = excluded.officer_id',
  ).run(o.source, rows.length, o.at, o.officerId);
}

export function communeByKey(db: Database.Database, key: string): CurrentCommune | null {
  const r = db.prepare('SELECT loai_xa_moi, xa_moi, tinh_moi FROM address_communes WHERE old_key = ?').get(key) as { loai_xa_moi: string; xa_moi: string; tinh_moi: string } | undefined;
  return r ? { loaiXaMoi: r.loai_xa_moi, xaMoi: r.xa_moi, tinhMoi: r.tinh_moi } : null;
}

export function communeSource(db: Database.Database): { nguon: string; rows: number; importedAt: string } | null {
  const r = db.prepare('SELECT nguon, row_count, imported_at FROM address_commune_source WHERE id = 1').get() as { nguon: string; row_count: number; imported_at: string } | undefined;
  return r ? { nguon: r.nguon, rows: r.row_count, importedAt: r.imported_at } : null;
}

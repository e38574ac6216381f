import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/node/db/migration';
import { migrations } from '../../../electron/node/db/migrations/index.generated';

const at = '2026-11-21T08:00:00+07:00';

/** A database at version 6 holding a catalog and a dossier that refers to it, as a counter in service has. */
function databaseAt6(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, migrations, 6);
  db.exec(`
    INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at, search_text) VALUES
      ('1.001193', 'Đăng ký khai sinh', 1, 'NgayLamViec', '${at}', 'dang ky khai sinh'),
      ('2.000815', 'Chứng thực bản sao', 1, 'NgayLamViec', '${at}', 'chung thuc ban sao');
    INSERT INTO procedure_documents VALUES ('1.001193', 'TP1', 'Tờ khai', 1, 1, 0, 0), ('2.000815', 'TP1', 'Bản chính', 1, 1, 0, 0);
    INSERT INTO procedure_fees VALUES ('2.000815', 'LP1', 'Lệ phí chứng thực', 2000, '1', 0);
    INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, trang_thai, created_at, updated_at)
      VALUES ('000.00.01.H22-261121-0001', '1.001193', 'Đăng ký khai sinh', '000.00.01.H22', 'Q01', '1', 'Nguyễn Văn A', '${at}', '2', '${at}', '${at}');
  `);
  return db;
}

const insertProcedure = (db: Database.Database, unit: string, cutoff: string | null) =>
  db.prepare('INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, gio_cat_ngay, updated_at) VALUES (?, ?, 0, ?, ?, ?)').run(`P.${unit}.${cutoff}`, 'x', unit, cutoff, at);

describe('migration 0007_same_day_unit (TrongNgay, NĐ 23/2015 Điều 7)', () => {
  it('keeps every procedure, document, fee and dossier through the rebuild', () => {
    const db = databaseAt6();
    const before = ['procedures', 'procedure_documents', 'procedure_fees', 'dossiers'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    expect(migrate(db, migrations, 7).applied).toEqual([7]);
    const procs = db.prepare('SELECT * FROM procedures ORDER BY 1').all() as Array<Record<string, unknown>>;
    expect(procs.map(({ gio_cat_ngay: cut, ...rest }) => (expect(cut).toBeNull(), rest))).toEqual(before[0]);
    expect(db.prepare('SELECT * FROM procedure_documents ORDER BY 1, 2').all()).toEqual(before[1]);
    expect(db.prepare('SELECT * FROM procedure_fees ORDER BY 1, 2').all()).toEqual(before[2]);
    expect(db.prepare('SELECT * FROM dossiers ORDER BY 1, 2').all()).toEqual(before[3]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps the search index and drops the temporary one', () => {
    const db = databaseAt6();
    migrate(db, migrations, 7);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(indexes).toContain('procedures_search');
    expect(indexes).not.toContain('dossiers_ma_tthc_rebuild');
    expect(db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").all()).toEqual([]);
  });

  it('accepts TrongNgay with a cut-off; refuses it without one, a cut-off on another unit, and unknown units', () => {
    const db = databaseAt6();
    migrate(db, migrations, 7);
    expect(() => insertProcedure(db, 'TrongNgay', '15:00')).not.toThrow();
    expect(() => insertProcedure(db, 'TrongNgay', null)).toThrow(/CHECK/);
    expect(() => insertProcedure(db, 'NgayLamViec', '15:00')).toThrow(/CHECK/);
    expect(() => insertProcedure(db, 'TrongNgay', '3pm')).toThrow(/CHECK/);
    expect(() => insertProcedure(db, 'Tuan', null)).toThrow(/CHECK/);
  });

  it('leaves the foreign keys working: a procedure with dossiers cannot go, its documents go with it otherwise', () => {
    const db = databaseAt6();
    migrate(db, migrations, 7);
    expect(() => db.prepare("DELETE FROM procedures WHERE ma_tthc = '1.001193'").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM procedures WHERE ma_tthc = '2.000815'").run();
    expect(db.prepare("SELECT COUNT(*) AS n FROM procedure_documents WHERE ma_tthc = '2.000815'").get()).toEqual({ n: 0 });
    // The children still point at the rebuilt table, not at a renamed copy.
    expect(() => db.prepare("INSERT INTO procedure_documents VALUES ('NOPE', 'TP1', 'x', 1, 0, 0, 0)").run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'dossiers'").get()).toEqual({ sql: expect.stringContaining('REFERENCES procedures(ma_tthc)') });
  });
});

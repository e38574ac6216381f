import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/node/db/migration';
import { migrations } from '../../../electron/node/db/migrations/index.generated';

const at = '2026-11-21T08:00:00+07:00';
// By name, so the test follows the migration when it is renumbered at merge.
const FORMS = migrations.find((m) => m.name === 'forms')!.version;
const BEFORE = migrations.filter((m) => m.version < FORMS).at(-1)!.version;

/** A counter in service before migration 0010: dossiers of two years and two units, out of id order. */
function databaseBefore(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, migrations, BEFORE);
  db.exec(`
    INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at, search_text) VALUES ('1.001193', 'Đăng ký khai sinh', 1, 'NgayLamViec', '${at}', '');
  `);
  const ins = db.prepare(
    `INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, trang_thai, created_at, updated_at)
     VALUES (?, '1.001193', 'Đăng ký khai sinh', ?, 'Q01', '1', 'Nguyễn Văn A', ?, '2', '${at}', '${at}')`,
  );
  ins.run('A-2026-b', 'U1', '2026-11-21T10:00:00+07:00');
  ins.run('A-2026-a', 'U1', '2026-11-21T09:00:00+07:00');
  ins.run('A-2025', 'U1', '2025-12-31T16:00:00+07:00');
  ins.run('B-2026', 'U2', '2026-11-21T11:00:00+07:00');
  return db;
}

describe('migration 0010_forms (log-book number, Mẫu 02 reason, Mẫu 04/05 notices)', () => {
  it('numbers existing dossiers per unit and year in receipt order', () => {
    const db = databaseBefore();
    migrate(db, migrations, FORMS);
    const rows = db.prepare('SELECT ma_ho_so, so_thu_tu FROM dossiers ORDER BY ma_ho_so').all();
    expect(rows).toEqual([
      { ma_ho_so: 'A-2025', so_thu_tu: 1 },
      { ma_ho_so: 'A-2026-a', so_thu_tu: 1 },
      { ma_ho_so: 'A-2026-b', so_thu_tu: 2 },
      { ma_ho_so: 'B-2026', so_thu_tu: 1 },
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a number given twice in a unit’s year, and a Mẫu 04 without its new day', () => {
    const db = databaseBefore();
    migrate(db, migrations, FORMS);
    expect(() => db.prepare("UPDATE dossiers SET so_thu_tu = 1 WHERE ma_ho_so = 'A-2026-b'").run()).toThrow(/UNIQUE/);
    const id = (db.prepare("SELECT id FROM dossiers WHERE ma_ho_so = 'A-2026-a'").get() as { id: number }).id;
    expect(() => db.prepare("INSERT INTO form_notices (dossier_id, form, reason, at) VALUES (?, '04', 'x', ?)").run(id, at)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO form_notices (dossier_id, form, reason, at) VALUES (?, '05', 'x', ?)").run(id, at)).not.toThrow();
  });
});

import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, DbVersionFromFutureError, type Migration } from '../../../electron/node/db/migration';
import { migrations } from '../../../electron/node/db/migrations/index.generated';
import { openDatabase } from '../../../electron/node/db/open';
import { tempDir } from '../../helpers/tmp';
// @ts-expect-error plain ESM script without typings
import { renderMigrationIndex } from '../../../scripts/gen-migrations.mjs';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('migration runner', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('the generated index is up to date with the .sql files', () => {
    const onDisk = readFileSync(join(__dirname, '../../../electron/node/db/migrations/index.generated.ts'), 'utf8');
    expect(onDisk).toBe(renderMigrationIndex());
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('applies all pending migrations and records user_version; re-running is a no-op', () => {
    const db = new Database(':memory:');
    const r = migrate(db, migrations);
    expect(r.from).toBe(0);
    expect(r.to).toBe(migrations.at(-1)!.version);
    expect(db.pragma('user_version', { simple: true })).toBe(r.to);
    expect(migrate(db, migrations).applied).toEqual([]);
  });

  it('rolls back every step when one migration fails, leaving the database untouched', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(tables(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });

  it('refuses a database from a newer app with a clear Vietnamese message and changes nothing', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const path = join(dir, 'future.sqlite3');
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    let err: unknown;
    try {
      openDatabase(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DbVersionFromFutureError);
    expect((err as Error).message).toMatch(/mới hơn ứng dụng/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(999);
    again.close();
  });

  it('refuses non-increasing migration lists', () => {
    const db = new Database(':memory:');
    expect(() =>
      migrate(db, [
        { version: 2, name: 'a', sql: '' },
        { version: 2, name: 'b', sql: '' },
      ]),
    ).toThrow(/strictly increase/);
  });

  it('opens files with WAL, foreign keys and synchronous=FULL', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const { db } = openDatabase(join(dir, 'x.sqlite3'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });
});

describe('migration 0001_init', () => {
  const at = '2026-11-21T08:00:00+07:00';
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations, 1);

  it('creates the tables every later feature needs', () => {
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'settings', 'units', 'counters', 'officers', 'procedures', 'procedure_documents', 'procedure_fees', 'calendar_days',
        'code_ranges', 'used_codes', 'dossiers', 'dossier_documents', 'dossier_fees', 'attachments', 'outbox', 'audit_log',
      ]),
    );
  });

  it('stores a dossier with its documents, fees, attachment and outbox entry, and enforces keys', () => {
    db.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('1.001193', 'Đăng ký khai sinh', 1, 'NgayLamViec', ?)").run(at);
    const id = db
      .prepare(
        `INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, trang_thai, created_at, updated_at)
         VALUES ('000.00.01.H22-261121-0001', '1.001193', 'Đăng ký khai sinh', '000.00.01.H22', 'Q01', '1', 'Nguyễn Văn A', ?, '2', ?, ?)`,
      )
      .run(at, at, at).lastInsertRowid;
    db.prepare("INSERT INTO dossier_documents VALUES (?, 'TP1', 'Tờ khai', 1, 0, 0)").run(id);
    db.prepare("INSERT INTO dossier_fees VALUES (?, 'LP1', 'Lệ phí', 0, 0)").run(id);
    db.prepare("INSERT INTO attachments (dossier_id, kind, file_name, content_type, sha256, size_bytes, created_at) VALUES (?, 'scan', 'a.pdf', 'application/pdf', ?, 10, ?)").run(id, 'a'.repeat(64), at);
    db.prepare("INSERT INTO outbox (dossier_id, ma_ho_so, seq, kind, idempotency_key, payload, created_at, updated_at) VALUES (?, '000.00.01.H22-261121-0001', 1, 'dossier_put', 'k1', '{}', ?, ?)").run(id, at, at);
    expect(() => db.prepare("INSERT INTO dossier_documents VALUES (9999, 'TP1', 'x', 1, 0, 0)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('x', 'x', 1, 'Tuan', ?)").run(at)).toThrow(/CHECK/);
  });

  it('keeps the audit log append-only', () => {
    db.prepare("INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES (?, 'cli', 'x', ?, ?)").run(at, '0'.repeat(64), 'h1');
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('allows only one counter to be this PC', () => {
    db.prepare("INSERT INTO units VALUES ('U', 'Đơn vị', NULL, NULL, ?)").run(at);
    db.prepare("INSERT INTO counters VALUES ('U', 'Q01', NULL, NULL, 1)").run();
    expect(() => db.prepare("INSERT INTO counters VALUES ('U', 'Q02', NULL, NULL, 1)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO counters VALUES ('U', 'Q03', 10, NULL, 0)").run()).toThrow(/CHECK/);
  });
});

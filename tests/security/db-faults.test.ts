import Database from 'better-sqlite3';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorReportSchema } from '../../electron/common/domain/doctor';
import { AppFailure, type ErrorCode } from '../../electron/common/ipc/result';
import { storageFailure } from '../../electron/node/db/db-errors';
import { APP_SCHEMA_VERSION } from '../../electron/node/db/open';
import { SqliteStore } from '../../electron/node/store/sqlite-store';
import { ADMIN_ENV, motcua } from '../helpers/cli';
import { keyFilePath } from '../../electron/node/secrets/key-file-store';
import { tempDir } from '../helpers/tmp';
import { bindReadOnly, canMount, sha256Of, unmount } from './faults';

const MOUNT = canMount();

/** Overwrites `length` bytes at `offset` of a file with a pattern, as a failing disk or a bad copy would. */
function damage(path: string, offset: number, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0xab), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('database faults reach the officer as what happened and what to do', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());
  /** A data directory with the app's database, created by `db migrate` (the one command that needs no officer on a new directory). */
  const dataDirWithDb = () => {
    const t = tempDir('motcua-dbfault-');
    cleanup = t.cleanup;
    const r = motcua(['db', 'migrate', '--data-dir', t.dir]);
    if (r.code !== 0) throw new Error(`db migrate failed: ${r.stderr}`);
    return { dir: t.dir, env: ADMIN_ENV, db: join(t.dir, 'motcua.sqlite3') };
  };

  it('a corrupt database: commands say it is damaged and to restore the backup; doctor reports it read-only and untouched', () => {
    // Every command but the public ones opens the database to sign in, so the fault shows before any password is checked.
    const c = dataDirWithDb();
    // Page 1 after the 100-byte header holds the schema: damaged, every statement fails as malformed.
    damage(c.db, 100, 3000);
    const hash = sha256Of(c.db);
    const r = motcua(['unit', 'show', '--data-dir', c.dir], c.env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/Lỗi nội bộ/);
    expect(r.stderr).toMatch(/bị hỏng/);
    expect(r.stderr).toMatch(/bản sao lưu/);

    const doctor = motcua(['doctor', '--data-dir', c.dir]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/\[FAIL\s*\] Cơ sở dữ liệu: .*bị hỏng/);
    expect(doctor.stdout).toMatch(/Dung lượng đĩa/);
    expect(doctor.stderr).toMatch(/bị hỏng/);
    const json = motcua(['doctor', '--json', '--data-dir', c.dir]);
    const report = doctorReportSchema.parse(JSON.parse(json.stdout));
    expect(report.checks.find((x) => x.id === 'db')).toMatchObject({ status: 'fail' });
    // The other checks still ran: the report is whole, only the database failed.
    expect(report.checks.map((x) => x.id)).toEqual(expect.arrayContaining(['db', 'disk', 'clock', 'unit']));
    expect(sha256Of(c.db)).toBe(hash);
  });

  it('a file that is not a database at all is named so, with the same advice', () => {
    const c = dataDirWithDb();
    damage(c.db, 0, 4096);
    const r = motcua(['unit', 'show', '--data-dir', c.dir], c.env);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/Lỗi nội bộ/);
    expect(r.stderr).toMatch(/không phải cơ sở dữ liệu|bị hỏng/);
    expect(r.stderr).toMatch(/bản sao lưu/);
    const doctor = motcua(['doctor', '--json', '--data-dir', c.dir]);
    expect(doctor.code).toBe(1);
    expect(doctorReportSchema.parse(JSON.parse(doctor.stdout)).checks.find((x) => x.id === 'db')?.status).toBe('fail');
  });

  it('a database from a newer app is refused byte for byte untouched, by every way in', () => {
    const t = tempDir('motcua-newer-');
    cleanup = t.cleanup;
    const env = ADMIN_ENV;
    const path = join(t.dir, 'motcua.sqlite3');
    // A newer app's file in rollback-journal mode: switching it to WAL would rewrite its header.
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE from_the_future (x INTEGER)');
    db.pragma(`user_version = ${APP_SCHEMA_VERSION + 1}`);
    db.close();
    const hash = sha256Of(path);
    const listing = readdirSync(t.dir).sort();
    for (const args of [['unit', 'show'], ['db', 'migrate'], ['doctor']]) {
      const r = motcua([...args, '--data-dir', t.dir], env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/mới hơn ứng dụng/);
      expect(sha256Of(path), args.join(' ')).toBe(hash);
      expect(readdirSync(t.dir).sort(), args.join(' ')).toEqual(listing);
    }
  });

  it.skipIf(!MOUNT)('a read-only disk: reads and writes say to check the permissions or the disk, not "internal error"', () => {
    const c = dataDirWithDb();
    const ro = mkdtempSync(join(tmpdir(), 'motcua-ro-'));
    bindReadOnly(c.dir, ro);
    try {
      for (const args of [
        ['unit', 'show'],
        ['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q02'],
      ]) {
        // The key file sits beside the data directory it belongs to, not beside the mount point.
        const r = motcua([...args, '--data-dir', ro], { ...c.env, MOTCUA_KEY_FILE: keyFilePath(c.dir) });
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr, args.join(' ')).not.toMatch(/Lỗi nội bộ/);
        expect(r.stderr, args.join(' ')).toMatch(/chỉ đọc/);
        expect(r.stderr, args.join(' ')).toMatch(/quyền ghi/);
      }
      const doctor = motcua(['doctor', '--data-dir', ro], { MOTCUA_KEY_FILE: keyFilePath(c.dir) });
      expect(doctor.stdout).toMatch(/Cơ sở dữ liệu/);
      expect(doctor.stderr).not.toMatch(/Lỗi nội bộ/);
    } finally {
      unmount(ro);
      rmSync(ro, { recursive: true, force: true });
    }
  });
});

describe('storage errors map to typed codes with Vietnamese advice', () => {
  const sqlite = (code: string, message: string) => new Database.SqliteError(message, code);
  const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

  it.each<[string, Error, ErrorCode, RegExp]>([
    ['SQLITE_FULL', sqlite('SQLITE_FULL', 'database or disk is full'), 'disk_full', /đầy.*giải phóng/],
    ['SQLITE_IOERR_SHMSIZE', sqlite('SQLITE_IOERR_SHMSIZE', 'disk I/O error'), 'disk_full', /đầy.*giải phóng/],
    ['ENOSPC', errno('ENOSPC'), 'disk_full', /đầy.*giải phóng/],
    ['SQLITE_READONLY', sqlite('SQLITE_READONLY', 'attempt to write a readonly database'), 'read_only', /chỉ đọc.*quyền ghi/],
    ['EROFS', errno('EROFS'), 'read_only', /chỉ đọc.*quyền ghi/],
    ['EACCES', errno('EACCES'), 'read_only', /quyền ghi/],
    ['SQLITE_CORRUPT', sqlite('SQLITE_CORRUPT', 'database disk image is malformed'), 'db_corrupt', /bị hỏng.*bản sao lưu/],
    ['SQLITE_CORRUPT_INDEX', sqlite('SQLITE_CORRUPT_INDEX', 'database disk image is malformed'), 'db_corrupt', /bị hỏng.*bản sao lưu/],
    ['SQLITE_NOTADB', sqlite('SQLITE_NOTADB', 'file is not a database'), 'db_corrupt', /không phải cơ sở dữ liệu.*bản sao lưu/],
    ['SQLITE_CANTOPEN', sqlite('SQLITE_CANTOPEN', 'unable to open database file'), 'db_error', /Không mở được.*quyền/],
  ])('%s', (_name, error, code, advice) => {
    const f = storageFailure(error, '/data/motcua.sqlite3');
    expect(f).toBeInstanceOf(AppFailure);
    expect(f!.code).toBe(code);
    expect(f!.message).toMatch(advice);
  });

  it('other errors are not storage faults and stay as they are', () => {
    expect(storageFailure(new Error('boom'))).toBeNull();
    expect(storageFailure(sqlite('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'))).toBeNull();
    const own = new AppFailure('not_found', 'Không có.');
    expect(storageFailure(own)).toBeNull();
  });

  it('a write refused by the store (query_only) is read_only, through every store call', async () => {
    const t = tempDir('motcua-ro-store-');
    const store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key: null });
    try {
      await store.exec('test.readonly', (db) => db.pragma('query_only = ON'));
      const e = await store.setSetting('devices.printer', 'x', 'test').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppFailure);
      expect((e as AppFailure).code).toBe('read_only');
    } finally {
      await store.close();
      t.cleanup();
    }
  });

  it('doctor only reads a healthy database: the file is the same after it', () => {
    const t = tempDir('motcua-doctor-ro-');
    try {
      const dir = join(t.dir, 'data');
      mkdirSync(dir);
      expect(motcua(['db', 'migrate', '--data-dir', dir]).code).toBe(0);
      const hash = sha256Of(join(dir, 'motcua.sqlite3'));
      const r = motcua(['doctor', '--json', '--data-dir', dir]);
      expect(r.code, r.stderr).toBe(0);
      const report = doctorReportSchema.parse(JSON.parse(r.stdout));
      expect(report.integrity).toBe('ok');
      expect(report.checks.find((x) => x.id === 'db')?.status).toBe('ok');
      expect(sha256Of(join(dir, 'motcua.sqlite3'))).toBe(hash);
    } finally {
      t.cleanup();
    }
  });
});

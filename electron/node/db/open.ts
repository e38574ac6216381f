import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { failure } from '../../common/ipc/result';
import { fsFailure } from '../files/fs-errors';
import { applyKey } from './cipher';
import { storageFailure } from './db-errors';
import { cacheStatements } from './statement-cache';
import { DbVersionFromFutureError, latestVersion, migrate, type MigrationReport } from './migration';
import { migrations } from './migrations/index.generated';

export const DB_FILE_NAME = 'motcua.sqlite3';
export const APP_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export interface OpenOptions {
  /** Apply pending migrations (the app and `db migrate` do). */
  readonly migrate?: boolean;
  /** Open for reading only (`doctor`): no pragma that writes, no migration, the file must exist. */
  readonly readonly?: boolean;
  /**
   * The database key (64 hex digits), or null for a clear file. Every app store is encrypted; only
   * the one-time sealing of an old clear store and tests of the format open one without a key.
   */
  readonly key?: string | null;
}

/**
 * Opens the store with the pragmas a counter needs: WAL so readers never wait for the writer,
 * foreign keys on, and synchronous=FULL because a citizen's dossier must survive a power cut
 * at the counter (the receipt is already in the citizen's hand). A full disk, a damaged file or
 * a folder without write access fails here as a typed failure saying what to do.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): { db: Database.Database; migration: MigrationReport | null } {
  const readonly = opts.readonly ?? false;
  if (!readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw fsFailure(e, { key: 'fs.dataDir', params: { dir: dirname(path) } }) ?? failure('db_error', 'db.dirUncreatable', { dir: dirname(path), error: (e as Error).message });
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
    cacheStatements(db);
  } catch (e) {
    throw storageFailure(e, path) ?? failure('db_error', 'db.openFailed', { path, error: (e as Error).message });
  }
  try {
    if (opts.key) applyKey(db, opts.key);
    // The first page read checks the key: a wrong or missing key is told apart from a damaged file.
    checkReadable(db, path, Boolean(opts.key), readonly);
    if (!readonly) {
      // A newer app's database is refused before anything can write to it: even switching the
      // journal mode to WAL rewrites its header, and the refusal promises the file is unchanged.
      const found = db.pragma('user_version', { simple: true }) as number;
      if (found > latestVersion(migrations)) throw new DbVersionFromFutureError(found, latestVersion(migrations));
      db.pragma('journal_mode = WAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const migration = opts.migrate === false || readonly ? null : migrate(db, migrations);
    return { db, migration };
  } catch (e) {
    db.close();
    throw storageFailure(e, path) ?? e;
  }
}

function checkReadable(db: Database.Database, path: string, keyed: boolean, readonly: boolean): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    if (e instanceof Database.SqliteError && e.code === 'SQLITE_NOTADB') {
      if (!keyed) throw failure('db_locked', 'db.keyNeeded', { path });
      // A wrong key and a damaged first page look alike to SQLCipher; the file's salt tells them apart:
      // the salt this PC recorded for its store means the key is right and the file is damaged.
      if (recordedSalt(path)?.equals(fileSalt(path))) throw storageFailure(new Database.SqliteError('file is not a database', 'SQLITE_NOTADB'), path)!;
      throw failure('db_locked', 'db.keyWrong', { path });
    }
    throw e;
  }
  if (!readonly && !recordedSalt(path)) recordSalt(path);
}

/** The random salt SQLCipher keeps in the file's first 16 bytes: not secret, and fixed for the store's life. */
function fileSalt(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(16);
    readSync(fd, b, 0, 16, 0);
    return b;
  } finally {
    closeSync(fd);
  }
}

const saltPath = (path: string) => `${path}.salt`;

function recordedSalt(path: string): Buffer | null {
  try {
    const b = Buffer.from(readFileSync(saltPath(path), 'utf8').trim(), 'hex');
    return b.length === 16 ? b : null;
  } catch {
    return null;
  }
}

function recordSalt(path: string): void {
  try {
    writeFileSync(saltPath(path), fileSalt(path).toString('hex') + '\n', { mode: 0o600 });
  } catch {
    // only a better message later; a disk that cannot take 33 bytes fails the open on its own
  }
}

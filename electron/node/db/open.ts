import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../common/ipc/result';
import { fsFailure } from '../files/fs-errors';
import { applyKey } from './cipher';
import { storageFailure } from './db-errors';
import { failure } from '../../common/ipc/result';
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
      throw fsFailure(e, `thư mục dữ liệu ${dirname(path)}`) ?? new AppFailure('db_error', `Không tạo được thư mục dữ liệu ${dirname(path)}: ${(e as Error).message}`);
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw storageFailure(e, path) ?? new AppFailure('db_error', `Không mở được cơ sở dữ liệu tại ${path}: ${(e as Error).message}`);
  }
  try {
    if (opts.key) applyKey(db, opts.key);
    // The first page read checks the key: a wrong or missing key is told apart from a damaged file.
    checkReadable(db, path, Boolean(opts.key));
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

function checkReadable(db: Database.Database, path: string, keyed: boolean): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    if (e instanceof Database.SqliteError && e.code === 'SQLITE_NOTADB') {
      throw keyed ? failure('db_locked', 'db.keyWrong', { path }) : failure('db_locked', 'db.keyNeeded', { path });
    }
    throw e;
  }
}

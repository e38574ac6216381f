import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../common/ipc/result';
import { migrate, type MigrationReport } from './migration';
import { migrations } from './migrations/index.generated';

export const DB_FILE_NAME = 'motcua.sqlite3';
export const APP_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export interface OpenOptions {
  /** Apply pending migrations (the app and `db migrate` do; `doctor` only reads). */
  readonly migrate?: boolean;
  readonly readonly?: boolean;
}

/**
 * Opens the store with the pragmas a counter needs: WAL so readers never wait for the writer,
 * foreign keys on, and synchronous=FULL because a citizen's dossier must survive a power cut
 * at the counter (the receipt is already in the citizen's hand).
 */
export function openDatabase(path: string, opts: OpenOptions = {}): { db: Database.Database; migration: MigrationReport | null } {
  if (!opts.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (e) {
    throw new AppFailure('db_error', `Không mở được cơ sở dữ liệu tại ${path}: ${(e as Error).message}`);
  }
  try {
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const migration = opts.migrate === false || opts.readonly ? null : migrate(db, migrations);
    return { db, migration };
  } catch (e) {
    db.close();
    throw e;
  }
}

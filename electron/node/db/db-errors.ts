import Database from 'better-sqlite3';
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure, failure } from '../../common/ipc/result';
import { errnoCode, fsFailure } from '../files/fs-errors';


/** Whether the folder of the database can be written now: tells "read-only" apart from "missing" when SQLite only says it cannot open. */
function folderWritable(dbPath: string): boolean | null {
  try {
    accessSync(dirname(dbPath), constants.W_OK);
    return true;
  } catch (e) {
    const code = errnoCode(e);
    return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? false : null;
  }
}

/**
 * A SQLite or file-system fault the officer can act on (a full disk, a damaged file, no write
 * access), as a keyed failure with the advice; null for anything else (constraint
 * violations, bugs, failures already typed), which callers leave as they are. SQLite's own words
 * go in parentheses for the technician: they name the fault, never a citizen's data.
 */
export function storageFailure(e: unknown, dbPath?: string): AppFailure | null {
  if (e instanceof AppFailure) return null;
  if (!(e instanceof Database.SqliteError)) return errnoCode(e) ? fsFailure(e) : null;
  const where = dbPath ? ` ${dbPath}` : '';
  const sqlite = `(${e.message})`;
  const code = e.code;
  if (code.startsWith('SQLITE_FULL') || code === 'SQLITE_IOERR_SHMSIZE') {
    // SHMSIZE: the WAL index file could not grow, which on a full disk is what fails first.
    return failure('disk_full', 'db.diskFull', { sqlite });
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return failure('db_corrupt', 'db.corrupt', { where, sqlite });
  }
  if (code.startsWith('SQLITE_NOTADB')) {
    return failure('db_corrupt', 'db.notADb', { where, sqlite });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return failure('read_only', 'db.readOnly', { where, sqlite });
  }
  // SQLite says only "cannot open" when a WAL database sits on a read-only disk or folder.
  if ((code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) && dbPath && folderWritable(dbPath) === false) {
    return failure('read_only', 'db.readOnlyOpen', { where, sqlite });
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return failure('db_error', 'db.cantOpen', { where, sqlite });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return failure('db_error', 'db.ioError', { where, sqlite });
  }
  return null;
}

/** `PRAGMA integrity_check` found damage: the same advice as a corrupt read, with the first of SQLite's findings. */
export function corruptDatabase(dbPath: string, findings: string): AppFailure {
  const first = findings.replace(/\s+/g, ' ').trim();
  return failure('db_corrupt', 'db.integrity', { path: dbPath, findings: first.length > 200 ? `${first.slice(0, 200)}…` : first });
}

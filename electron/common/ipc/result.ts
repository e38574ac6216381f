/**
 * Errors cross every boundary (IPC, CLI, adapters) as values, never as thrown objects:
 * Electron's `ipcMain.handle` keeps only `message` of a thrown error, and the renderer must
 * be able to switch on a stable code.
 */
export type ErrorCode =
  | 'bad_sender'
  | 'unknown_channel'
  | 'invalid_input'
  | 'invalid_output'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  /** Intake is blocked until sync catches up or a supervisor permits it (the screen asks for one). */
  | 'sync_stale'
  | 'db_too_new'
  | 'db_error'
  /** The disk holding the data directory is full (SQLITE_FULL, ENOSPC): free space, then retry. */
  | 'disk_full'
  /** The database file is damaged or not a database: restore the backup. */
  | 'db_corrupt'
  /** The data directory or its disk cannot be written (permissions, a write-protected disk). */
  | 'read_only'
  /** The dossier was committed but its receipt was not made: print it later, never receive it again. */
  | 'saved_without_receipt'
  | 'exhausted'
  | 'device_error'
  | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  /** Vietnamese, shown to the officer as is. */
  readonly message: string;
  readonly details?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: AppError['details']): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** A typed error that services throw inside a layer; the IPC/CLI boundary turns it into a value. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details?: AppError['details'];
  constructor(code: ErrorCode, message: string, details?: AppError['details']) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    if (details) this.details = details;
  }
  toError(): AppError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppFailure) return e.toError();
  return { code: 'internal', message: 'Lỗi nội bộ của ứng dụng. Vui lòng thử lại hoặc báo bộ phận kỹ thuật.' };
}

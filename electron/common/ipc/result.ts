import { formatError, isErrorKey, type ErrorKey, type ErrorParams } from './error-messages';

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
  /** The database is sealed and this PC does not hold (or holds another) key: recovery, not a retry. */
  | 'db_locked'
  /** The data directory or its disk cannot be written (permissions, a write-protected disk). */
  | 'read_only'
  /** The dossier was committed but its receipt was not made: print it later, never receive it again. */
  | 'saved_without_receipt'
  | 'exhausted'
  | 'device_error'
  | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  /** Vietnamese; shown as is when there is no key (or no wording for the officer's language). */
  readonly message: string;
  /** Per field: the Vietnamese reason, and its key and parameters when the catalog words it in other languages. */
  readonly details?: ReadonlyArray<{ readonly path: string; readonly message: string; readonly key?: ErrorKey; readonly params?: ErrorParams }>;
  /** The message's key in ERROR_MESSAGES and its parameters: the renderer and CLI word it per language. */
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: AppError['details']): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** A failure value worded from the catalog (the dispatcher's own refusals). */
export const failWith = (code: ErrorCode, key: ErrorKey, params?: ErrorParams, details?: AppError['details']): Result<never> => ({
  ok: false,
  error: { code, message: formatError(key, params, 'vi'), key, ...(params ? { params } : {}), ...(details ? { details } : {}) },
});

/** A typed error that services throw inside a layer; the IPC/CLI boundary turns it into a value. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details?: AppError['details'];
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
  constructor(code: ErrorCode, message: string, details?: AppError['details'], wording?: { key: ErrorKey; params?: ErrorParams }) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    if (details) this.details = details;
    if (wording) {
      this.key = wording.key;
      if (wording.params) this.params = wording.params;
    }
  }
  toError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.key ? { key: this.key } : {}),
      ...(this.params ? { params: this.params } : {}),
    };
  }
}

/** A typed failure worded from the catalog: the Vietnamese text now, the key for other languages later. */
export function failure(code: ErrorCode, key: ErrorKey, params?: ErrorParams, details?: AppError['details']): AppFailure {
  return new AppFailure(code, formatError(key, params, 'vi'), details, params ? { key, params } : { key });
}

/** The text for the officer's language: the key's wording when known, else the message as sent. */
export function errorText(e: Pick<AppError, 'message' | 'key' | 'params'>, locale: 'vi' | 'en'): string {
  return e.key && isErrorKey(e.key) ? formatError(e.key, e.params, locale) : e.message;
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppFailure) return e.toError();
  return { code: 'internal', message: formatError('internal', undefined, 'vi'), key: 'internal' };
}

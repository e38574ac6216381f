import type { ErrorKey, KeyedText } from './error-messages';
import { AppFailure } from './result';

/** Each common errno code, and what it says about the file, device, port or host it names. */
const BY_CODE: Readonly<Record<string, ErrorKey>> = {
  ENOENT: 'sys.notFound',
  EACCES: 'sys.noPermission',
  EPERM: 'sys.noPermission',
  EBUSY: 'sys.busy',
  ENOSPC: 'sys.diskFull',
  EDQUOT: 'sys.diskFull',
  EROFS: 'sys.readOnly',
  ENXIO: 'sys.noDevice',
  ENODEV: 'sys.noDevice',
  ENOTDIR: 'sys.notAFolder',
  EISDIR: 'sys.isAFolder',
  ETIMEDOUT: 'sys.timedOut',
  ECONNREFUSED: 'sys.refused',
  ECONNRESET: 'sys.reset',
  EPIPE: 'sys.reset',
  ENOTFOUND: 'sys.hostNotFound',
  EAI_AGAIN: 'sys.hostNotFound',
  EHOSTUNREACH: 'sys.unreachable',
  ENETUNREACH: 'sys.unreachable',
};

interface SystemError {
  readonly code?: unknown;
  readonly path?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  readonly cause?: unknown;
}

/**
 * A Node system error (or a fetch failure whose cause is one) as a keyed wording naming what it
 * was about: the error's own path, address:port or host, else `subject` (the file or port the
 * caller was opening). Null for any other error, which the caller shows as it came.
 */
export function systemWording(e: unknown, subject?: string): KeyedText | null {
  const err = systemError(e) ?? systemError((e as SystemError | null)?.cause);
  if (!err) return null;
  const key = BY_CODE[err.code as string]!;
  const named = typeof err.path === 'string' ? err.path : typeof err.address === 'string' ? `${err.address}${typeof err.port === 'number' ? `:${err.port}` : ''}` : typeof err.hostname === 'string' ? err.hostname : subject;
  return { key, params: { path: named ?? { key: 'sys.target' } } };
}

function systemError(e: unknown): SystemError | null {
  const code = (e as SystemError | null)?.code;
  return typeof code === 'string' && Object.hasOwn(BY_CODE, code) ? (e as SystemError) : null;
}

/** A keyed failure's own wording (its key and parameters); null for any other error. */
export function failureWording(e: unknown): KeyedText | null {
  if (!(e instanceof AppFailure) || !e.key) return null;
  return e.params ? { key: e.key, params: e.params } : { key: e.key };
}

/** A system error worded by its errno (see systemWording), else the error's own text. */
export function systemText(e: unknown, subject?: string): KeyedText | string {
  return systemWording(e, subject) ?? (e instanceof Error ? e.message : String(e));
}

/** An exception's reason as a parameter: its key when it has one (a failure, an errno), else its own words. */
export function thrownWording(e: unknown, subject?: string): KeyedText | string {
  return failureWording(e) ?? systemText(e, subject);
}

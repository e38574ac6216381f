import type { KeyedText } from '../../common/ipc/error-messages';
import { AppFailure, failure } from '../../common/ipc/result';

/** The errno of a Node file-system error (`ENOSPC`, `EROFS`, …), or null for anything else. */
export function errnoCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

/**
 * A file-system fault the officer can act on, as a typed failure saying what to do; null for the
 * rest (a missing file, a bug), which callers report as they did. `what` names the thing that was
 * being written, as a catalog wording (fs.file, fs.attachment…); never a citizen's data.
 */
export function fsFailure(e: unknown, what: KeyedText = { key: 'fs.data' }): AppFailure | null {
  if (e instanceof AppFailure) return null;
  switch (errnoCode(e)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return failure('disk_full', 'fs.diskFull', { what });
    case 'EROFS':
      return failure('read_only', 'fs.readOnlyDisk', { what });
    case 'EACCES':
    case 'EPERM':
      return failure('read_only', 'fs.noPermission', { what });
    default:
      return null;
  }
}

import { formatError, type KeyedText } from '../ipc/error-messages';

/**
 * Why a PKCS#11 module did not load, keyed from what the loader said: glibc's dlerror, the
 * "Win32 error N" pkcs11js makes of LoadLibrary's code, macOS's dlopen, or the CKR_* name of the
 * call that failed (pkcs11js words those "CKR_NAME:number"). The loader's text is English and
 * names ELF classes and error numbers an officer cannot act on; the key says what to do about it.
 * Null when it says none of these, and the caller shows the loader's own words.
 */
export function moduleLoadReason(raw: string, path: string): KeyedText | null {
  const ckr = /\b(CKR_[A-Z0-9_]+)/.exec(raw);
  if (ckr) return { key: 'token.whyInitFailed', params: { ckr: ckr[1]! } };
  // 193 is ERROR_BAD_EXE_FORMAT: a 32-bit DLL in a 64-bit app (a file that is no DLL at all says so too).
  if (/wrong ELF class|incompatible architecture|\bWin32 error 193\b/.test(raw)) return { key: 'token.whyWrongArch' };
  // 127 is ERROR_PROC_NOT_FOUND: a DLL without C_GetFunctionList.
  if (/invalid ELF header|file too short|not a mach-o file|C_GetFunctionList|\bWin32 error 127\b/.test(raw)) return { key: 'token.whyNotPkcs11' };
  if (/Permission denied|\bWin32 error 5\b/.test(raw)) return { key: 'sys.noPermission', params: { path } };
  // dlerror names the file it could not open: the module itself, or a library the module needs.
  const missing = /(?:^|\s)(\S+): cannot open shared object file: No such file or directory/.exec(raw);
  if (missing) return missing[1] === path || basename(missing[1]!) === basename(path) ? { key: 'token.whyNoFile' } : { key: 'token.whyNeedsLibrary', params: { library: missing[1]! } };
  // 126 is ERROR_MOD_NOT_FOUND, said alike of the DLL and of one it imports.
  if (/\bWin32 error 126\b/.test(raw)) return { key: 'token.whyFileOrDll' };
  if (/\bWin32 error [23]\b|\(no such file\)/.test(raw)) return { key: 'token.whyNoFile' };
  return null;
}

/** The file name of either OS's path (common code has no node:path). */
const basename = (p: string) => p.split(/[\\/]/).pop() ?? p;

/**
 * A probe's reason in `locale`: the keyed wording first, the loader's own words after it in brackets
 * as the technician's detail (left out when the app made the text itself: a probe that timed out).
 */
export function moduleErrorText(c: { readonly error: string | null; readonly errorKey: KeyedText | null }, locale: 'vi' | 'en'): string {
  if (c.error === null) return '';
  if (!c.errorKey) return c.error;
  const worded = formatError(c.errorKey.key, c.errorKey.params, locale);
  return c.error === formatError(c.errorKey.key, c.errorKey.params, 'vi') ? worded : `${worded} [${c.error}]`;
}

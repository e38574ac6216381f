import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { checkRow, errorBilingual, type Bilingual, type DoctorCheck } from '../../common/domain/doctor';

/** Runs a system command and gives its standard output; rejects when it fails, with what it said. */
export type Run = (command: string, args: readonly string[]) => Promise<string>;

/** What a folder's privacy depends on: the OS, a way to run its tools (Windows: whoami, icacls), and who we are. */
export interface FolderOs {
  readonly platform: NodeJS.Platform;
  readonly run: Run;
  /** POSIX: our uid. */
  readonly uid: number | null;
  /** The account's name (Windows: whose the note says the ACL is). */
  readonly user: string;
}

const runCommand: Run = (command, args) =>
  new Promise((ok, fail) =>
    execFile(command, args, { timeout: 15_000, windowsHide: true }, (e, stdout, stderr) => (e ? fail(new Error(`${command}: ${String(stderr || e.message).trim()}`)) : ok(String(stdout)))),
  );

function accountName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

export const thisOs: FolderOs = { platform: process.platform, run: runCommand, uid: typeof process.getuid === 'function' ? process.getuid() : null, user: accountName() };

/**
 * Where a Windows ACL this app set is noted, for which folder or file and which user: inside a
 * folder, beside a file. One copied elsewhere (it then has its new parent's ACL) or opened by
 * another account is set again.
 */
const NOTE = '.private-acl.json';
const notePath = (target: string, kind: 'folder' | 'file') => (kind === 'folder' ? join(target, NOTE) : `${target}.acl.json`);

interface AclNote {
  readonly path: string;
  readonly user: string;
  readonly sid: string;
  readonly at: string;
}

/** The note, when it is this folder's or file's and this account's: the ACL was set for them (no process started to know it). */
function noteFor(target: string, kind: 'folder' | 'file', os: FolderOs): AclNote | null {
  try {
    const n = JSON.parse(readFileSync(notePath(target, kind), 'utf8')) as Partial<AclNote>;
    const whole = typeof n.path === 'string' && typeof n.user === 'string' && typeof n.sid === 'string' && typeof n.at === 'string';
    return whole && n.path === resolve(target) && n.user === os.user ? (n as AclNote) : null;
  } catch {
    return null;
  }
}

function writeNote(target: string, kind: 'folder' | 'file', os: FolderOs, sid: string, now: () => Date): void {
  const at = notePath(target, kind);
  writeFileSync(`${at}.tmp`, JSON.stringify({ path: resolve(target), user: os.user, sid, at: now().toISOString() } satisfies AclNote));
  renameSync(`${at}.tmp`, at);
}

/** The signed-in account's SID (`whoami /user /fo csv /nh` → "pc\user","S-1-5-21-…"): names are localised, SIDs are not. */
async function currentSid(run: Run): Promise<string> {
  const sid = /S-1-\d+(?:-\d+)+/.exec(await run('whoami', ['/user', '/fo', 'csv', '/nh']))?.[0];
  if (!sid) throw new Error('whoami did not give the user SID');
  return sid;
}

/**
 * Makes `dir` (created if missing) this user's alone. POSIX: mode 0700. Windows: an ACL granting the
 * signed-in account full control and no one else, inheritance from the parent cut — a folder under
 * %APPDATA% is per user already, but a data folder an administrator put on D:\ would inherit
 * "Users: read" from the drive's root. whoami and icacls run once per folder and account (the
 * folder keeps a note), not at every start. Rejects when the OS refuses (a folder owned by someone else, a volume
 * without ACLs): callers go on, and doctor's row says it.
 */
export async function makePrivate(dir: string, os: FolderOs = thisOs, now: () => Date = () => new Date()): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (os.platform !== 'win32') {
    chmodSync(dir, 0o700);
    return;
  }
  if (noteFor(dir, 'folder', os)) return;
  const sid = await currentSid(os.run);
  // (OI)(CI): files and folders inside inherit it; /grant:r replaces any grant the account had.
  await os.run('icacls', [resolve(dir), '/inheritance:r', '/grant:r', `*${sid}:(OI)(CI)F`, '/Q']);
  writeNote(dir, 'folder', os, sid, now);
}

/**
 * Makes one file this user's alone. POSIX: mode 0600. Windows: inheritance cut and the signed-in
 * account granted full control, by SID: a file beside a data folder on D:\ (the key file) would
 * otherwise inherit "Users: read" from the drive, and the folder's own ACL does not reach it. A
 * file this app created has no ACEs but inherited ones, so after this no one else has any.
 * As for a folder, once per file and account (a note beside it), not at every start. `noteAs`: a
 * file still under a temporary name, set every time and noted under the name it is about to take.
 * Rejects when the OS refuses (a drive without ACLs), with what it said.
 */
export async function makeFilePrivate(path: string, os: FolderOs = thisOs, now: () => Date = () => new Date(), noteAs: string = path): Promise<void> {
  if (os.platform !== 'win32') {
    chmodSync(path, 0o600);
    return;
  }
  if (noteAs === path && noteFor(path, 'file', os)) return;
  const sid = await currentSid(os.run);
  await os.run('icacls', [resolve(path), '/inheritance:r', '/grant:r', `*${sid}:F`, '/Q']);
  writeNote(noteAs, 'file', os, sid, now);
}

const LABEL: Bilingual = { vi: 'Quyền truy cập thư mục dữ liệu', en: 'Data folder access' };

/** Doctor's row: is the data folder this user's alone? A warning says what is open and how to close it. */
export async function privateFolderCheck(dir: string, os: FolderOs = thisOs): Promise<DoctorCheck> {
  try {
    if (os.platform === 'win32') {
      const note = noteFor(dir, 'folder', os);
      if (note) {
        return checkRow('data-dir', 'ok', LABEL, { vi: `chỉ người dùng này (ACL Windows, đặt lúc ${note.at})`, en: `this user only (Windows ACL, set at ${note.at})` });
      }
      return checkRow('data-dir', 'warn', LABEL, {
        vi: 'chưa giới hạn cho riêng người dùng này (ACL Windows); ứng dụng đặt khi mở thư mục — nếu vẫn thế, kiểm tra ổ đĩa có hỗ trợ ACL (NTFS)',
        en: 'not restricted to this user (Windows ACL); the app sets it when it opens the folder — if this stays, check the drive supports ACLs (NTFS)',
      });
    }
    const st = statSync(dir);
    const mode = (st.mode & 0o777).toString(8);
    if (os.uid !== null && st.uid !== os.uid) {
      return checkRow('data-dir', 'warn', LABEL, { vi: `thuộc người dùng khác (uid ${st.uid}, quyền ${mode})`, en: `owned by another user (uid ${st.uid}, mode ${mode})` });
    }
    if ((st.mode & 0o077) !== 0) {
      return checkRow('data-dir', 'warn', LABEL, { vi: `người khác truy cập được (quyền ${mode}): chạy chmod 700 "${dir}"`, en: `others can open it (mode ${mode}): run chmod 700 "${dir}"` });
    }
    return checkRow('data-dir', 'ok', LABEL, { vi: `chỉ người dùng này (quyền ${mode})`, en: `this user only (mode ${mode})` });
  } catch (e) {
    return checkRow('data-dir', 'warn', LABEL, errorBilingual(e));
  }
}

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePrivate, privateFolderCheck, thisOs, type FolderOs } from '../../../electron/node/files/private-folder';
import { unlockStore } from '../../../electron/node/db/store-key';
import { keyFileStore } from '../../../electron/node/secrets/key-file-store';
import { SecretVault } from '../../../electron/node/secrets/secret-vault';
import { tempDir } from '../../helpers/tmp';

const SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const now = () => new Date('2026-12-03T08:00:00Z');

/** A Windows account as the tools answer it: every command run is kept; icacls fails while `refuse` says so. */
function windows(user = 'can bo', refuse: string | null = null) {
  const ran: Array<[string, readonly string[]]> = [];
  const os: FolderOs = {
    platform: 'win32',
    uid: null,
    user,
    run: async (command, args) => {
      ran.push([command, args]);
      if (command === 'whoami') return `"desktop-q01\\${user}","${SID}"\r\n`;
      if (refuse) throw new Error(`icacls: ${refuse}`);
      return 'Successfully processed 1 files; Failed processing 0 files\r\n';
    },
  };
  return { os, ran };
}

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('motcua-private-');
});
afterEach(() => t.cleanup());

describe('the data folder is this user’s alone (issue 13: 0700, a Windows ACL)', () => {
  it('POSIX: a folder others can open is warned about with its mode and the fix, made 0700, then reported private', async () => {
    const dir = join(t.dir, 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(await privateFolderCheck(dir)).toMatchObject({
      id: 'data-dir',
      status: 'warn',
      label: 'Quyền truy cập thư mục dữ liệu',
      detail: `người khác truy cập được (quyền 755): chạy chmod 700 "${dir}"`,
      en: { label: 'Data folder access', detail: `others can open it (mode 755): run chmod 700 "${dir}"` },
    });
    await makePrivate(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(await privateFolderCheck(dir)).toMatchObject({ status: 'ok', detail: 'chỉ người dùng này (quyền 700)', en: { detail: 'this user only (mode 700)' } });
    // A new folder is made private as it is made.
    const fresh = join(t.dir, 'new', 'data');
    await makePrivate(fresh);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
  });

  it('POSIX: the store’s opening makes an existing data folder (one an older version or an admin left 0755) private', async () => {
    const dir = join(t.dir, 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const vault = new SecretVault({ indexPath: join(dir, 'secrets.json'), stores: [keyFileStore(join(t.dir, 'data.key'))], now });
    await unlockStore(join(dir, 'motcua.sqlite3'), vault);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('POSIX: a folder of another user, and a missing one, are warnings that say which', async () => {
    expect(await privateFolderCheck(t.dir, { ...thisOs, platform: 'linux', uid: (thisOs.uid ?? 0) + 4242 })).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^thuộc người dùng khác \(uid \d+, quyền 700\)$/) });
    const missing = await privateFolderCheck(join(t.dir, 'none'));
    expect(missing.status).toBe('warn');
    expect(missing.detail).toContain(join(t.dir, 'none'));
  });

  it('Windows: icacls cuts inheritance and grants the account (by SID) alone, once per folder and account; doctor reads the note', async () => {
    const dir = join(t.dir, 'data');
    const { os, ran } = windows();
    expect((await privateFolderCheck(dir, os)).status).toBe('warn');
    await makePrivate(dir, os, now);
    expect(ran).toEqual([
      ['whoami', ['/user', '/fo', 'csv', '/nh']],
      ['icacls', [resolve(dir), '/inheritance:r', '/grant:r', `*${SID}:(OI)(CI)F`, '/Q']],
    ]);
    expect(JSON.parse(readFileSync(join(dir, '.private-acl.json'), 'utf8'))).toEqual({ path: resolve(dir), user: 'can bo', sid: SID, at: '2026-12-03T08:00:00.000Z' });
    expect(await privateFolderCheck(dir, os)).toMatchObject({
      status: 'ok',
      detail: 'chỉ người dùng này (ACL Windows, đặt lúc 2026-12-03T08:00:00.000Z)',
      en: { detail: 'this user only (Windows ACL, set at 2026-12-03T08:00:00.000Z)' },
    });
    // The next start: nothing run.
    await makePrivate(dir, os, now);
    expect(ran).toHaveLength(2);
    // Another account on this PC, or the folder moved (it then has its new parent's ACL): set again.
    const other = windows('truong bo phan');
    expect((await privateFolderCheck(dir, other.os)).status).toBe('warn');
    await makePrivate(dir, other.os, now);
    expect(other.ran.map(([c]) => c)).toEqual(['whoami', 'icacls']);
    const moved = join(t.dir, 'moved');
    renameSync(dir, moved);
    const again = windows('truong bo phan');
    await makePrivate(moved, again.os, now);
    expect(again.ran[1]![1][0]).toBe(resolve(moved));
  });

  it('Windows: icacls refused (a drive without ACLs): it rejects with the reason, writes no note, and doctor keeps warning', async () => {
    const dir = join(t.dir, 'data');
    const { os } = windows('can bo', 'This operation is not supported');
    await expect(makePrivate(dir, os, now)).rejects.toThrow(/not supported/);
    expect(existsSync(join(dir, '.private-acl.json'))).toBe(false);
    expect(await privateFolderCheck(dir, os)).toMatchObject({ status: 'warn', en: { detail: expect.stringContaining('not restricted to this user') } });
  });
});

describe('the key file is this user’s alone (issue 13: the fallback store beside the data folder, which its ACL does not reach)', () => {
  it('Windows: a new key is restricted by SID under its temporary name, before it is linked into place', async () => {
    const path = join(t.dir, 'MotCuaDesk.key');
    const { os, ran } = windows();
    const store = keyFileStore(path, os);
    const sealed = await store.seal('sync.clientSecret', 'khóa-bí-mật');
    expect(ran).toHaveLength(2);
    expect(ran[0]).toEqual(['whoami', ['/user', '/fo', 'csv', '/nh']]);
    const [command, args] = ran[1]!;
    expect(command).toBe('icacls');
    expect(args[0]).toMatch(new RegExp(`^${path.replace(/[.\\]/g, '\\$&')}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`));
    expect(args.slice(1)).toEqual(['/inheritance:r', '/grant:r', `*${SID}:F`, '/Q']);
    // No temporary file left; the key's note beside it, under its own name (as the data folder's).
    expect(readdirSync(t.dir).sort()).toEqual(['MotCuaDesk.key', 'MotCuaDesk.key.acl.json']);
    expect(JSON.parse(readFileSync(`${path}.acl.json`, 'utf8'))).toMatchObject({ path: resolve(path), user: 'can bo', sid: SID });
    // The same store: nothing run again.
    expect(await store.open('sync.clientSecret', sealed)).toBe('khóa-bí-mật');
    expect(ran).toHaveLength(2);
    // The next start's store: nothing run either (the note says it was set for this file and account).
    const next = windows();
    expect(await keyFileStore(path, next.os).open('sync.clientSecret', sealed)).toBe('khóa-bí-mật');
    expect(next.ran).toEqual([]);
    // A key file an older version left (no note, its folder's ACL): the file itself, once, before its
    // key is used; then noted, so the start after runs nothing.
    rmSync(`${path}.acl.json`);
    const older = windows();
    const again = keyFileStore(path, older.os);
    expect(await again.open('sync.clientSecret', sealed)).toBe('khóa-bí-mật');
    expect(await again.open('sync.clientSecret', sealed)).toBe('khóa-bí-mật');
    expect(older.ran).toEqual([
      ['whoami', ['/user', '/fo', 'csv', '/nh']],
      ['icacls', [resolve(path), '/inheritance:r', '/grant:r', `*${SID}:F`, '/Q']],
    ]);
    const after = windows();
    expect(await keyFileStore(path, after.os).open('sync.clientSecret', sealed)).toBe('khóa-bí-mật');
    expect(after.ran).toEqual([]);
  });

  it('Windows: icacls refused (a drive without ACLs): no key is made or used, and the error says why and what to do', async () => {
    const path = join(t.dir, 'MotCuaDesk.key');
    const { os } = windows('can bo', 'This operation is not supported');
    const refused = keyFileStore(path, os).seal('sync.clientSecret', 'khóa-bí-mật');
    await expect(refused).rejects.toMatchObject({ code: 'forbidden', key: 'secrets.keyFileAcl' });
    await expect(refused).rejects.toThrow(`Không giới hạn được tệp khóa ${path} cho riêng người dùng này (icacls: This operation is not supported): đặt MOTCUA_KEY_FILE`);
    expect(readdirSync(t.dir)).toEqual([]);
    // A key file already there is not used either while it cannot be restricted.
    const sealed = await keyFileStore(path, { ...thisOs, platform: 'linux' }).seal('sync.clientSecret', 'khóa-bí-mật');
    await expect(keyFileStore(path, os).open('sync.clientSecret', sealed)).rejects.toMatchObject({ key: 'secrets.keyFileAcl' });
  });
});

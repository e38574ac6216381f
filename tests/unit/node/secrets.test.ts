import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { notice } from '../../../electron/common/ipc/notice';
import type { SecretName, SecretStore, SecretStoreKind } from '../../../electron/common/security/secrets';
import { keyFilePath, keyFileStore } from '../../../electron/node/secrets/key-file-store';
import { forcedSecretStore, SecretVault } from '../../../electron/node/secrets/secret-vault';
import { loadAuditKey } from '../../../electron/node/audit/audit-service';
import { osKeyringStore, type KeyringEntry } from '../../../native/keyring/os-keyring-store';
import { tempDir } from '../../helpers/tmp';

const SECRET = 'Bi-mat-Q01-7f3a9c2e';
const NAME: SecretName = 'sync.clientSecret';

let cleanup = () => undefined as void;
afterEach(() => cleanup());
function fresh(): { dir: string; dataDir: string } {
  const t = tempDir('motcua-secrets-');
  cleanup = t.cleanup;
  const dataDir = join(t.dir, 'MotCuaDesk');
  mkdirSync(dataDir);
  return { dir: t.dir, dataDir };
}

/** Every file under `dir`, for "is the secret anywhere in clear". */
function allBytes(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name))),
  );
}

/** A store that keeps values in memory: stands in for a keyring, and can be switched off. */
function memoryStore(kind: SecretStoreKind, on = { value: true }): SecretStore & { kept: Map<string, string>; erased: string[] } {
  const kept = new Map<string, string>();
  const erased: string[] = [];
  return {
    kind,
    where: notice('secrets.where.keyFile', { path: `bộ nhớ (${kind})` }),
    warning: null,
    kept,
    erased,
    available: async () => on.value,
    seal: async (name, value) => {
      kept.set(name, value);
      return null;
    },
    open: async (name) => {
      const v = kept.get(name);
      if (v === undefined) throw new Error('missing');
      return v;
    },
    erase: async (name) => {
      erased.push(name);
      kept.delete(name);
    },
  };
}

describe('key file store (no OS keyring: headless Linux, CI)', () => {
  it('keeps its random key next to the data directory, never inside it, readable by this user only', async () => {
    const { dir, dataDir } = fresh();
    const path = keyFilePath(dataDir, {});
    expect(path).toBe(join(dir, 'MotCuaDesk.key'));
    expect(keyFilePath(dataDir, { MOTCUA_KEY_FILE: join(dir, 'elsewhere.key') })).toBe(join(dir, 'elsewhere.key'));
    const store = keyFileStore(path);
    const sealed = await store.seal(NAME, SECRET);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(SECRET);
    expect(Buffer.from(sealed!.slice(3), 'base64').includes(Buffer.from(SECRET))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.open(NAME, sealed)).toBe(SECRET);
    // A second process (a new store over the same file) opens it with the same key.
    expect(await keyFileStore(path).open(NAME, sealed)).toBe(SECRET);
    expect(readdirSync(dir).sort()).toEqual(['MotCuaDesk', 'MotCuaDesk.key']); // no temporary file left behind
  });

  it('a sealed value is bound to its name, and tampering or another key fails to open it', async () => {
    const { dir, dataDir } = fresh();
    const store = keyFileStore(keyFilePath(dataDir, {}));
    const sealed = (await store.seal(NAME, SECRET))!;
    await expect(store.open('other.name' as SecretName, sealed)).rejects.toThrow(/không mở được/);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    await expect(store.open(NAME, `v1.${raw.toString('base64')}`)).rejects.toThrow(/không mở được/);
    const other = keyFileStore(join(dir, 'other.key'));
    await other.seal(NAME, 'x');
    await expect(other.open(NAME, sealed)).rejects.toThrow(/không mở được/);
  });

  it.skipIf(process.platform === 'win32')('refuses a key file that others may read', async () => {
    const { dataDir } = fresh();
    const path = keyFilePath(dataDir, {});
    const store = keyFileStore(path);
    const sealed = await store.seal(NAME, SECRET);
    chmodSync(path, 0o644);
    await expect(store.open(NAME, sealed)).rejects.toThrow(/chmod 600/);
    await expect(store.seal(NAME, SECRET)).rejects.toThrow(/chmod 600/);
  });

  it('a missing key file is an error that says what to do, not a new key that silently opens nothing', async () => {
    const { dataDir } = fresh();
    const store = keyFileStore(keyFilePath(dataDir, {}));
    await expect(store.open(NAME, 'v1.AAAA')).rejects.toThrow(/motcua api set/);
  });
});

describe('secret vault', () => {
  const vault = (dataDir: string, stores: SecretStore[], force: SecretStoreKind | null = null) =>
    new SecretVault({ indexPath: join(dataDir, 'secrets.json'), stores: [...stores, keyFileStore(keyFilePath(dataDir, {}))], now: () => new Date('2026-11-30T08:00:00+07:00'), force });

  it('puts a secret in the first store that works here; the index on disk never holds it in clear', async () => {
    const { dir, dataDir } = fresh();
    const keyring = memoryStore('os-keyring');
    const v = vault(dataDir, [keyring]);
    expect((await v.put(NAME, SECRET)).kind).toBe('os-keyring');
    expect(keyring.kept.get(NAME)).toBe(SECRET);
    expect(await v.get(NAME)).toBe(SECRET);
    expect(await v.location(NAME)).toMatchObject({ stored: true, kind: 'os-keyring', warning: null });
    expect(allBytes(dir).includes(Buffer.from(SECRET))).toBe(false);
  });

  it('the audit key never goes to safeStorage, which only the Electron app opens: the CLI audits under the same key', async () => {
    const { dataDir } = fresh();
    const safe = memoryStore('safe-storage');
    const keyring = memoryStore('os-keyring');
    const v = vault(dataDir, [safe, keyring]);
    const key = await loadAuditKey(v, { create: true });
    expect(key).toHaveLength(32);
    expect(safe.kept.size).toBe(0);
    expect(keyring.kept.get('audit.hmacKey')).toBe(key!.toString('hex'));
    // Another entry point without safeStorage reads the same key, and never makes a second one.
    expect((await loadAuditKey(vault(dataDir, [keyring]), { create: false }))!.equals(key!)).toBe(true);
    expect((await loadAuditKey(v, { create: true }))!.equals(key!)).toBe(true);
    // Other secrets still prefer safeStorage.
    expect((await v.put(NAME, SECRET)).kind).toBe('safe-storage');
  });

  it('falls back to the key file when no keyring answers, with a warning, and still never writes the secret in clear', async () => {
    const { dir, dataDir } = fresh();
    const v = vault(dataDir, [memoryStore('os-keyring', { value: false })]);
    expect((await v.location(NAME)).stored).toBe(false);
    const store = await v.put(NAME, SECRET);
    expect(store.kind).toBe('key-file');
    expect(await v.get(NAME)).toBe(SECRET);
    const loc = await v.location(NAME);
    expect(loc).toMatchObject({ stored: true, kind: 'key-file' });
    expect(loc.warning?.message).toMatch(/không có kho khóa/);
    const bytes = allBytes(dir);
    for (const form of [Buffer.from(SECRET), Buffer.from(SECRET, 'utf16le'), Buffer.from(Buffer.from(SECRET).toString('base64')), Buffer.from(Buffer.from(SECRET).toString('hex'))]) {
      expect(bytes.includes(form)).toBe(false);
    }
  });

  it('moving a secret to a better store erases the old copy; MOTCUA_SECRET_STORE can insist on one place', async () => {
    const { dataDir } = fresh();
    const on = { value: false };
    const keyring = memoryStore('os-keyring', on);
    const v = vault(dataDir, [keyring]);
    await v.put(NAME, 'first');
    on.value = true;
    await v.put(NAME, SECRET);
    expect(await v.get(NAME)).toBe(SECRET);
    const forced = vault(dataDir, [keyring], 'key-file');
    expect((await forced.put(NAME, 'third')).kind).toBe('key-file');
    expect(keyring.erased).toEqual([NAME]);
    expect(await forced.get(NAME)).toBe('third');
    expect(forcedSecretStore({ MOTCUA_SECRET_STORE: 'key-file' })).toBe('key-file');
    expect(forcedSecretStore({ MOTCUA_SECRET_STORE: 'anything' })).toBeNull();
    await expect(vault(dataDir, [], 'os-keyring').put(NAME, 'x')).rejects.toThrow(/MOTCUA_SECRET_STORE=os-keyring/);
  });

  it('a secret kept where this program cannot reach says so in Vietnamese instead of pretending there is none', async () => {
    const { dataDir } = fresh();
    await vault(dataDir, [memoryStore('safe-storage')]).put(NAME, SECRET);
    // The CLI has no safeStorage: it must not act as if nothing were configured.
    await expect(vault(dataDir, []).get(NAME)).rejects.toThrow(/chỉ ứng dụng Một Cửa Desk mở được/);
    await vault(dataDir, []).remove(NAME);
    expect(await vault(dataDir, []).get(NAME)).toBeNull();
  });

  it('a damaged index is reported, not read as empty', async () => {
    const { dataDir } = fresh();
    writeFileSync(join(dataDir, 'secrets.json'), '{"version":1,"entries":{"sync.clientSecret":{"store":"nowhere"}}}');
    await expect(vault(dataDir, []).get(NAME)).rejects.toThrow(/bị hỏng/);
  });
});

describe('OS keyring store (over a fake binding)', () => {
  const fakeEntries = () => {
    const values = new Map<string, string>();
    const calls: string[] = [];
    const factory = (service: string, account: string): KeyringEntry => ({
      getPassword: async () => {
        calls.push(`get ${service}/${account}`);
        return values.get(account) ?? null;
      },
      setPassword: async (p) => {
        calls.push(`set ${service}/${account}`);
        values.set(account, p);
      },
      deletePassword: async () => values.delete(account),
    });
    return { values, calls, factory };
  };

  it('keeps one entry per data directory under the app service, and the vault index holds no blob', async () => {
    const f = fakeEntries();
    const a = osKeyringStore({ dataDir: '/data/a', platform: 'win32', factory: f.factory });
    const b = osKeyringStore({ dataDir: '/data/b', platform: 'win32', factory: f.factory });
    expect(await a.available()).toBe(true);
    expect(await a.seal(NAME, 'secret-a')).toBeNull();
    await b.seal(NAME, 'secret-b');
    expect(await a.open(NAME, null)).toBe('secret-a');
    expect(await b.open(NAME, null)).toBe('secret-b');
    expect(f.calls).toContain(`set MotCuaDesk/${NAME}@/data/a`);
    expect(a.where.message).toMatch(/Credential Manager/);
    await a.erase(NAME);
    await expect(a.open(NAME, null)).rejects.toThrow();
  });

  it('is unavailable when the binding is missing, errors or hangs (then the key file takes over)', async () => {
    expect(await osKeyringStore({ dataDir: '/d', platform: 'linux', factory: null }).available()).toBe(false);
    const failing = osKeyringStore({
      dataDir: '/d',
      platform: 'linux',
      factory: () => ({ getPassword: async () => Promise.reject(new Error('no Secret Service')), setPassword: async () => undefined, deletePassword: async () => false }),
    });
    expect(await failing.available()).toBe(false);
    const hanging = osKeyringStore({
      dataDir: '/d',
      platform: 'linux',
      timeoutMs: 50,
      factory: () => ({ getPassword: () => new Promise<string | null>(() => undefined), setPassword: async () => undefined, deletePassword: async () => false }),
    });
    expect(await hanging.available()).toBe(false);
  });

  it('the real binding on this machine either works or reports unavailable (never throws)', async () => {
    const real = osKeyringStore({ dataDir: '/tmp/motcua-probe', timeoutMs: 3000 });
    expect(typeof (await real.available())).toBe('boolean');
  });
});

import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { bilingual, checkRow, joinBilingual, type DoctorCheck } from '../../common/domain/doctor';
import { keyedOf } from '../../common/ipc/notice';
import { failure } from '../../common/ipc/result';
import { makePrivate } from '../files/private-folder';
import type { SecretVault } from '../secrets/secret-vault';
import { DB_KEY_BYTES, dbFileState, isDbKey } from './cipher';
import { DbVersionFromFutureError, latestVersion } from './migration';
import { migrations } from './migrations/index.generated';
import { sealClearStore, wipeClearLeftover } from './seal-store';

/** The database key as the vault holds it, or null when this PC has none; a key it cannot open is an error. */
export async function storedDbKey(vault: SecretVault, dbPath: string): Promise<string | null> {
  let key: string | null;
  try {
    key = await vault.get('db.key');
  } catch {
    // The index names a place that no longer holds the key (a copied folder, an emptied key store):
    // for the officer that is the same as no key, and the same recovery.
    const loc = await vault.location('db.key').catch(() => null);
    const where = loc ? keyedOf(loc.where) : '?';
    throw failure('db_locked', 'db.keyMissing', { path: dbPath, where });
  }
  if (key !== null && !isDbKey(key)) throw failure('db_locked', 'db.keyUnreadable', { where: keyedOf((await vault.location('db.key')).where), reason: { key: 'secrets.badKeyFormat' } });
  return key;
}

/**
 * The key that opens this data directory's database, made ready before anything opens it:
 * - a sealed store needs the key this PC holds, or stops with what to do (never a new empty store);
 * - a new store gets a random key, kept in the vault before the first page is written;
 * - a clear store from an older version is sealed once, crash-safely (seal-store.ts).
 */
export async function unlockStore(dbPath: string, vault: SecretVault): Promise<string> {
  await privateFolder(dirname(dbPath));
  if (dbFileState(dbPath) === 'encrypted') return sealedKey(dbPath, vault);
  // Under the lock: two first starts at once (the app and a CLI command) must agree on one key.
  return withSealLock(dbPath, async () => {
    const state = dbFileState(dbPath);
    if (state === 'encrypted') return sealedKey(dbPath, vault);
    // A newer app's file is refused before anything is written next to it (no key, no sealing).
    if (state === 'clear') refuseNewerClearStore(dbPath);
    let key = await storedDbKey(vault, dbPath);
    if (!key) {
      key = randomBytes(DB_KEY_BYTES).toString('hex');
      // Not in safeStorage: only the Electron app opens it, and the CLI opens the same database.
      await vault.put('db.key', key, { avoid: ['safe-storage'] });
    }
    if (state === 'clear') sealClearStore(dbPath, key);
    return key;
  });
}

/**
 * For `doctor`, which only reads: the key of a sealed store (or a failure saying it is missing),
 * null for a clear store from an older version (read as it is; the app seals it when it next opens
 * it), and for no store at all the key a new one gets (an empty data directory has nothing to protect).
 */
export async function keyForReading(dbPath: string, vault: SecretVault): Promise<string | null> {
  const state = dbFileState(dbPath);
  if (state === 'missing' || state === 'empty') return unlockStore(dbPath, vault);
  if (state === 'clear') return null;
  return requiredDbKey(vault, dbPath);
}

/** Doctor's line on encryption: whether the store is sealed and where its key is kept. */
export async function encryptionCheck(dbPath: string, vault: SecretVault): Promise<DoctorCheck> {
  const label = { vi: 'Mã hóa dữ liệu', en: 'Data encryption' };
  const state = dbFileState(dbPath);
  const loc = await vault.location('db.key').catch(() => null);
  if (state === 'clear') return checkRow('encryption', 'warn', label, { vi: 'cơ sở dữ liệu chưa mã hóa (bản cũ): ứng dụng sẽ mã hóa khi mở lần tới', en: 'the database is not encrypted yet (an old one): the app encrypts it when it next opens it' });
  if (state !== 'encrypted') return checkRow('encryption', 'unconfigured', label, { vi: 'chưa có cơ sở dữ liệu', en: 'no database yet' });
  if (!loc?.stored) return checkRow('encryption', 'fail', label, { vi: 'cơ sở dữ liệu đã mã hóa nhưng máy này không giữ khóa mở nó', en: 'the database is encrypted but this PC does not hold the key that opens it' });
  const warning = loc.warning ? joinBilingual({ vi: '. Cảnh báo: ', en: '. Warning: ' }, bilingual(loc.warning)) : '';
  return checkRow('encryption', loc.warning ? 'warn' : 'ok', label, joinBilingual({ vi: 'bật (SQLCipher 4, AES-256); khóa giữ trong ', en: 'on (SQLCipher 4, AES-256); the key is kept in ' }, bilingual(loc.where), warning));
}

async function sealedKey(dbPath: string, vault: SecretVault): Promise<string> {
  const key = await requiredDbKey(vault, dbPath);
  wipeClearLeftover(dbPath);
  // A lock a killed sealer left: the store is sealed, nobody holds it any more.
  const lock = `${dbPath}.seal-lock`;
  if (existsSync(lock) && !holderAlive(lock)) rmSync(lock, { force: true });
  return key;
}

/**
 * The app and a CLI command may both find the clear store at once: one seals, the other waits and
 * then finds it sealed. A lock left by a killed process (its pid gone) is taken over.
 */
async function withSealLock<T>(dbPath: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dbPath}.seal-lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!holderAlive(lock) || attempt > 600) rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function holderAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function refuseNewerClearStore(dbPath: string): void {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > latestVersion(migrations)) throw new DbVersionFromFutureError(found, latestVersion(migrations));
  } finally {
    db.close();
  }
}

/** The data directory, this user's alone (private-folder.ts: POSIX 0700, a Windows ACL). */
async function privateFolder(dir: string): Promise<void> {
  // Refused (a folder owned by someone else, a volume without ACLs): doctor's row says so, and the
  // store opens or fails on its own; a folder that could not even be made fails here, with its reason.
  await makePrivate(dir).catch(() => mkdirSync(dir, { recursive: true, mode: 0o700 }));
}

/** A sealed store's key, or the failure saying this PC does not hold it. */
async function requiredDbKey(vault: SecretVault, dbPath: string): Promise<string> {
  const key = await storedDbKey(vault, dbPath);
  if (!key) throw failure('db_locked', 'db.keyMissing', { path: dbPath, where: keyedOf((await vault.location('db.key')).where) });
  return key;
}

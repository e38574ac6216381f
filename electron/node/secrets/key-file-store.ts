import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { syncDir } from '../files/durable';
import { makeFilePrivate, thisOs, type FolderOs } from '../files/private-folder';
import { notice } from '../../common/ipc/notice';
import { AppFailure, failure } from '../../common/ipc/result';
import type { SecretName, SecretStore } from '../../common/security/secrets';

const KEY_PREFIX = 'motcua-key-v1:';
const BLOB_PREFIX = 'v1.';

/**
 * Where the key file lives: `MOTCUA_KEY_FILE`, else next to the data directory (never inside it), so
 * a copy or backup of the data directory does not carry the key that opens its secrets.
 */
export function keyFilePath(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const override = env.MOTCUA_KEY_FILE?.trim();
  if (override) return resolve(override);
  const dir = resolve(dataDir);
  return join(dirname(dir), `${basename(dir)}.key`);
}

/**
 * Refuses a key file someone else could read or replace: such a key protects nothing. POSIX bits
 * mean nothing on Windows: there the store sets the file's ACL itself (restrict, keyFileStore).
 */
function checkPrivate(path: string, os: FolderOs): void {
  if (os.platform === 'win32') return;
  const st = statSync(path);
  if ((st.mode & 0o077) !== 0 || (os.uid !== null && st.uid !== os.uid)) {
    throw failure('forbidden', 'secrets.keyFileOpen', { path, mode: (st.mode & 0o777).toString(8) });
  }
}

/** The key file (`path`, or its temporary name `at`) made this user's alone, or the store's refusal saying why it could not be. */
async function restrict(path: string, os: FolderOs, at: string = path): Promise<void> {
  try {
    await makeFilePrivate(at, os, undefined, path);
  } catch (e) {
    throw failure('forbidden', 'secrets.keyFileAcl', { path, reason: (e as Error).message });
  }
}

function readKey(path: string, os: FolderOs): Buffer {
  checkPrivate(path, os);
  const text = readFileSync(path, 'utf8').trim();
  const key = text.startsWith(KEY_PREFIX) ? Buffer.from(text.slice(KEY_PREFIX.length), 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw failure('conflict', 'secrets.keyFileDamaged', { path });
  return key;
}

/**
 * Creates the key once, atomically: written and flushed under a temporary name, made this user's
 * alone (0600; Windows: its ACL) while still under that name, then linked into place (link fails
 * if another process won the race; its key is used instead). The key never sits at `path` open to others.
 */
async function createKey(path: string, os: FolderOs): Promise<Buffer> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const key = randomBytes(32);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, `${KEY_PREFIX}${key.toString('base64')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // POSIX: a umask cannot widen 0600, but an odd filesystem default could.
    await restrict(path, os, tmp);
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readKey(path, os);
  } finally {
    rmSync(tmp, { force: true });
  }
  syncDir(dirname(path));
  return key;
}

const aad = (name: SecretName) => Buffer.from(`motcua-secret:v1:${name}`);

/**
 * The fallback where no OS keyring exists (headless Linux, CI): AES-256-GCM under a random key in a
 * file only this user may read. The sealed value is bound to its name, so blobs cannot be swapped.
 */
export function keyFileStore(path: string, os: FolderOs = thisOs): SecretStore {
  // Windows: an existing key file (one an older version made, with the ACL it inherited) is made
  // this user's alone before its key is used, once (its note says so to the next starts); a new one
  // is made so as it is created.
  let restricted = os.platform !== 'win32';
  const key = async (create: boolean): Promise<Buffer> => {
    let k: Buffer;
    try {
      k = readKey(path, os);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (!create) throw failure('conflict', 'secrets.keyFileMissing', { path });
      try {
        k = await createKey(path, os);
      } catch (c) {
        if (c instanceof AppFailure) throw c;
        throw failure('conflict', 'secrets.keyFileUncreatable', { path, reason: (c as Error).message });
      }
      restricted = true;
    }
    if (!restricted) {
      await restrict(path, os);
      restricted = true;
    }
    return k;
  };
  return {
    kind: 'key-file',
    where: notice('secrets.where.keyFile', { path }),
    warning: notice('secrets.keyFileWarning', { path }),
    available: async () => true,
    async seal(name, value) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', await key(true), iv);
      c.setAAD(aad(name));
      const ct = Buffer.concat([c.update(value, 'utf8'), c.final()]);
      return BLOB_PREFIX + Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
    },
    async open(name, sealed) {
      if (!sealed?.startsWith(BLOB_PREFIX)) throw failure('conflict', 'secrets.sealedDamaged');
      const raw = Buffer.from(sealed.slice(BLOB_PREFIX.length), 'base64');
      const d = createDecipheriv('aes-256-gcm', await key(false), raw.subarray(0, 12));
      d.setAAD(aad(name));
      d.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
      } catch {
        throw failure('conflict', 'secrets.keyChanged', { path });
      }
    },
    erase: async () => undefined,
  };
}

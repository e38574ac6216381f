import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { syncDir } from '../files/durable';
import { notice } from '../../common/ipc/notice';
import { failure } from '../../common/ipc/result';
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

/** Refuses a key file someone else could read or replace: such a key protects nothing. */
function checkPrivate(path: string): void {
  if (process.platform === 'win32') return; // NTFS ACLs under %APPDATA% are per user; POSIX bits mean nothing there
  const st = statSync(path);
  if ((st.mode & 0o077) !== 0 || (typeof process.getuid === 'function' && st.uid !== process.getuid())) {
    throw failure('forbidden', 'secrets.keyFileOpen', { path, mode: (st.mode & 0o777).toString(8) });
  }
}

function readKey(path: string): Buffer {
  checkPrivate(path);
  const text = readFileSync(path, 'utf8').trim();
  const key = text.startsWith(KEY_PREFIX) ? Buffer.from(text.slice(KEY_PREFIX.length), 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw failure('conflict', 'secrets.keyFileDamaged', { path });
  return key;
}

/**
 * Creates the key once, atomically: written and flushed under a temporary name with mode 0600,
 * then linked into place (link fails if another process won the race; its key is used instead).
 */
function createKey(path: string): Buffer {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const key = randomBytes(32);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${KEY_PREFIX}${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, 0o600); // a umask cannot widen it, but an odd filesystem default could
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readKey(path);
  } finally {
    unlinkSync(tmp);
  }
  syncDir(dirname(path));
  return key;
}

const aad = (name: SecretName) => Buffer.from(`motcua-secret:v1:${name}`);

/**
 * The fallback where no OS keyring exists (headless Linux, CI): AES-256-GCM under a random key in a
 * file only this user may read. The sealed value is bound to its name, so blobs cannot be swapped.
 */
export function keyFileStore(path: string): SecretStore {
  const key = (create: boolean): Buffer => {
    try {
      return readKey(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (!create) throw failure('conflict', 'secrets.keyFileMissing', { path });
      try {
        return createKey(path);
      } catch (c) {
        throw failure('conflict', 'secrets.keyFileUncreatable', { path, reason: (c as Error).message });
      }
    }
  };
  return {
    kind: 'key-file',
    where: notice('secrets.where.keyFile', { path }),
    warning: notice('secrets.keyFileWarning', { path }),
    available: async () => true,
    async seal(name, value) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key(true), iv);
      c.setAAD(aad(name));
      const ct = Buffer.concat([c.update(value, 'utf8'), c.final()]);
      return BLOB_PREFIX + Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
    },
    async open(name, sealed) {
      if (!sealed?.startsWith(BLOB_PREFIX)) throw failure('conflict', 'secrets.sealedDamaged');
      const raw = Buffer.from(sealed.slice(BLOB_PREFIX.length), 'base64');
      const d = createDecipheriv('aes-256-gcm', key(false), raw.subarray(0, 12));
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

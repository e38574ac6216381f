import type Database from 'better-sqlite3';
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The database is encrypted page by page by SQLite3 Multiple Ciphers (the better-sqlite3 build we
 * ship), in the SQLCipher 4 format: AES-256 with an HMAC on every page, the WAL included, so a
 * recovery can use any SQLCipher tool. The key is 32 random bytes given raw (`x'…'`): no password
 * derivation to slow every open, because nobody types it; the SecretVault keeps it.
 */
export const DB_KEY_BYTES = 32;

export function isDbKey(hex: string): boolean {
  return /^[0-9a-f]{64}$/.test(hex);
}

/** Must run before anything reads the file: the first page read decides whether the key fits. */
export function applyKey(db: Database.Database, keyHex: string): void {
  if (!isDbKey(keyHex)) throw new Error('database key must be 64 hex digits');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${keyHex}'"`);
  // Sorts and temporary indexes stay in memory: SQLite writes its temp files in clear.
  db.pragma('temp_store = MEMORY');
}

/** Changes the key of an open (or plain) database; used once, when a clear store is sealed. */
export function rekey(db: Database.Database, keyHex: string): void {
  if (!isDbKey(keyHex)) throw new Error('database key must be 64 hex digits');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`rekey = "x'${keyHex}'"`);
}

export type DbFileState = 'missing' | 'empty' | 'clear' | 'encrypted';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What is on disk, from the first 16 bytes: a clear SQLite file starts with its magic; an encrypted one with random salt. */
export function dbFileState(path: string): DbFileState {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n === 0) return 'empty';
    return n === 16 && head.equals(SQLITE_MAGIC) ? 'clear' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliAdapters } from '../../electron/cli/cli-core';
import { doctorDbKey } from '../../electron/node/core/core-services';
import { applyKey } from '../../electron/node/db/cipher';
import { keyFilePath } from '../../electron/node/secrets/key-file-store';
import { SqliteStore } from '../../electron/node/store/sqlite-store';

/**
 * Tests look inside a data directory's database the way an IT technician would: with the key this
 * PC's vault holds for it (the database is always encrypted; see electron/node/db/store-key.ts).
 */
export async function dataDbKey(dir: string): Promise<string> {
  const key = await doctorDbKey(dir, cliAdapters(dir).secretStores ?? []);
  if (!key) throw new Error(`no database key for ${dir}`);
  return key;
}

/** `keyDir`: the data directory whose key opens this file (a copy made by copyDataDb). */
export async function openDataDb(dir: string, opts: Database.Options = {}, keyDir = dir): Promise<Database.Database> {
  const key = await dataDbKey(keyDir);
  const db = new Database(join(dir, 'motcua.sqlite3'), opts);
  applyKey(db, key);
  return db;
}

export async function openDataStore(dir: string, opts: { readonly?: boolean; migrate?: boolean } = {}): Promise<SqliteStore> {
  return SqliteStore.open(join(dir, 'motcua.sqlite3'), { ...opts, key: await dataDbKey(dir) });
}

/**
 * A copy of a data directory's database that the CLI can open as another data directory: the
 * file (its WAL folded in first), the vault's index, and the env pointing at the original key file.
 */
export async function copyDataDb(fromDir: string, toDir: string): Promise<Record<string, string>> {
  const db = await openDataDb(fromDir);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  copyFileSync(join(fromDir, 'motcua.sqlite3'), join(toDir, 'motcua.sqlite3'));
  copyFileSync(join(fromDir, 'secrets.json'), join(toDir, 'secrets.json'));
  return { MOTCUA_KEY_FILE: keyFilePath(fromDir) };
}

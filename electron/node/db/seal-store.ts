import Database from 'better-sqlite3';
import { copyFileSync, existsSync, linkSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { syncDir, syncFile, wipeFile } from '../files/durable';
import { applyKey, dbFileState, rekey } from './cipher';

/**
 * Seals a clear store (from a version before encryption) in one crash-safe step:
 *   1. fold the WAL into the main file and leave WAL mode, so the clear store is a single file;
 *   2. copy it to `<db>.sealing` and encrypt the copy in place (`PRAGMA rekey`);
 *   3. check the copy opens with the key and passes integrity_check, flush it;
 *   4. keep a second name for the clear file (`<db>.clear`), rename the copy over the store;
 *   5. overwrite the clear file with zeros and remove it.
 * A kill before 4 leaves the clear store as it was (the copy is wiped at the next try); a kill
 * after it leaves the sealed store, and the leftover clear name is wiped at the next open.
 * Nothing is ever half clear, half sealed. The caller holds the key in the SecretVault first.
 */
export function sealClearStore(dbPath: string, keyHex: string, hooks: { step?: (name: string) => void } = {}): void {
  const step = hooks.step ?? (() => undefined);
  const sealing = `${dbPath}.sealing`;
  const clearName = `${dbPath}.clear`;
  wipeSealingLeftovers(dbPath);
  if (existsSync(clearName)) unlinkSync(clearName); // a second name of the clear store itself (killed between 4 and its rename)

  const clear = new Database(dbPath);
  try {
    clear.pragma('wal_checkpoint(TRUNCATE)');
    clear.pragma('journal_mode = DELETE');
  } finally {
    clear.close();
  }
  step('checkpointed');
  for (const side of ['-wal', '-shm']) {
    const p = dbPath + side;
    // A WAL left next to the sealed file would be replayed into it: stop rather than risk that.
    if (existsSync(p) && side === '-wal' && statSync(p).size > 0) throw new Error(`clear WAL ${p} still holds pages after the checkpoint`);
    rmSync(p, { force: true });
  }

  copyFileSync(dbPath, sealing);
  step('copied');
  const copy = new Database(sealing);
  try {
    rekey(copy, keyHex);
  } finally {
    copy.close();
  }
  step('encrypted');
  const check = new Database(sealing, { fileMustExist: true });
  try {
    applyKey(check, keyHex);
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(`the sealed copy failed integrity_check: ${String(ok)}`);
  } finally {
    check.close();
  }
  if (dbFileState(sealing) !== 'encrypted') throw new Error('the sealed copy is still clear');
  syncFile(sealing);
  step('verified');

  linkSync(dbPath, clearName);
  renameSync(sealing, dbPath);
  syncDir(dirname(dbPath));
  step('renamed');
  wipeFile(clearName);
  syncDir(dirname(dbPath));
  step('wiped');
}

/** After a kill: a half-made copy (and its journal, which holds clear pages) is overwritten and removed. */
export function wipeSealingLeftovers(dbPath: string): void {
  for (const p of [`${dbPath}.sealing`, `${dbPath}.sealing-journal`, `${dbPath}.sealing-wal`, `${dbPath}.sealing-shm`]) if (existsSync(p)) wipeFile(p);
}

/** The store is sealed: a clear name left by a kill after the rename is wiped now. */
export function wipeClearLeftover(dbPath: string): void {
  const clearName = `${dbPath}.clear`;
  if (existsSync(clearName)) wipeFile(clearName);
  wipeSealingLeftovers(dbPath);
}

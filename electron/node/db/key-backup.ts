import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { failure } from '../../common/ipc/result';
import type { SecretVault } from '../secrets/secret-vault';
import { applyKey, dbFileState, isDbKey } from './cipher';
import { storedDbKey } from './store-key';

/**
 * The database key and the audit key on paper (or a USB stick kept in the safe): the only way back
 * to a sealed store, and to an audit log that can still be written and verified, when the PC's key
 * store is lost. Written in groups of four hex digits with a short checksum, so a typing mistake is
 * caught before it is tried.
 */
export function formatBackupKey(dbKeyHex: string, auditKeyHex: string): string {
  const both = dbKeyHex + auditKeyHex;
  const check = createHash('sha256').update(both).digest('hex').slice(0, 4);
  return `MCK2-${(both.match(/.{4}/g) ?? []).join('-')}-${check}`.toUpperCase();
}

export function parseBackupKey(text: string): { dbKey: string; auditKey: string } {
  const t = text.replace(/\s+/g, '').toLowerCase();
  const m = /^mck2((?:-[0-9a-f]{4}){32})-([0-9a-f]{4})$/.exec(t);
  if (!m) throw failure('invalid_input', 'backup.badFormat');
  const both = m[1]!.replace(/-/g, '');
  if (createHash('sha256').update(both).digest('hex').slice(0, 4) !== m[2]) throw failure('invalid_input', 'backup.typo');
  return { dbKey: both.slice(0, 64), auditKey: both.slice(64) };
}

export async function exportBackupKey(vault: SecretVault, dbPath: string): Promise<string> {
  const key = await storedDbKey(vault, dbPath);
  if (!key) throw failure('conflict', 'backup.noDbKey');
  const audit = await vault.get('audit.hmacKey');
  if (!audit) throw failure('conflict', 'backup.noAuditKey');
  return formatBackupKey(key, audit);
}

/**
 * Puts a paper key back into this PC's key store, only after it has opened the database: a wrong
 * key changes nothing, so the command needs no sign-in (the database it would check is the one
 * that cannot be opened).
 */
export async function importBackupKey(vault: SecretVault, dbPath: string, text: string): Promise<void> {
  const { dbKey: key, auditKey } = parseBackupKey(text);
  if (!isDbKey(key) || !isDbKey(auditKey)) throw failure('invalid_input', 'backup.invalid');
  if (dbFileState(dbPath) !== 'encrypted') throw failure('conflict', 'backup.noEncryptedDb', { path: dbPath });
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw failure('forbidden', 'backup.wrongKey');
  } finally {
    db.close();
  }
  await vault.put('db.key', key, { avoid: ['safe-storage'] });
  await vault.put('audit.hmacKey', auditKey, { avoid: ['safe-storage'] });
}

import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AppFailure } from '../../common/ipc/result';
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
  if (!m) throw new AppFailure('invalid_input', 'Khóa dự phòng không đúng dạng MCK2-xxxx-…-xxxx (32 nhóm 4 ký tự và 1 nhóm kiểm tra).');
  const both = m[1]!.replace(/-/g, '');
  if (createHash('sha256').update(both).digest('hex').slice(0, 4) !== m[2]) throw new AppFailure('invalid_input', 'Khóa dự phòng có ký tự gõ sai (nhóm kiểm tra không khớp).');
  return { dbKey: both.slice(0, 64), auditKey: both.slice(64) };
}

export async function exportBackupKey(vault: SecretVault, dbPath: string): Promise<string> {
  const key = await storedDbKey(vault, dbPath);
  if (!key) throw new AppFailure('conflict', 'Máy này chưa có khóa mã hóa cơ sở dữ liệu (chưa có cơ sở dữ liệu).');
  const audit = await vault.get('audit.hmacKey');
  if (!audit) throw new AppFailure('conflict', 'Máy này chưa có khóa nhật ký kiểm toán: chạy một lệnh bất kỳ rồi xuất lại.');
  return formatBackupKey(key, audit);
}

/**
 * Puts a paper key back into this PC's key store, only after it has opened the database: a wrong
 * key changes nothing, so the command needs no sign-in (the database it would check is the one
 * that cannot be opened).
 */
export async function importBackupKey(vault: SecretVault, dbPath: string, text: string): Promise<void> {
  const { dbKey: key, auditKey } = parseBackupKey(text);
  if (!isDbKey(key) || !isDbKey(auditKey)) throw new AppFailure('invalid_input', 'Khóa dự phòng không hợp lệ.');
  if (dbFileState(dbPath) !== 'encrypted') throw new AppFailure('conflict', `Không có cơ sở dữ liệu đã mã hóa tại ${dbPath} để khôi phục khóa.`);
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw new AppFailure('forbidden', 'Khóa dự phòng này không mở được cơ sở dữ liệu của máy này: không có gì thay đổi.');
  } finally {
    db.close();
  }
  await vault.put('db.key', key, { avoid: ['safe-storage'] });
  await vault.put('audit.hmacKey', auditKey, { avoid: ['safe-storage'] });
}

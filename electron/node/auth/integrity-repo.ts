import type Database from 'better-sqlite3';
import { checkRow, type DoctorCheck } from '../../common/domain/doctor';
import { sealUnsealedOfficers, tamperedOfficers } from '../officers/officer-repo';
import { sealUnsealedSettings, tamperedSettings } from '../settings/settings-repo';
import { appendAudit } from '../store/audit';
import { recordKeyForWrite } from './record-integrity';
import { countOf } from '../../common/domain/english-plural';

const pending = (db: Database.Database) => (db.prepare('SELECT sealed_at FROM record_integrity WHERE id = 1').get() as { sealed_at: string | null } | undefined)?.sealed_at === null;

/**
 * `record_integrity`: whether the rows written before officer and setting MACs existed have been
 * sealed. Sealing runs once, on the first open that holds the key (the app or a CLI command), in
 * one IMMEDIATE transaction so two processes cannot both do it, and is audited with the counts.
 * A database whose flag was put back to "not sealed" (to have edited rows sealed as if they were
 * old) is not sealed again when the audit log already records a seal: the keyed audit chain cannot
 * lose that row unnoticed.
 */
export function sealPendingRecords(db: Database.Database, at: string): { officers: number; settings: number } | null {
  // Every open asks: a plain read first, so only the one open after an upgrade takes the write lock.
  if (!pending(db)) return null;
  return db
    .transaction(() => {
      if (!pending(db)) return null;
      const k = recordKeyForWrite(db);
      if (!k) return null;
      if (db.prepare("SELECT 1 FROM audit_log WHERE action = 'integrity.seal' LIMIT 1").get()) {
        db.prepare('UPDATE record_integrity SET sealed_at = ? WHERE id = 1').run(at);
        appendAudit(db, { actor: 'system', action: 'integrity.resealRefused', subject: 'record_integrity' }, at);
        return null;
      }
      const counts = { officers: sealUnsealedOfficers(db, k), settings: sealUnsealedSettings(db, k) };
      db.prepare('UPDATE record_integrity SET sealed_at = ? WHERE id = 1').run(at);
      appendAudit(db, { actor: 'system', action: 'integrity.seal', subject: 'record_integrity', details: counts }, at);
      return counts;
    })
    .immediate();
}

/** Doctor's "Toàn vẹn tài khoản và cài đặt" row: how many officer rows and sealed settings no longer match their MAC. */
export function recordsCheck(db: Database.Database, key: Buffer | null): DoctorCheck {
  const label = { vi: 'Toàn vẹn tài khoản và cài đặt', en: 'Integrity of accounts and settings' };
  if (!key) return checkRow('records', 'warn', label, { vi: 'không kiểm tra được: chưa có khóa nhật ký kiểm toán trên máy này', en: 'could not be checked: this PC has no audit log key yet' });
  const state = db.prepare('SELECT sealed_at FROM record_integrity WHERE id = 1').get() as { sealed_at: string | null } | undefined;
  if (!state || state.sealed_at === null) {
    return checkRow('records', 'warn', label, { vi: 'chưa niêm phong: mở ứng dụng hoặc chạy một lệnh motcua để hoàn tất nâng cấp', en: 'not sealed yet: open the app or run a motcua command to finish the upgrade' });
  }
  const officers = tamperedOfficers(db, key);
  const settings = tamperedSettings(db, key);
  if (officers.length + settings.length === 0) return checkRow('records', 'ok', label, { vi: 'không có bản ghi bị sửa ngoài ứng dụng', en: 'no record changed outside the app' });
  const parts = [
    officers.length ? { vi: `${officers.length} tài khoản (${officers.join(', ')})`, en: `${countOf(officers.length, 'account')} (${officers.join(', ')})` } : null,
    settings.length ? { vi: `${settings.length} cài đặt (${settings.join(', ')})`, en: `${countOf(settings.length, 'setting')} (${settings.join(', ')})` } : null,
  ].filter((p) => p !== null);
  const n = officers.length + settings.length;
  return checkRow('records', 'fail', label, {
    vi: `${n} bản ghi bị sửa ngoài ứng dụng, không được dùng: ${parts.map((p) => p.vi).join('; ')}`,
    en: `${countOf(n, 'record')} changed outside the app, not used: ${parts.map((p) => p.en).join('; ')}`,
  });
}

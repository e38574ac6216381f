import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditVerdict } from '../../../electron/common/domain/audit';
import { formatError } from '../../../electron/common/ipc/error-messages';
import { keyedOf } from '../../../electron/common/ipc/notice';
import { verdictCheck } from '../../../electron/node/audit/audit-service';
import { recordsCheck } from '../../../electron/node/auth/integrity-repo';
import { APP_SCHEMA_VERSION } from '../../../electron/node/db/open';
import { encryptionCheck } from '../../../electron/node/db/store-key';
import { keyFileStore } from '../../../electron/node/secrets/key-file-store';
import { SecretVault } from '../../../electron/node/secrets/secret-vault';
import { runDoctor } from '../../../electron/node/services/doctor';
import { SettingsService } from '../../../electron/node/settings/settings-service';
import { SqliteStore } from '../../../electron/node/store/sqlite-store';
import { ApiSetupService } from '../../../electron/node/sync/api-setup';
import { tempDir } from '../../helpers/tmp';

const VIETNAMESE = /[À-ỹđĐ]/u;
const dirs: Array<{ cleanup(): void }> = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));
const now = () => new Date('2026-11-30T08:00:00+07:00');

function vaultIn(dir: string) {
  return new SecretVault({ indexPath: join(dir, 'secrets.json'), stores: [keyFileStore(join(dir, 'data.key'))], now });
}

describe('issue #16: every doctor and start-of-day row has English beside its unchanged Vietnamese', () => {
  it('doctor over a new data directory: database, disk, clock, unit, devices and calendar rows', async () => {
    const t = tempDir('doctor-en-');
    dirs.push(t);
    const { checks } = await runDoctor({ dbPath: join(t.dir, 'motcua.sqlite3'), dataDir: t.dir, appVersion: 'test', now });
    const row = (id: string) => checks.find((c) => c.id === id)!;
    expect(row('db')).toEqual({
      id: 'db',
      label: 'Cơ sở dữ liệu',
      status: 'ok',
      detail: `phiên bản ${APP_SCHEMA_VERSION}/${APP_SCHEMA_VERSION}, kiểm tra toàn vẹn: ok`,
      en: { label: 'Database', detail: `version ${APP_SCHEMA_VERSION}/${APP_SCHEMA_VERSION}, integrity check: ok` },
    });
    expect(row('unit')).toMatchObject({ label: 'Đơn vị và quầy', detail: 'chưa cấu hình (motcua unit set …)', en: { label: 'Unit and counter', detail: 'not configured (motcua unit set …)' } });
    expect(row('printer')).toMatchObject({ label: 'Máy in biên nhận', detail: 'chưa cấu hình', en: { label: 'Receipt printer', detail: 'not configured' } });
    expect(row('disk').detail).toMatch(/^còn trống \d+\.\d GiB$/);
    expect(row('disk').en?.detail).toMatch(/^\d+\.\d GiB free$/);
    expect(row('clock').en?.label).toBe('Clock and time zone');
    expect(row('calendar')).toMatchObject({
      status: 'warn',
      detail: 'chưa có lịch năm 2026; chưa có lịch năm 2027 — ngày hẹn trả có thể sai: nhập lịch chính thức (motcua calendar import) hoặc đồng bộ với máy chủ tỉnh',
      en: {
        label: 'Working-day calendar',
        detail: 'no calendar for 2026; no calendar for 2027 — due dates may be wrong: import the official calendar (motcua calendar import) or sync with the provincial server',
      },
    });
    // Every row is worded in English, and no English row keeps a Vietnamese fragment.
    for (const c of checks) {
      expect(c.en, c.id).toBeDefined();
      expect(`${c.en!.label}: ${c.en!.detail}`, c.id).not.toMatch(VIETNAMESE);
    }
  });

  it('the audit row, intact and tampered with', () => {
    const base: AuditVerdict = { ok: true, problem: null, entries: 12, firstBadId: null, rows: 12, head: 'h', anchorsChecked: 2, lastAnchor: { at: '2026-11-30T07:00:00+07:00', reason: 'start-of-day', rows: 10, head: 'h' } };
    expect(verdictCheck(base)).toEqual({
      id: 'audit',
      label: 'Nhật ký kiểm toán',
      status: 'ok',
      detail: 'Nhật ký toàn vẹn (12 dòng, đối chiếu 2 mốc; mốc gần nhất 2026-11-30T07:00:00+07:00, 10 dòng).',
      en: { label: 'Audit log', detail: 'Audit log intact (12 rows, 2 anchors compared; last anchor 2026-11-30T07:00:00+07:00, 10 rows).' },
    });
    const bad = verdictCheck({ ...base, ok: false, problem: 'edited', firstBadId: 5 });
    expect(bad).toMatchObject({ status: 'fail', detail: 'NHẬT KÝ BỊ THAY ĐỔI: một dòng bị sửa (dòng 5).', en: { detail: 'AUDIT LOG TAMPERED WITH: a row was edited (row 5).' } });
  });

  it('the records integrity row without the audit key', () => {
    const db = new Database(':memory:');
    try {
      expect(recordsCheck(db, null)).toEqual({
        id: 'records',
        label: 'Toàn vẹn tài khoản và cài đặt',
        status: 'warn',
        detail: 'không kiểm tra được: chưa có khóa nhật ký kiểm toán trên máy này',
        en: { label: 'Integrity of accounts and settings', detail: 'could not be checked: this PC has no audit log key yet' },
      });
    } finally {
      db.close();
    }
  });

  it('the encryption and secrets rows name the key file in the row\'s own language', async () => {
    const t = tempDir('doctor-en-secrets-');
    dirs.push(t);
    const vault = vaultIn(t.dir);
    expect(await encryptionCheck(join(t.dir, 'none.sqlite3'), vault)).toMatchObject({ status: 'unconfigured', detail: 'chưa có cơ sở dữ liệu', en: { label: 'Data encryption', detail: 'no database yet' } });
    const store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key: null });
    try {
      const rows = await new ApiSetupService({ store, settings: new SettingsService({ store, now }), secrets: vault }).doctorChecks();
      const keyFile = join(t.dir, 'data.key');
      expect(rows.find((r) => r.id === 'api')).toMatchObject({ detail: 'chưa cấu hình (motcua api set …)', en: { label: 'Provincial server', detail: 'not configured (motcua api set …)' } });
      expect(rows.find((r) => r.id === 'secrets')).toEqual({
        id: 'secrets',
        label: 'Nơi giữ khóa bí mật',
        status: 'unconfigured',
        detail: `chưa lưu khóa bí mật nào; sẽ lưu trong tệp khóa ${keyFile} (chỉ người dùng này đọc được). Cảnh báo: Máy này không có kho khóa của hệ điều hành: khóa bí mật được mã hóa bằng khóa trong ${keyFile}. Ai đọc được tệp đó (cùng tài khoản, bản sao lưu) sẽ mở được; đừng sao lưu nó cùng thư mục dữ liệu.`,
        en: {
          label: 'Where the secret is kept',
          detail: `no secret saved yet; it will be kept in key file ${keyFile} (readable by this user only). Warning: This PC has no operating system keyring: the secret is encrypted with the key in ${keyFile}. Whoever can read that file (the same account, a backup) can open it; do not back it up with the data folder.`,
        },
      });
    } finally {
      await store.close();
    }
  });

  it('a missing database key names where it was kept, worded with the sentence around it', async () => {
    const where = keyedOf(keyFileStore('/srv/motcua.key').where);
    const params = { path: '/srv/motcua/motcua.sqlite3', where };
    expect(formatError('db.keyMissing', params, 'vi')).toContain('không có trên máy này (tệp khóa /srv/motcua.key (chỉ người dùng này đọc được)).');
    const en = formatError('db.keyMissing', params, 'en');
    expect(en).toContain('its key is not on this PC (key file /srv/motcua.key (readable by this user only)).');
    expect(en).not.toMatch(VIETNAMESE);
    expect(formatError('audit.keyUnavailable', { where }, 'en')).toBe(
      'The audit log key (kept in key file /srv/motcua.key (readable by this user only)) cannot be opened: no change can be saved until it can be read. Tell technical support.',
    );
  });
});

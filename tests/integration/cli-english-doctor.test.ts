import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAdmin, motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const VIETNAMESE = /[À-ỹđĐ]/u;

/** Issue #16 end to end: `motcua doctor` and the CLI's own lines under MOTCUA_LANG=en, Vietnamese unchanged without it. */
describe('motcua doctor and the CLI lines in English under MOTCUA_LANG=en', { timeout: 240_000 }, () => {
  const t = tempDir('motcua-en-doctor-');
  const dd = ['--data-dir', t.dir];
  let admin: Record<string, string> = {};
  beforeAll(() => {
    admin = cliAdmin(t.dir);
    const set = motcua(['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q01', ...dd], { ...admin, MOTCUA_LANG: 'en' });
    expect(set.stderr).toBe('');
    expect(set.stdout.trim()).toBe('Saved: 000.00.01.H22 — UBND xã Tân Phú, counter Q01.');
  });
  afterAll(() => t.cleanup());

  it('every doctor row is English; only the unit row holds Vietnamese, the unit name itself', () => {
    const en = motcua(['doctor', ...dd], { MOTCUA_LANG: 'en' });
    expect(en.code, en.stderr).toBe(0);
    const lines = en.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Một Cửa Desk \S+$/); // the product's name, in any language
    expect(lines[1]).toBe(`Data folder: ${t.dir}`);
    const rows = lines.filter((l) => l.startsWith('['));
    // database, disk, clock, unit, scanner, printer, token, trust, calendar, audit, encryption, api, secrets, records, province unit and clock
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows).toContain('[OK          ] Unit and counter: 000.00.01.H22 — UBND xã Tân Phú, counter Q01');
    for (const line of lines.slice(1).filter((l) => !l.startsWith('[OK          ] Unit and counter:'))) expect(line).not.toMatch(VIETNAMESE);
    expect(rows.find((r) => r.includes('] Database:'))).toMatch(/^\[OK {10}\] Database: version (\d+)\/\1, integrity check: ok$/);
    expect(rows).toContain('[UNCONFIGURED] Provincial server: not configured (motcua api set …)');
    expect(rows.find((r) => r.includes('] Audit log:'))).toMatch(/^\[OK {10}\] Audit log: Audit log intact \(\d+ rows, \d+ anchors compared; /);

    // Without MOTCUA_LANG the same rows read as before, in Vietnamese.
    const vi = motcua(['doctor', ...dd]);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain(`Thư mục dữ liệu: ${t.dir}`);
    expect(vi.stdout).toMatch(/\[OK {10}\] Cơ sở dữ liệu: phiên bản (\d+)\/\1, kiểm tra toàn vẹn: ok/);
    expect(vi.stdout).toContain('[UNCONFIGURED] Máy chủ tỉnh: chưa cấu hình (motcua api set …)');
    expect(vi.stdout).toContain('[OK          ] Đơn vị và quầy: 000.00.01.H22 — UBND xã Tân Phú, quầy Q01');
  });

  it('a calendar import and an option check, each worded by MOTCUA_LANG', () => {
    const file = join(t.dir, 'lich-2031.json');
    writeFileSync(file, JSON.stringify({ year: 2031, days: [{ date: '2031-05-01', type: 'holiday', name: 'Quốc tế Lao động' }] }));
    const en = motcua(['calendar', 'import', file, ...dd], { ...admin, MOTCUA_LANG: 'en' });
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout.trim()).toBe('Calendar for 2031 imported: 1 exception day.');
    const vi = motcua(['calendar', 'import', file, ...dd], admin);
    expect(vi.stdout.trim()).toBe('Đã nhập lịch năm 2031: 1 ngày ngoại lệ.');

    const badEn = motcua(['report', 'daily', '--date', '30/11/2026', '--format', 'csv', '--out', join(t.dir, 'r.csv'), ...dd], { ...admin, MOTCUA_LANG: 'en' });
    expect(badEn.code).toBe(1);
    expect(badEn.stderr.trim()).toBe('Error: --date must be YYYY-MM-DD.');
    const badVi = motcua(['report', 'daily', '--date', '30/11/2026', '--format', 'csv', '--out', join(t.dir, 'r.csv'), ...dd], admin);
    expect(badVi.stderr.trim()).toBe('Lỗi: --date phải có dạng YYYY-MM-DD.');
  });

  it('api show names where the secret would be kept in English', () => {
    const en = motcua(['api', 'show', ...dd], { ...admin, MOTCUA_LANG: 'en', MOTCUA_SECRET_STORE: 'key-file' });
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout.split('\n')).toEqual(expect.arrayContaining(['Provincial server: not configured', 'Device id: not configured', 'Secret: not saved']));
    expect(en.stdout).not.toMatch(VIETNAMESE);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAdmin, motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

/** Issue #16 end to end: the built `motcua` words the newly keyed failures by MOTCUA_LANG, Vietnamese unchanged. */
describe('motcua words key backup, input file, calendar and card failures in English under MOTCUA_LANG=en', { timeout: 180_000 }, () => {
  const t = tempDir('motcua-en16-');
  const dd = ['--data-dir', t.dir];
  let admin: Record<string, string> = {};
  beforeAll(() => {
    admin = cliAdmin(t.dir);
  });
  afterAll(() => t.cleanup());

  it('a mistyped backup key (db key-import, no sign-in)', () => {
    const env = { BACKUP: 'MCK2-1234-ABCD' };
    const vi = motcua(['db', 'key-import', '--key-env', 'BACKUP', ...dd], env);
    expect(vi.code).toBe(1);
    expect(vi.stderr.trim()).toBe('Lỗi: Khóa dự phòng không đúng dạng MCK2-xxxx-…-xxxx (32 nhóm 4 ký tự và 1 nhóm kiểm tra).');
    const en = motcua(['db', 'key-import', '--key-env', 'BACKUP', ...dd], { ...env, MOTCUA_LANG: 'en' });
    expect(en.code).toBe(1);
    expect(en.stderr.trim()).toBe('Error: The backup key is not in the form MCK2-xxxx-…-xxxx (32 groups of 4 characters and 1 check group).');
  });

  it('a calendar file that is not UTF-8, and one that names a day twice', () => {
    const latin1 = join(t.dir, 'lich.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0x0a, 0xe9, 0x7d]));
    const vi = motcua(['calendar', 'import', latin1, ...dd], admin);
    expect(vi.code).toBe(1);
    expect(vi.stderr.trim()).toBe(`Lỗi: Tệp ${latin1} không phải văn bản UTF-8 hợp lệ: byte 2 (dòng 2, giá trị 0xe9) sai mã. Hãy lưu lại tệp với mã hóa UTF-8 rồi nhập lại.`);
    const en = motcua(['calendar', 'import', latin1, ...dd], { ...admin, MOTCUA_LANG: 'en' });
    expect(en.stderr.trim()).toBe(`Error: File ${latin1} is not valid UTF-8 text: byte 2 (line 2, value 0xe9) is wrongly encoded. Save the file as UTF-8, then import it again.`);

    const twice = join(t.dir, 'twice.json');
    const day = { date: '2026-05-01', type: 'holiday', name: 'Quốc tế Lao động' };
    writeFileSync(twice, JSON.stringify({ year: 2026, days: [day, day] }));
    const enTwice = motcua(['calendar', 'import', twice, ...dd], { ...admin, MOTCUA_LANG: 'en' });
    expect(enTwice.code).toBe(1);
    expect(enTwice.stderr.trim()).toBe('Error: Day 2026-05-01 appears twice in the calendar file.');
  });

  it('a card QR that cannot be read (cccd parse) is worded in English too', () => {
    const vi = motcua(['cccd', 'parse', 'no separator here']);
    expect(vi.code).toBe(1);
    expect(vi.stderr).toMatch(/^Lỗi: /);
    expect(vi.stderr).toMatch(/[À-ỹđĐ]/u);
    const en = motcua(['cccd', 'parse', 'no separator here'], { MOTCUA_LANG: 'en' });
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/^Error: /);
    expect(en.stderr).not.toMatch(/[À-ỹđĐ]/u);
  });
});

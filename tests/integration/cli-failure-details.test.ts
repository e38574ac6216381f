import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAdmin, motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { VIETNAMESE } from '../helpers/wording';

/**
 * Issue #16: a typed failure's details (here the token module loader's own words, which the keyed
 * reason replaces) are printed by the real CLI on a second line, "Chi tiết: …" / "Details: …";
 * a PIN handed to the command never is.
 */
describe("the CLI's error printer keeps a failure's details on a line of their own", { timeout: 300_000 }, () => {
  const t = tempDir('motcua-cli-details-');
  const junk = join(t.dir, 'libjunk-ca.so');
  const data = join(t.dir, 'data');
  let env: Record<string, string>;
  beforeAll(() => {
    writeFileSync(junk, 'not a library');
    env = cliAdmin(data, { MOTCUA_SECRET_STORE: 'key-file' });
  });
  afterAll(() => t.cleanup());

  it('motcua token list with a file that is no library: the reason, then the loader\'s words as the detail, in Vietnamese and English', () => {
    const vi = motcua(['token', 'list', '--module', junk, '--data-dir', data], env);
    expect(vi.code).toBe(1);
    expect(vi.stderr.trimEnd().split('\n')).toEqual([
      `Lỗi: Không nạp được thư viện token ${junk}: đây không phải thư viện PKCS#11. Kiểm tra đã cài trình điều khiển của nhà cung cấp (đúng bản 64-bit).`,
      `Chi tiết: ${junk}: file too short`,
    ]);
    const en = motcua(['token', 'list', '--module', junk, '--data-dir', data], { ...env, MOTCUA_LANG: 'en' });
    expect(en.code).toBe(1);
    expect(en.stderr.trimEnd().split('\n')).toEqual([
      `Error: The token library ${junk} cannot be loaded: it is not a PKCS#11 library. Check that the supplier's driver is installed (the 64-bit version).`,
      `Details: ${junk}: file too short`,
    ]);
    expect(en.stderr).not.toMatch(VIETNAMESE);
  });

  it('motcua sign with the PIN in its environment variable: the detail is printed, the PIN is not', () => {
    const pdf = join(t.dir, 'in.pdf');
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    const r = motcua(['sign', '--in', pdf, '--out', join(t.dir, 'out.pdf'), '--token', 'CA2', '--module', junk, '--pin-env', 'TOKEN_PIN', '--data-dir', data], { ...env, TOKEN_PIN: '246813' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Chi tiết: ${junk}: file too short`);
    expect(r.stdout + r.stderr).not.toContain('246813');
  });

  it('a failure without details still prints one line', () => {
    const r = motcua(['token', 'trust', '--data-dir', data], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/^Lỗi: /);
    expect(r.stderr).not.toContain('Chi tiết');
  });
});

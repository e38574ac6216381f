import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const ENSURE = join(ROOT, 'scripts', 'ensure-tools.sh');
const BASH = ['/usr/bin/bash', '/bin/bash'].find((p) => existsSync(p))!;
const SORT = ['/usr/bin/sort', '/bin/sort'].find((p) => existsSync(p))!;

/**
 * scripts/ensure-tools.sh (shared by `npm test` and `npm start`) on a PATH we control: only bash
 * and sort are real; `id` and `apt-get` are stand-ins, so the root and non-root paths both run on
 * any machine and nothing is ever installed.
 */
describe('ensure-tools.sh and npm start on a machine missing tools', () => {
  let t: ReturnType<typeof tempDir>;
  let bin: string;
  let aptLog: string;
  beforeEach(() => {
    t = tempDir('motcua-tools-');
    bin = join(t.dir, 'bin');
    aptLog = join(t.dir, 'apt.log');
    mkdirSync(bin);
    symlinkSync(BASH, join(bin, 'bash'));
    symlinkSync(SORT, join(bin, 'sort'));
  });
  afterEach(() => t.cleanup());

  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!${BASH}\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  const asUser = (uid: number) => script('id', `echo ${uid}`);
  const withApt = (exitCode = 0) => script('apt-get', `echo "$*" >> '${aptLog}'\nexit ${exitCode}`);
  const run = (cmd: string, args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: { PATH: bin, ...env }, timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const ensure = (...pairs: string[]) => run(BASH, [ENSURE, ...pairs]);

  it('not root: prints the exact sudo command for every test tool and exits 1', () => {
    asUser(1000);
    withApt();
    const r = ensure();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium ghostscript libnss3-tools opensc openssl poppler-utils qpdf socat softhsm2 xauth xvfb zbar-tools\n',
    );
    expect(existsSync(aptLog)).toBe(false);
  });

  it('root with apt: installs only the tools it was asked for that are missing', () => {
    asUser(0);
    withApt();
    const r = ensure('bash=bash', 'motcua-no-such-tool=motcua-pkg');
    expect(r.code).toBe(0);
    expect(readFileSync(aptLog, 'utf8')).toBe('update -qq\ninstall -y --no-install-recommends motcua-pkg\n');
  });

  it('root with apt that fails (no network): says so in Vietnamese and exits 1', () => {
    asUser(0);
    withApt(100);
    const r = ensure('motcua-no-such-tool=motcua-pkg');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Không cài được motcua-pkg');
  });

  it('without apt-get: names the packages instead of an apt command', () => {
    asUser(0);
    const r = ensure('motcua-no-such-tool=motcua-pkg');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Máy này không có apt-get');
    expect(r.stderr).not.toContain('sudo');
  });

  it('does nothing when every tool is there', () => {
    asUser(1000);
    const r = ensure('bash=bash', 'sort=coreutils');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('npm start without a display or Chromium, not root: the sudo command for Chromium and Xvfb, exit 1', () => {
    asUser(1000);
    withApt();
    const r = run(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { MOTCUA_HOST: 'chromium' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium xauth xvfb\n');
    expect(r.stderr).toContain('npm start dừng: máy này chưa có đủ công cụ để chạy Một Cửa Desk');
    expect(existsSync(aptLog)).toBe(false);
  });

  it('npm start with a display asks only for Chromium', () => {
    asUser(1000);
    withApt();
    const r = run(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { MOTCUA_HOST: 'chromium', DISPLAY: ':99' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium\n');
  });

  it('npm start with MOTCUA_CHROMIUM pointing nowhere says which path is wrong', () => {
    const r = run(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { MOTCUA_HOST: 'chromium', MOTCUA_CHROMIUM: join(t.dir, 'chromium') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Không tìm thấy Chromium tại ${join(t.dir, 'chromium')} (MOTCUA_CHROMIUM)`);
  });
});

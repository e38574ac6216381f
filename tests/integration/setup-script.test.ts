import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
// @ts-expect-error plain ESM script without typings
import { machineNodeHeaders } from '../../scripts/node-headers.mjs';

/**
 * `npm run setup` (scripts/setup.mjs) with npm replaced by a script that records how it was called:
 * what the README's first step hands npm, without installing anything.
 */
describe('npm run setup', () => {
  let t: ReturnType<typeof tempDir>;
  let fakeNpm: string;
  let record: string;
  beforeEach(() => {
    t = tempDir('motcua-setup-');
    fakeNpm = join(t.dir, 'npm-cli.js');
    record = join(t.dir, 'called.json');
    writeFileSync(
      fakeNpm,
      `require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), nodedir: process.env.npm_config_nodedir ?? null, cwd: process.cwd() }));\nprocess.exit(Number(process.env.FAKE_NPM_EXIT || 0));\n`,
    );
  });
  afterEach(() => t.cleanup());

  const setup = (env: Record<string, string>) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'setup.mjs')], {
      env: { PATH: process.env.PATH ?? '', HOME: t.dir, npm_execpath: fakeNpm, ...env },
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, called: JSON.parse(readFileSync(record, 'utf8')) as { args: string[]; nodedir: string | null; cwd: string } };
  };

  it("runs npm ci in the project, with node-gyp pointed at this machine's headers when it ships the running Node's", () => {
    const r = setup({});
    expect(r.code).toBe(0);
    expect(r.called.args).toEqual(['ci', '--no-audit', '--no-fund']);
    expect(r.called.cwd).toBe(ROOT);
    const expected: string | null = machineNodeHeaders({ execPath: process.execPath, version: process.version });
    expect(r.called.nodedir).toBe(expected);
    if (expected) expect(r.stdout).toContain(`lấy từ ${expected}/include/node`);
  });

  it('keeps a nodedir set by the caller', () => {
    const r = setup({ npm_config_nodedir: join(t.dir, 'headers') });
    expect(r.called.nodedir).toBe(join(t.dir, 'headers'));
    expect(r.stdout).not.toContain('lấy từ');
  });

  it("fails with npm's exit code and says so in Vietnamese and English", () => {
    const r = setup({ FAKE_NPM_EXIT: '3' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('setup: cài đặt thất bại (npm ci, mã 3)');
    expect(r.stderr).toContain('setup: installing failed (npm ci, exit 3)');
  });
});

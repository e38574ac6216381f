import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenModuleCandidateSchema } from '../../electron/common/hardware/token-modules';
import type { Actor } from '../../electron/common/domain/actor';
import { openCoreServices } from '../../electron/node/core/core-services';
import { silentLogger } from '../../electron/node/log/logger';
import { detectTokenModules } from '../../electron/node/signing/token-module-detect';
import { cliAdmin, motcua } from '../helpers/cli';
import { makePki, SOFTHSM_MODULE } from '../helpers/softhsm';
import { tempDir } from '../helpers/tmp';

const ADMIN: Actor = { officerId: 'qt01', fullName: 'Nguyễn Quản Trị', roles: ['admin'], counterId: null };

// makePki runs openssl and softhsm2-util; each CLI call probes modules in child processes.
describe('token module detection: p11-kit registry, probe in a child process, CLI fallback', { timeout: 180_000 }, () => {
  const t = tempDir('motcua-p11-');
  const registry = join(t.dir, 'p11-kit');
  const moduleDir = join(t.dir, 'pkcs11');
  const dataDir = join(t.dir, 'MotCuaDesk');
  const base = { MOTCUA_SECRET_STORE: 'key-file' };
  let env: Record<string, string>;
  beforeAll(() => {
    makePki(join(t.dir, 'pki'));
    mkdirSync(registry, { recursive: true });
    mkdirSync(moduleDir, { recursive: true });
    writeFileSync(join(registry, 'softhsm2.module'), `# like Debian's softhsm2 package\n\nmodule: ${SOFTHSM_MODULE}\n`);
    // A "library" that is no library: found, but it cannot load — and must not take the caller down.
    writeFileSync(join(moduleDir, 'libbroken-ca.so'), 'not an ELF file');
    writeFileSync(join(registry, 'broken.module'), 'module: libbroken-ca.so\n');
    writeFileSync(join(registry, 'gone.module'), 'module: /nonexistent/libgone-pkcs11.so\n');
    env = { ...cliAdmin(dataDir, base), SOFTHSM2_CONF: process.env.SOFTHSM2_CONF!, MOTCUA_P11KIT_DIRS: registry };
  });
  afterAll(() => t.cleanup());

  it('finds SoftHSM2 through a p11-kit .module file, loads it and counts its tokens; a bad library is a row, not a crash', async () => {
    const list = await detectTokenModules({ platform: 'linux', registryDirs: [registry], moduleDir });
    const soft = list.find((c) => c.path === SOFTHSM_MODULE)!;
    expect(soft).toMatchObject({ source: 'p11-kit', vendor: 'SoftHSM2', found: true, loads: true, tokens: 2, error: null, configured: false });
    const broken = list.find((c) => c.path === join(moduleDir, 'libbroken-ca.so'))!;
    expect(broken).toMatchObject({ source: 'p11-kit', found: true, loads: false, tokens: null });
    expect(broken.error).toBeTruthy();
    expect(list.find((c) => c.path === '/nonexistent/libgone-pkcs11.so')).toMatchObject({ found: false, loads: null, tokens: null });
    // The CAs' known Linux paths follow the registry.
    expect(list.some((c) => c.source === 'known' && c.path === '/usr/lib/libvnpt-pkcs11.so')).toBe(true);
  });

  it('lists the configured module first and marks it', async () => {
    const list = await detectTokenModules({ platform: 'linux', registryDirs: [registry], moduleDir, configured: SOFTHSM_MODULE });
    expect(list[0]).toMatchObject({ path: SOFTHSM_MODULE, source: 'configured', configured: true, tokens: 2 });
    expect(list.filter((c) => c.path === SOFTHSM_MODULE)).toHaveLength(1);
  });

  it('motcua token modules --json lists each candidate; the table is Vietnamese', () => {
    const r = motcua(['token', 'modules', '--json', '--data-dir', dataDir], env);
    expect(r.code, r.stderr).toBe(0);
    const list = tokenModuleCandidateSchema.array().parse(JSON.parse(r.stdout));
    expect(list.find((c) => c.path === SOFTHSM_MODULE)).toMatchObject({ found: true, loads: true, tokens: 2, source: 'p11-kit' });
    expect(list.find((c) => c.path === '/nonexistent/libgone-pkcs11.so')).toMatchObject({ found: false });
    const table = motcua(['token', 'modules', '--data-dir', dataDir], env);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/nạp được, 2 token\tp11-kit\tSoftHSM2\t/);
    expect(table.stdout).toContain('không có tệp');
    expect(table.stdout).toMatch(/Chưa cấu hình: ký số sẽ dùng .*libsofthsm2\.so/);
  });

  it('token list without --module uses the detected module that holds tokens', () => {
    const r = motcua(['token', 'list', '--json', '--data-dir', dataDir], env);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ label: string }>).map((x) => x.label).sort()).toEqual(['EC', 'RSA']);
  });

  it('the configured module wins over detection; clearing it detects again', async () => {
    mkdirSync(join(t.dir, 'core'));
    process.env.MOTCUA_P11KIT_DIRS = registry;
    const core = await openCoreServices(join(t.dir, 'core'), { log: silentLogger, pdf: 'in-process' });
    try {
      const broken = join(moduleDir, 'libbroken-ca.so');
      await core.tokens.setModule(ADMIN, broken);
      expect(await core.tokens.modulePath()).toBe(broken);
      expect((await core.tokens.modules())[0]).toMatchObject({ path: broken, configured: true, found: true, loads: false });
      await core.tokens.setModule(ADMIN, null);
      const detected = await core.tokens.modulePath();
      expect(detected).not.toBe(broken);
      // Whatever this machine's registries hold, the pick is a module that loads and has a token.
      expect((await core.tokens.modules()).find((c) => c.path === detected)).toMatchObject({ loads: true, tokens: 2 });
    } finally {
      delete process.env.MOTCUA_P11KIT_DIRS;
      await core.close();
    }
  });
});

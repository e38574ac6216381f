import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { FuseV1Options } from '@electron/fuses';

const root = join(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'local/layering').map((m) => m.message);
}

describe('the layering lint rule bites', () => {
  // The first lint loads the config, its plugins and TypeScript's parser: seconds on a cold or busy
  // machine. Pay for it once here, with room to spare, so each case below measures only the rule.
  beforeAll(async () => {
    await layeringErrors('electron/common/warm-up.ts', 'export const x = 1;');
  }, 120_000);
  it.each([
    ['renderer/src/Bad.tsx', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['renderer/src/Bad.tsx', "import { SqliteStore } from '../../electron/node/store/sqlite-store';\nexport const x = SqliteStore;"],
    ['renderer/src/Bad.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['renderer/src/Bad.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['electron/common/bad.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;"],
    ['electron/common/bad.ts', "import { x } from '../node/app/app-services';\nexport const y = x;"],
    ['electron/node/bad.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/node/bad.ts', "import { x } from '../main/security';\nexport const y = x;"],
    ['electron/preload/bad.ts', "import { x } from '../node/store/sqlite-store';\nexport const y = x;"],
    ['native/bad.ts', "import { x } from '../electron/node/store/sqlite-store';\nexport const y = x;"],
    ['electron/host/bad.ts', "import { app } from 'electron';\nexport const x = app;"],
  ])('%s: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([expect.stringMatching(/Bad layering/)]);
  });

  it.each([
    ['renderer/src/Good.tsx', "import { contract } from '../../electron/common/ipc/contract';\nexport const x = contract;"],
    ['electron/node/good.ts', "import { contract } from '../common/ipc/contract';\nimport Database from 'better-sqlite3';\nexport const x = [contract, Database];"],
    ['electron/main/good.ts', "import { app } from 'electron';\nimport { x } from '../node/app/app-services';\nexport const y = [app, x];"],
    ['native/good.ts', "import { normalizeUsbId } from '../electron/common/hardware/serial';\nexport const y = normalizeUsbId;"],
  ])('allows %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });

  it('bans the insecure Electron web preferences outright', async () => {
    const [r] = await eslint.lintText('export const o = { webPreferences: { nodeIntegration: true, contextIsolation: false, enableBlinkFeatures: "x" } };', {
      filePath: join(root, 'electron/main/bad.ts'),
    });
    expect(r!.messages.filter((m) => m.ruleId === 'no-restricted-syntax')).toHaveLength(3);
  });
});

describe('packaging config (electron-builder.yml)', () => {
  const cfg = YAML.parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  it('targets Windows NSIS x64 and Linux deb + AppImage', () => {
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(cfg.nsis.oneClick).toBe(false);
    expect(cfg.nsis.allowElevation).toBe(true);
    expect(cfg.linux.target).toEqual(['deb', 'AppImage']);
  });

  it('unpacks every native module the app depends on from asar', () => {
    expect(cfg.asarUnpack).toContain('**/*.node');
    for (const mod of ['better-sqlite3', 'pkcs11js', '@serialport/bindings-cpp', '@napi-rs/keyring']) {
      expect(cfg.asarUnpack.some((p: string) => p.startsWith(`node_modules/${mod}/`)), mod).toBe(true);
    }
    expect(cfg.npmRebuild).toBe(true);
  });

  it('references files that exist and the bundle package.json starts', () => {
    // Windows: an .ico (type 1, one image) whose image is the app's PNG; Linux: the PNG itself.
    const ico = readFileSync(join(root, cfg.win.icon));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(ico.subarray(22 + 1, 22 + 4).toString()).toBe('PNG');
    expect(cfg.nsis.installerIcon).toBe(cfg.win.icon);
    expect(readFileSync(join(root, cfg.linux.icon)).subarray(1, 4).toString()).toBe('PNG');
    expect(pkg.main).toBe('dist/main/main.cjs');
    expect(cfg.files).toContain('dist/**/*');
  });

  it('turns off the fuses the Electron checklist (19) names', () => {
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('names only fuses that exist: a misspelt key would leave that fuse at its unsafe default', () => {
    // electron-builder's keys are @electron/fuses' FuseV1Options names with a lower-case first letter.
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    const named = Object.keys(cfg.electronFuses).map((k) => k[0]!.toUpperCase() + k.slice(1));
    expect(named.filter((k) => !known.includes(k))).toEqual([]);
    for (const v of Object.values(cfg.electronFuses)) expect(typeof v).toBe('boolean');
  });

  it('README tells how to check the fuses of a packaged binary', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npx @electron/fuses read --app');
  });
});

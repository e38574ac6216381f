import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { name?: string; hasInstallScript?: boolean }> };

/**
 * npm 12 runs a dependency's install script only when package.json's allowScripts names it, by the
 * package's registry name: for an alias (better-sqlite3 → better-sqlite3-multiple-ciphers) that is
 * the real package, not the alias. A native addon whose script is skipped installs without its
 * binary and fails only when the app opens the database or the token.
 */
describe('allowScripts covers every install script in the lockfile', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([path, p]) => path && p.hasInstallScript)
    .map(([path, p]) => p.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));

  it('finds the native addons the app needs among them', () => {
    expect(withScripts).toEqual(expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'pkcs11js', '@serialport/bindings-cpp']));
  });

  it('names each one by its registry name, and nothing else', () => {
    expect(Object.keys(pkg.allowScripts).sort()).toEqual([...new Set(withScripts)].sort());
  });
});

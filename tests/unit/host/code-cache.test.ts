import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';
import { PLAYWRIGHT_BUNDLES } from '../../../electron/host/code-cache';
// @ts-expect-error plain ESM script without typings
import { NO_DYNAMIC_IMPORT, nodeExternals } from '../../../scripts/node-externals.mjs';

/**
 * The host's code cache (electron/host/code-cache.ts) replaces how Node compiles the files it is
 * given: a module must see the same `require`, `module` and `__dirname` as Node gives it, and a
 * cache that is missing, stale or damaged only costs a compile from source. Each start is its own
 * Node process, as the host's are (the hook is process-wide).
 */
describe('the code cache', () => {
  const t = tempDir('motcua-code-cache-');
  const cacheDir = join(t.dir, 'cache');
  const big = join(t.dir, 'pkg', 'big.cjs');
  const runner = join(t.dir, 'run.cjs');

  beforeAll(async () => {
    const r = await build({ entryPoints: [join(ROOT, 'electron', 'host', 'code-cache.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'error' });
    writeFileSync(join(t.dir, 'code-cache.cjs'), r.outputFiles[0]!.text);
    mkdirSync(join(t.dir, 'pkg'));
    writeFileSync(join(t.dir, 'pkg', 'small.cjs'), 'module.exports = 41;');
    // What a bundle uses of its wrapper, then enough code for a cache worth the name.
    const filler = Array.from({ length: 2000 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
    writeFileSync(
      big,
      `'use strict';
const path = require('node:path');
exports.answer = require('./small.cjs') + 1;
exports.resolved = path.basename(require.resolve('./small.cjs'));
exports.dir = path.basename(__dirname);
exports.self = module.exports === exports && module.filename === __filename;
${filler}
`,
    );
    writeFileSync(
      runner,
      `const { installCodeCache } = require('./code-cache.cjs');
const cache = installCodeCache(process.argv[2], (f) => f.endsWith('big.cjs'));
const m = require('./pkg/big.cjs');
cache.save();
process.stdout.write(JSON.stringify({ hits: cache.hits.length, answer: m.answer, resolved: m.resolved, dir: m.dir, self: m.self }));
`,
    );
  });
  afterAll(() => t.cleanup());

  const start = () => {
    const r = spawnSync(process.execPath, [runner, cacheDir], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { hits: number; answer: number; resolved: string; dir: string; self: boolean };
  };
  const loaded = { answer: 42, resolved: 'small.cjs', dir: 'pkg', self: true };

  it('compiles from source and writes the cache on the first start, then reads it', () => {
    expect(start()).toEqual({ hits: 0, ...loaded });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(start()).toEqual({ hits: 1, ...loaded });
  });

  it('compiles from source when the cache is damaged, and writes it again', () => {
    const [file] = readdirSync(cacheDir).filter((f) => f.endsWith('.bin'));
    const kept = readFileSync(join(cacheDir, file!));
    const stamp = kept.subarray(0, kept.indexOf(10) + 1);
    writeFileSync(join(cacheDir, file!), Buffer.concat([stamp, Buffer.from('not a code cache')]));
    expect(start()).toEqual({ hits: 0, ...loaded });
    expect(start()).toEqual({ hits: 1, ...loaded });
  });

  it('replaces the cache of a script that changed, rather than adding one', () => {
    writeFileSync(big, readFileSync(big, 'utf8') + '\nexports.more = 1;\n');
    expect(start()).toEqual({ hits: 0, ...loaded });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(start()).toEqual({ hits: 1, ...loaded });
  });

  it('loads the same without a writable cache folder', () => {
    writeFileSync(join(t.dir, 'file'), '');
    const r = spawnSync(process.execPath, [runner, join(t.dir, 'file', 'cache')], { encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual({ hits: 0, ...loaded });
  });

  // A script compiled from a cache has no import() in Node 20 (code-cache.ts): Playwright's
  // bundles may call it only where the host never goes. A new call site is to be judged, then listed.
  it('is kept to Playwright bundles whose import() calls the host never reaches', () => {
    const dir = join(ROOT, 'node_modules', 'playwright-core', 'lib');
    const sites = ['coreBundle.js', 'utilsBundle.js'].flatMap((f) => {
      expect(PLAYWRIGHT_BUNDLES(join(dir, f))).toBe(true);
      return [...readFileSync(join(dir, f), 'utf8').matchAll(/\bimport\(\s*("[^"]*"|[^)]{0,40})/g)].map((m) => `${f}: ${m[1]}`);
    });
    expect(sites).toEqual([
      // Component testing, inside a new Function (compiled on its own, not from the cache).
      'coreBundle.js: "vite"',
      // Negotiate (Kerberos) proxy authentication only.
      'utilsBundle.js: "kerberos"',
      // "import()" in a comment.
      'utilsBundle.js: ',
      // pkce-challenge, for a Node without globalThis.crypto (Node 20 has it).
      'utilsBundle.js: "node:crypto"',
    ]);
    expect(PLAYWRIGHT_BUNDLES(join(dir, 'server', 'x.js'))).toBe(false);
  });

  it("is given the host's own bundle built without import()", { timeout: 60_000 }, async () => {
    const r = await build({
      entryPoints: [join(ROOT, 'electron', 'host', 'host-run.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      plugins: [nodeExternals],
      supported: NO_DYNAMIC_IMPORT,
      define: { __APP_VERSION__: '"0.0.0"' },
      write: false,
      logLevel: 'error',
    });
    const code = r.outputFiles[0]!.text.split('\n').filter((l) => !l.trim().startsWith('//'));
    expect(code.filter((l) => /\bimport\(/.test(l))).toEqual([]);
    // The lazy packages are still loaded lazily, by require.
    expect(code.some((l) => l.includes('Promise.resolve().then(() => __toESM(require("serialport")))'))).toBe(true);
  });
});

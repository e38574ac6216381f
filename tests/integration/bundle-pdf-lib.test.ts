import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');
const bundles = (): string[] =>
  readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.cjs'))
    .map((f) => join(dist, f));

// scripts/node-externals.mjs NODE_ALIAS: the bundles load pdf-lib's single-file build, not its 139-file CommonJS one.
describe('pdf-lib in the built bundles', () => {
  it('every bundle that uses pdf-lib loads its single-file build, and none its CommonJS build', () => {
    const found = bundles().map((f) => ({ f, text: readFileSync(f, 'utf8') }));
    expect(found.length, 'npm run build writes dist/').toBeGreaterThan(5);
    const loading = found.filter((b) => b.text.includes('require("pdf-lib/dist/pdf-lib.js")')).map((b) => b.f);
    for (const b of found) expect(b.text, b.f).not.toMatch(/require\("pdf-lib(\/cjs[^"]*)?"\)/);
    // The app, the CLI, the host and the PDF worker all make or sign PDFs.
    expect(loading.map((f) => f.slice(dist.length + 1)).sort()).toEqual(['cli/motcua.cjs', 'host/host-run.cjs', 'main/main.cjs', 'workers/pdf-worker.cjs']);
  });

  it('the single-file build is the same pdf-lib: from the one installed package, with every name its CommonJS build exports', () => {
    const req = createRequire(join(root, 'package.json'));
    const packageDir = (file: string, under: RegExp) => file.replace(under, '');
    expect(packageDir(req.resolve('pdf-lib/dist/pdf-lib.js'), /dist[\\/]pdf-lib\.js$/)).toBe(packageDir(req.resolve('pdf-lib'), /cjs[\\/]index\.js$/));
    const single = req('pdf-lib/dist/pdf-lib.js') as Record<string, unknown>;
    const cjs = req('pdf-lib') as Record<string, unknown>;
    expect(Object.keys(single).sort()).toEqual(Object.keys(cjs).sort());
  });
});

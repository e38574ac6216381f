import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');

/**
 * `npm run bench` bundles tests/bench with the test helpers it uses and runs it in plain Node,
 * where vitest refuses to load: a helper that imports vitest breaks every bench, and no test run
 * would notice. Bundled as scripts/bench.mjs does, the inputs must not reach vitest.
 */
describe('the bench bundle', () => {
  it('does not import vitest', { timeout: 60_000 }, async () => {
    const r = await build({
      entryPoints: [join(root, 'tests', 'bench', 'index.ts'), join(root, 'tests', 'bench', 'ui-start.ts'), join(root, 'tests', 'bench', 'ui-start-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      write: false,
      outdir: join(root, '.tmp', 'bench-check'),
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(r.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    expect(imports.length).toBeGreaterThan(50);
    expect(imports.filter((p) => /^vitest|\/vitest\//.test(p))).toEqual([]);
  });
});

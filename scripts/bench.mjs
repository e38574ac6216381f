// `npm run bench`: bundles tests/bench (esbuild, native modules external) and runs it, printing figures.
// Speed and memory goals are printed here (and kept in .tmp/bench/summary.json), never asserted by timed tests.
// Exits non-zero only when a bench crashed; a goal not met is a finding, not a failure.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.tmp', 'bench', 'bench.cjs');
// ui-start.cjs is the UI bench's cold start on its own: it must load what the app loads, no more.
await build({
  entryPoints: { bench: join(root, 'tests', 'bench', 'index.ts'), 'ui-start': join(root, 'tests', 'bench', 'ui-start.ts') },
  outdir: join(root, '.tmp', 'bench'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', out, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);

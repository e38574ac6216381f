// `npm run bench`: bundles tests/bench (esbuild, native modules external) and runs it, printing figures.
// Speed and memory goals are printed here (and kept in .tmp/bench/summary.json), never asserted by timed tests.
// Exits non-zero only when a bench crashed; a goal not met is a finding, not a failure.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NO_DYNAMIC_IMPORT, nodeExternals } from './node-externals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.tmp', 'bench', 'bench.cjs');
const options = {
  outdir: join(root, '.tmp', 'bench'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // As the app's bundles (build.mjs): ui-start.cjs must load what the host loads.
  // Its aliases too (NODE_ALIAS: pdf-lib's single-file build), applied by the plugin.
  plugins: [nodeExternals],
  // Beside the bundle, as the app's (build.mjs): an inline map would double what a cold start reads.
  sourcemap: 'linked',
  logLevel: 'warning',
};
// ui-start.cjs is the UI bench's cold start on its own: it must load what the app loads, no more,
// in the same two steps (host.cjs then host-run.cjs; ui-start.cjs then ui-start-child.cjs), the
// second compiled from the code cache as host-run.cjs is.
await Promise.all([
  // The workers beside the bench (.tmp/bench/workers), found by findWorkerScript before any older dist/ build.
  build({ ...options, entryPoints: { bench: join(root, 'tests', 'bench', 'index.ts'), 'workers/pdf-worker': join(root, 'electron', 'node', 'workers', 'pdf-worker.ts'), 'workers/unseal-worker': join(root, 'electron', 'node', 'workers', 'unseal-worker.ts') } }),
  build({
    ...options,
    entryPoints: { 'ui-start': join(root, 'tests', 'bench', 'ui-start.ts'), 'ui-start-child': join(root, 'tests', 'bench', 'ui-start-child.ts') },
    supported: NO_DYNAMIC_IMPORT,
  }),
]);
const r = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', out, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);

// `node scripts/screenshots.mjs [--out DIR]`: every screen at 1366×768 in Vietnamese and English
// (tests/screens/all-screens.ts, bundled here as the bench is), after `node scripts/build.mjs`.
// Default output: test-results/screenshots/after/ (not committed). Exits non-zero when a screen
// could not be taken, naming it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = process.cwd();
const out = join(root, '.tmp', 'screens', 'all-screens.cjs');
await build({
  entryPoints: [join(root, 'tests', 'screens', 'all-screens.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  define: { __APP_VERSION__: '"screenshots"' },
});
const r = spawnSync(process.execPath, ['--enable-source-maps', out, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);

// `node scripts/screenshots.mjs [--out DIR] [--jpeg QUALITY] [--lang vi|en] [--stub PACKAGE]`: every screen at 1366×768 in Vietnamese and English
// (tests/screens/all-screens.ts, bundled here as the bench is), after `node scripts/build.mjs`.
// Default output: test-results/screenshots/after/ (not committed). Exits non-zero when a screen
// could not be taken, naming it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = process.cwd();
const out = join(root, '.tmp', 'screens', 'all-screens.cjs');
// `--stub NAME` (repeatable): NAME is bundled as an empty module. An older checkout (the "before"
// set of docs/screenshots) imports a package this node_modules no longer has (tus-js-client): the
// screens never sync, so the import only has to load.
const stubs = process.argv.flatMap((a, i) => (a === '--stub' && process.argv[i + 1] ? [process.argv[i + 1]] : []));
const stubPlugin = {
  name: 'stubs',
  setup(b) {
    for (const name of stubs) {
      const filter = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      b.onResolve({ filter }, () => ({ path: name, namespace: 'stub' }));
    }
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};
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
  plugins: [stubPlugin],
});
const args = process.argv.slice(2).filter((a, i, all) => a !== '--stub' && all[i - 1] !== '--stub');
const r = spawnSync(process.execPath, ['--enable-source-maps', out, ...args], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);

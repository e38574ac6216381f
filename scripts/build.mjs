// Builds every runtime bundle: Electron main and preload, the CLI, the Chromium host and its init
// script (esbuild), and the renderer (Vite). Native modules and npm packages stay external (the
// host's bundle takes in the few node-externals.mjs lists).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { NODE_ALIAS, NO_DYNAMIC_IMPORT, nodeExternals } from './node-externals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
execFileSync(process.execPath, [join(root, 'scripts', 'gen-migrations.mjs')], { stdio: 'inherit' });

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', alias: NODE_ALIAS };

rmSync(join(root, 'dist'), { recursive: true, force: true });
await Promise.all([
  build({ ...node, entryPoints: ['electron/main/main.ts'], outfile: 'dist/main/main.cjs', external: ['electron'] }),
  // Sandboxed preloads may require only 'electron': bundle everything else in.
  build({ ...common, platform: 'node', format: 'cjs', target: 'chrome140', entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', external: ['electron'] }),
  build({ ...common, platform: 'node', format: 'cjs', target: 'chrome140', entryPoints: ['electron/preload/display-preload.ts'], outfile: 'dist/preload/display-preload.cjs', external: ['electron'] }),
  build({ ...node, entryPoints: ['electron/cli/main.ts'], outfile: 'dist/cli/motcua.cjs' }),
  // The host's entry spawns Chromium, then loads the rest (host-run.cjs, from the code cache) while it starts.
  build({ ...node, entryPoints: ['electron/host/host-cli.ts'], outfile: 'dist/host/host.cjs' }),
  // zod bundled in (node-externals.mjs): the host loads it at every start, the CLI's --help does not.
  build({ ...node, packages: undefined, plugins: [nodeExternals], entryPoints: ['electron/host/host-run.ts'], outfile: 'dist/host/host-run.cjs', supported: NO_DYNAMIC_IMPORT }),
  build({ ...node, entryPoints: ['electron/node/workers/pdf-worker.ts'], outfile: 'dist/workers/pdf-worker.cjs' }),
  build({ ...node, entryPoints: ['electron/node/workers/unseal-worker.ts'], outfile: 'dist/workers/unseal-worker.cjs' }),
  build({ ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: ['electron/host/init-script.ts'], outfile: 'dist/host/init-script.js', sourcemap: false }),
  build({ ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: ['electron/host/display-init-script.ts'], outfile: 'dist/host/display-init-script.js', sourcemap: false }),
]);

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });

// `npm run dist`: builds the bundles, rebuilds native modules for Electron's ABI (@electron/rebuild,
// run by electron-builder's npmRebuild) and packages per electron-builder.yml. Needs the network
// to fetch Electron's zips, so it cannot run on the offline development machines.
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
execFileSync('npx', ['electron-builder', '--config', 'electron-builder.yml', ...(args.length ? args : ['--win', '--linux'])], {
  stdio: 'inherit',
});

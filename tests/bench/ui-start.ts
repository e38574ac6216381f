// First, as in the host's entry point (host-cli.ts): Chromium starts while Playwright and the services' packages load.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBeside, startEarly } from '../../electron/host/start-early';
import { machineCpu } from './machine-cpu';

/**
 * `.tmp/bench/ui-start.cjs <dataDir> [codeCacheDir]`, one cold start in a fresh process: the
 * entry point spawns Chromium and installs the code cache, then loads the rest from
 * ui-start-child.cjs, as the host's host.cjs loads host-run.cjs (scripts/bench.mjs builds both):
 * a cold start loads what the Chromium host loads, not the whole bench (signing, sync, reports).
 */
if (process.argv[1]?.endsWith('ui-start.cjs')) {
  Promise.resolve()
    .then(() => {
      const cpu = machineCpu();
      const launchCalled = performance.now();
      const start = startEarly({ headless: true, codeCacheDir: process.argv[3] || null, cacheBundle: join(__dirname, 'ui-start-child.cjs') });
      const child = loadBeside<typeof import('./ui-start-child')>(__dirname, 'ui-start-child.cjs');
      return child.uiStartChild(start, process.argv[2]!, launchCalled, cpu);
    })
    .then(
      (code) => process.exit(code),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
}

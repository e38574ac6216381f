/**
 * `npm start` without an Electron binary: the Chromium host's entry point. Chromium's start is the
 * longest step of a start and needs nothing of ours, so it is spawned first, before Playwright and
 * the services' packages (SQLite, PDF, zod…) are loaded: they are in host-run.cjs, a bundle of its
 * own loaded after the spawn (start-early.ts), and Playwright then takes that process over its pipe.
 */
import { join } from 'node:path';
import { defaultCacheDir } from '../node/config/paths';
import { loadBeside, startEarly } from './start-early';

function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const headless = argv.includes('--headless') || !process.env.DISPLAY;
  const start = startEarly({ headless, codeCacheDir: join(defaultCacheDir(), 'code-cache'), cacheBundle: join(__dirname, 'host-run.cjs') });
  const { runHost } = loadBeside<typeof import('./host-run')>(__dirname, 'host-run.cjs');
  return runHost(start, argv, join(__dirname, '..'));
}

// A throw before the first await (no Chromium, say) is reported as a failed start is.
Promise.resolve()
  .then(main)
  .catch((e: unknown) => {
    process.stderr.write(`Lỗi: ${(e as Error).message}\n`);
    process.exit(1);
  });

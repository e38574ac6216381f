import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startChromiumHost, type ChromiumHost } from '../../electron/host/chromium-host';
import { silentLogger } from '../../electron/node/log/logger';
import { ROOT } from './cli';
import { tempDir } from './tmp';

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

/** Starts the real Chromium host on the built renderer with a fresh data dir. */
export async function startTestHost(opts: { online?: () => boolean } = {}): Promise<ChromiumHost & { dataDir: string; cleanupDir: () => void }> {
  const t = tempDir('motcua-e2e-');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const online = opts.online ?? (() => true);
  const host = await startChromiumHost({
    dataDir: t.dir,
    rendererRoot: join(ROOT, 'dist', 'renderer'),
    initScriptPath: join(ROOT, 'dist', 'host', 'init-script.js'),
    appVersion: '0.0.0-e2e',
    headless: true,
    log: silentLogger,
    probe: async () => online(),
  });
  return Object.assign(host, { dataDir: t.dir, cleanupDir: t.cleanup });
}

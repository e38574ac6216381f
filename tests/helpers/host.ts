import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startChromiumHost, type ChromiumHost } from '../../electron/host/chromium-host';
import { silentLogger } from '../../electron/node/log/logger';
import { ROOT } from './cli';
import { tempDir } from './tmp';
import { ADMIN } from './admin';
import { UNIT } from './intake';

export { ADMIN };


export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');


/**
 * Starts the real Chromium host on the built renderer with a fresh data dir. Unless `login` is
 * false, runs the first-run setup through the contract (unit + first admin), which signs in.
 * With `province`, a provincial API is configured (MOTCUA_API_URL…): there is no local setup, the
 * admin signs in online with the province's account (see PROVINCE_OFFICERS) and sets the unit.
 */
export async function startTestHost(opts: { online?: () => boolean; login?: boolean; province?: boolean; viewport?: { width: number; height: number }; display?: boolean } = {}): Promise<ChromiumHost & { dataDir: string; cleanupDir: () => void }> {
  const t = tempDir('motcua-e2e-');
  // The user's Documents (where signed copies go by default) is a folder of this test's own.
  const documentsDir = join(t.dir, 'Documents');
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
    documentsDir,
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    ...(opts.display ? { citizenDisplay: true } : {}),
  });
  if (opts.login !== false && opts.province) {
    await host.page.waitForSelector('form.login');
    const r = await host.page.evaluate((a) => window.motcua['auth.login']({ username: a.username, password: a.password }), ADMIN);
    if (!r.ok) throw new Error(`online sign-in failed: ${r.error.message}`);
    const u = await host.page.evaluate(() => window.motcua['unit.set']({ unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } }));
    if (!u.ok) throw new Error(`unit.set failed: ${u.error.message}`);
    // An admin signed in with a province and no unit is offered the first run's step 3; the unit
    // is set above, so it is put off when it opened before the unit arrived.
    await host.page.waitForSelector('nav button[data-section], [data-testid="unit-setup"]');
    if (await host.page.$('[data-testid="unit-setup"]')) await host.page.click('[data-testid="unit-setup"] button.secondary');
    await host.page.waitForSelector('nav button[data-section]');
  } else if (opts.login !== false) {
    // A PC without a province opens on the first-run screen (its province step first); the local setup channel is the same.
    await host.page.waitForSelector('[data-testid="first-run"], form.login');
    const r = await host.page.evaluate(
      (a) =>
        window.motcua['auth.setup']({
          unit: { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } },
          admin: a,
        }),
      ADMIN,
    );
    if (!r.ok) throw new Error(`setup failed: ${r.error.message}`);
    await host.page.waitForSelector('nav button[data-section]');
  }
  return Object.assign(host, { dataDir: t.dir, cleanupDir: t.cleanup });
}

/** A signed-in host whose unit is this counter's (UNIT), on the app's first section. */
export async function startCounterHost(opts: Parameters<typeof startTestHost>[0] = {}): Promise<Awaited<ReturnType<typeof startTestHost>>> {
  const host = await startTestHost(opts);
  await host.page.waitForSelector('nav button[data-section]');
  const r = await host.page.evaluate((u) => window.motcua['unit.set'](u), UNIT);
  if (!r.ok) throw new Error(`unit.set failed: ${r.error.message}`);
  return host;
}

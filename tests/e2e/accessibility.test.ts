import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocking, runAxe, type AxeFinding } from '../helpers/axe';
import { ADMIN, SCREENSHOT_DIR, startTestHost } from '../helpers/host';

type Host = Awaited<ReturnType<typeof startTestHost>>;
const SECTIONS = ['intake', 'dossiers', 'returns', 'signing', 'reports', 'settings'] as const;

/** axe-core on every screen at the counter's 1366×768: no serious or critical violation anywhere. */
describe('accessibility: axe-core on every screen', () => {
  let host: Host;
  const counts: Record<string, { all: number; blocking: number; ids: string[] }> = {};
  const findings: Record<string, AxeFinding[]> = {};
  const check = async (screen: string) => {
    const v = await runAxe(host.page);
    counts[screen] = { all: v.length, blocking: blocking(v).length, ids: v.map((x) => `${x.id}:${x.impact}`) };
    findings[screen] = blocking(v);
  };
  beforeAll(async () => {
    host = await startTestHost({ login: false, viewport: { width: 1366, height: 768 } });
  });
  afterAll(async () => {
    console.log('axe violations per screen (all / serious+critical):', JSON.stringify(counts));
    await host?.close();
    host?.cleanupDir();
  });

  it('first run, every section of the app, and the login screen', async () => {
    const { page } = host;
    await page.waitForSelector('[data-testid="first-run"]');
    await check('first-run');
    const r = await page.evaluate(
      (a) => window.motcua['auth.setup']({ unit: { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } }, admin: a }),
      ADMIN,
    );
    expect(r.ok).toBe(true);
    await page.waitForSelector('nav button[data-section]');
    for (const s of SECTIONS) {
      await page.click(`nav button[data-section="${s}"]`);
      await page.waitForSelector(`nav button[data-section="${s}"][aria-current="page"]`);
      await page.waitForTimeout(300);
      await check(s);
    }
    await page.evaluate(() => window.motcua['auth.logout']({}));
    await page.waitForSelector('form.login');
    await check('login');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'login-axe.png') });
    expect(Object.keys(counts)).toEqual(['first-run', ...SECTIONS, 'login']);
    expect(findings).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, []])));
  });
});

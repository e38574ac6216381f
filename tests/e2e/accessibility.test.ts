import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocking, everyScreen, keptAxeResult, runAxe, SECTIONS, type AxeFinding } from '../helpers/axe';
import { ADMIN, SCREENSHOT_DIR, startTestHost } from '../helpers/host';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/** axe-core on every screen at the counter's 1366×768: no serious or critical violation anywhere. */
describe('accessibility: axe-core on every screen', () => {
  let host: Host;
  const counts: Record<string, { all: number; blocking: number; ids: string[] }> = {};
  const findings: Record<string, AxeFinding[]> = {};
  const check = async (screen: string) => {
    const v = await runAxe(host.page, screen);
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
    await everyScreen(page, check);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'login-axe.png') });
    expect(Object.keys(counts)).toEqual(['first-run', ...SECTIONS, 'login']);
    expect(findings).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, []])));
    // Moderate and minor too: every screen here is clean (the login and first-run screens are a
    // <main> landmark, the status bar's live region is its sync line, not the <footer>).
    expect(Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, c.ids]))).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, []])));
    // Each screen's result is kept for the closing note (test-results/axe), as found here.
    for (const [screen, c] of Object.entries(counts)) {
      const kept = keptAxeResult(screen);
      expect(kept.rules.map((r) => `${r.id}:${r.impact}`)).toEqual(c.ids);
      expect(kept.byImpact.serious! + kept.byImpact.critical!).toBe(c.blocking);
      expect(kept.passes).toBeGreaterThan(0);
    }
  });

  it('Cỡ chữ 150 %: the whole screen grows from the 16 px base, is kept, and the intake screen still fits 1366×768 without horizontal scrolling', async () => {
    const { page } = host;
    const r = await page.evaluate((a) => window.motcua['auth.login']({ username: a.username, password: a.password }), ADMIN);
    expect(r.ok).toBe(true);
    await page.waitForSelector('nav button[data-section]');
    await page.click('nav button[data-section="settings"]');
    await page.waitForSelector('[data-testid="text-size"]');
    const sizes = () =>
      page.evaluate(() => ({
        root: parseFloat(getComputedStyle(document.documentElement).fontSize),
        h2: parseFloat(getComputedStyle(document.querySelector('[data-testid="text-size"] h2')!).fontSize),
        nav: parseFloat(getComputedStyle(document.querySelector('nav button[data-section]')!).fontSize),
      }));
    const before = await sizes();
    expect(before.root).toBe(16);
    await page.click('[data-testid="text-size"] button[data-scale="150"]');
    await page.waitForSelector('[data-testid="text-size"] button[data-scale="150"][aria-checked="true"]');
    const after = await sizes();
    expect(after.root).toBe(24);
    expect(after.h2).toBeCloseTo(before.h2 * 1.5, 1);
    expect(after.nav).toBeCloseTo(before.nav * 1.5, 1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-150.png') });
    // Kept for this PC: a new window opens at 150 %.
    await page.reload();
    await page.waitForSelector('nav button[data-section]');
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(24);
    await page.click('nav button[data-section="intake"]');
    await page.waitForSelector('nav button[data-section="intake"][aria-current="page"]');
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() =>
      [document.documentElement, document.body, ...Array.from(document.querySelectorAll('.shell, .content, .content *'))]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'hidden' && el.clientWidth > 0)
        .map((el) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} ${el.scrollWidth}>${el.clientWidth}`),
    );
    expect(overflow).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-150.png') });
    await check('intake-150');
    expect(findings['intake-150']).toEqual([]);
  });
});

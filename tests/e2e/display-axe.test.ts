import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocking, runAxe, type AxeFinding } from '../helpers/axe';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { UNIT } from '../helpers/intake';
import { typeAsOfficer } from '../helpers/keyboard';
import { ptyPair, type PtyPair } from '../helpers/pty';

type Host = Awaited<ReturnType<typeof startTestHost>>;
const CCCD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

/** The citizen reads this screen, often with poor sight: axe-core on each of its phases, through one dossier. */
describe('accessibility: axe-core on the citizen display in every phase', () => {
  let host: Host;
  let scanner: PtyPair;
  let display: Page;
  const counts: Record<string, string[]> = {};
  const check = async (phase: string): Promise<AxeFinding[]> => {
    const v = await runAxe(display, `display-${phase}`);
    counts[phase] = v.map((x) => `${x.id}:${x.impact}`);
    await display.screenshot({ path: join(SCREENSHOT_DIR, `display-axe-${phase}.png`) });
    return blocking(v);
  };

  beforeAll(async () => {
    host = await startTestHost({ display: true });
    scanner = await ptyPair(host.dataDir, 'scanner');
    const { page } = host;
    expect((await page.evaluate((u) => window.motcua['unit.set'](u), UNIT)).ok).toBe(true);
    const scan = { path: scanner.appPath, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, suffix: 'CR', interByteTimeoutMs: 50 } as const;
    expect((await page.evaluate((config) => window.motcua['devices.setScanner']({ config }), scan)).ok).toBe(true);
    expect((await page.evaluate(() => window.motcua['display.setConfig']({ enabled: true, keypadPath: null }))).ok).toBe(true);
    display = host.displayPage!;
    expect(display).toBeTruthy();
  });
  afterAll(async () => {
    console.log('axe violations on the citizen display per phase:', JSON.stringify(counts));
    await host?.close();
    await scanner?.close();
    host?.cleanupDir();
  });

  it('idle, the draft for confirmation, the saved dossier with the rating, and the thanks', async () => {
    const { page } = host;
    await display.waitForSelector('[data-testid="display-idle"]');
    expect(await check('idle')).toEqual([]);

    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Escape');
    scanner.send(`${CCCD}\r`);
    await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="due-preview"]');
    await page.keyboard.press('Alt+k');
    await display.waitForSelector('[data-testid="display-draft"] [data-testid="display-documents"] li:nth-child(3)');
    expect(await check('draft')).toEqual([]);

    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="saved-code"]');
    await display.waitForSelector('[data-testid="display-rating"] button[data-rating="5"]');
    expect(await check('rating')).toEqual([]);

    await display.click('[data-testid="display-rating"] button[data-rating="4"]');
    await display.waitForSelector('[data-testid="display-thanks"]:has-text("4/5")');
    expect(await check('thanks')).toEqual([]);
    expect(Object.keys(counts)).toEqual(['idle', 'draft', 'rating', 'thanks']);
  });
});

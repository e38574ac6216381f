import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearFiles } from '../helpers/clear-files';
import { startCounterHost, type startTestHost } from '../helpers/host';
import { chooseProcedureByKeyboard } from '../helpers/keyboard';

type Host = Awaited<ReturnType<typeof startTestHost>>;

const NAME = 'Lê Thị Thu Hằng';
const CCCD = '079186004321';
const PHONE = '0912345678';

/**
 * What the officer types about a citizen goes to the app, never into the browser's own stores:
 * Chromium keeps what was typed into a submitted form (autocomplete, in the profile's "Web Data")
 * and would offer a previous citizen's ID number to the next one at a shared counter. The app's
 * forms say autocomplete off, and the host's profile has autofill and the password manager off.
 */
describe('the browser keeps nothing the officer typed (Chromium host)', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startCounterHost();
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('after an intake typed by hand, a search and a return looked up by code, Chromium’s profile holds none of it; it goes at close', async () => {
    const { page } = host;
    await chooseProcedureByKeyboard(page);
    await page.keyboard.press('Alt+k');
    await page.fill('input[name="ChuHoSo"]', NAME);
    await page.fill('input[name="SoGiayToChuHoSo"]', CCCD);
    await page.fill('input[name="SoDienThoai"]', PHONE);
    await page.click('[data-testid="save"]');
    await page.waitForSelector('[data-testid="saved-code"]');
    const code = (await page.textContent('[data-testid="saved-code"]'))!.trim();
    expect(code).toMatch(/^000\.00\.01\.H22-\d{6}-9001$/);

    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', PHONE);
    await page.waitForSelector(`[data-testid="search-results"] td:has-text("${NAME}")`);
    await page.keyboard.press('Alt+3');
    await page.fill('input[name="returnCode"]', code);
    await page.press('input[name="returnCode"]', 'Enter');
    await page.waitForSelector(`text=${code}`);

    // Every form on the screens used says so itself too (Electron has no autofill; a browser host would).
    const forms = await page.evaluate(() => Array.from(document.forms).map((f) => `${f.getAttribute('aria-label')}: ${f.getAttribute('autocomplete')}`));
    expect(forms.length).toBeGreaterThan(0);
    expect(forms.filter((f) => !f.endsWith(': off'))).toEqual([]);

    // Chromium closed as at the end of the day (it writes what it keeps before it exits); the profile is read before the host removes it.
    const profile = host.profileDir;
    expect(existsSync(join(profile, 'Default'))).toBe(true);
    await host.context.close();
    expect(clearFiles(profile, [NAME, CCCD, PHONE, code])).toEqual([]);
    await host.close();
    expect(existsSync(profile)).toBe(false);
  });
});

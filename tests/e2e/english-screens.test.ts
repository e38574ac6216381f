import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { CLIENT, referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/** Letters only Vietnamese uses: any of them on an English screen is a leftover. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
/** What is data, not wording: the product's name, the unit and the people the reference province sends. */
const DATA = ['Một Cửa Desk', 'UBND xã Tân Phú', 'Xã Tân Phú', 'Quản Trị Viên', 'Tiếng Việt'];

/** The lines of a screen's text that hold Vietnamese wording (data set aside). */
function leftovers(text: string): string[] {
  let rest = text;
  for (const d of DATA) rest = rest.split(d).join(' ');
  return rest
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => VIETNAMESE.test(l));
}

describe('the first-run and settings screens in English: no Vietnamese left on them', () => {
  let host: Host;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  const t = tempDir('motcua-e2e-english-');
  const shot = (name: string) => host.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const text = (selector: string) => host.page.innerText(selector);
  beforeAll(async () => {
    server = await referenceServer(t.dir);
    host = await startTestHost({ login: false });
  });
  afterAll(async () => {
    for (let i = 0; i < 300 && host?.services.sync.running; i++) await new Promise((r) => setTimeout(r, 100));
    await host?.close();
    await server?.close();
    host?.cleanupDir();
    t.cleanup();
  });

  it('first run, step 1 to 3, in English', async () => {
    const { page } = host;
    await page.waitForSelector('[data-testid="first-run"]');
    // Signed out, the language is held in memory (app.setLocale) and the screen follows it.
    expect(await page.evaluate(() => window.motcua['app.setLocale']({ locale: 'en' }))).toEqual({ ok: true, value: { locale: 'en' } });
    await page.reload();
    await page.waitForSelector('[data-testid="first-run"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await text('[data-testid="first-run"]')).toContain('First-time setup of this PC');
    expect(leftovers(await text('body'))).toEqual([]);
    await page.fill('input[name="apiUrl"]', server.url);
    await page.fill('input[name="clientId"]', CLIENT.clientId);
    await page.fill('input[name="clientSecret"]', CLIENT.clientSecret);
    await page.click('button:has-text("Test connection")');
    await page.waitForSelector('[data-testid="setup-api-test"]');
    await page.click('button:has-text("Save connection")');
    await page.waitForSelector('[data-testid="setup-online-hint"]');
    await shot('english-setup-2');
    expect(leftovers(await text('body'))).toEqual([]);

    await page.fill('input[name="username"]', 'quantri');
    await page.fill('input[name="password"]', 'mat-khau-quan-tri');
    await page.press('input[name="password"]', 'Enter');
    await page.waitForSelector('[data-testid="unit-setup"]');
    expect(leftovers(await text('body'))).toEqual([]);
    await page.keyboard.type('Q01');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="desk-form"]');
    await shot('english-setup-3');
    expect(await text('[data-testid="desk-form"]')).toContain('The provincial server did not send the one-stop desk details');
    expect(leftovers(await text('body'))).toEqual([]);
    await page.click('[data-testid="unit-confirm"]');
    await page.waitForSelector('nav button[data-section]');
  });

  it('Settings in English: province, accounts, devices, signing token and their messages', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+6');
    await page.waitForSelector('[data-testid="token-settings"]');
    // The detected modules arrive after the probes.
    await page.waitForSelector('[data-testid="token-modules"]', { timeout: 60_000 });
    await page.click('[data-testid="province-api-settings"] button:has-text("Test the saved connection")');
    await page.waitForSelector('[data-testid="api-settings-test"]');
    await page.click(`tr[data-officer="admin-quantri"] button:has-text("Change roles")`);
    await page.waitForSelector('[data-testid="roles-form"]');
    await shot('english-settings');
    // Module paths, a module's own load error and the device-test lines from the server are data.
    const main = (await text('main')).replace(/[^\n]*(\/usr\/|C:\\)[^\n]*/g, '');
    expect(leftovers(main)).toEqual([]);
    expect(await text('main')).toContain('PKCS#11 modules found on this PC');
    // A refusal in English too: the last admin keeps the admin role.
    await page.uncheck('[data-testid="roles-form"] input[name="edit-role-admin"]');
    await page.check('[data-testid="roles-form"] input[name="edit-role-officer"]');
    await page.click('[data-testid="roles-form"] button:has-text("Save roles")');
    const alert = await (await page.waitForSelector('[data-testid="accounts-message"][role="alert"]')).innerText();
    expect(leftovers(alert)).toEqual([]);
  });

  it('the system check and the start-of-day check in English: every row worded, where the secret is kept included', async () => {
    const { page } = host;
    await page.click('button:text-is("Check")');
    await page.waitForSelector('[data-testid="doctor-table"]');
    const doctor = await text('[data-testid="doctor-table"]');
    expect(doctor).toContain('Database');
    // The unit's row shows its Vietnamese name, which is data; the key file's place is worded in English.
    expect(leftovers(doctor)).toEqual([]);
    await page.click('[data-testid="start-of-day"]');
    await page.waitForSelector('[data-testid="start-of-day-table"]');
    const day = await text('[data-testid="start-of-day-table"]');
    expect(day).toContain('Receipt printer');
    expect(leftovers(day)).toEqual([]);
    await shot('english-checks');
  });
});

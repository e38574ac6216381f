import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { VIETNAMESE } from '../helpers/wording';

type Host = Awaited<ReturnType<typeof startTestHost>>;

async function english(host: Host): Promise<void> {
  const { page } = host;
  expect(await page.evaluate(() => window.motcua['app.setLocale']({ locale: 'en' }))).toEqual({ ok: true, value: { locale: 'en' } });
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
}

/**
 * Tries a password on the sign-in screen and returns what the screen then says. The screen keeps
 * the same text for equal refusals, so this attempt is known answered when `expecting` shows, or
 * (without it) when the store has counted one more failure.
 */
async function tryPassword(host: Host, password: string, expecting?: string): Promise<string> {
  const { page } = host;
  const failures = () => host.services.store.exec('t', (db) => (db.prepare('SELECT failed_logins AS n FROM officers WHERE username = ?').get(ADMIN.username) as { n: number }).n);
  const before = await failures();
  await page.fill('input[name="username"]', ADMIN.username);
  await page.fill('input[name="password"]', password);
  await page.click('form.login button[type="submit"]');
  if (expecting) await page.waitForSelector(`[data-testid="login-error"]:has-text("${expecting}")`);
  else await expect.poll(failures, { timeout: 20_000 }).toBe(before + 1);
  return (await (await page.waitForSelector('[data-testid="login-error"]')).textContent()) ?? '';
}

describe('officer accounts and sign-in in English: main sends keys, the renderer words them', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    await english(host);
    await host.page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('adding an officer: a short password, then a user name already taken', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+6');
    await page.waitForSelector('[data-testid="accounts-settings"]');
    await page.fill('input[name="newOfficerId"]', 'cb02');
    await page.fill('input[name="newUsername"]', 'canbo02');
    await page.fill('input[name="newFullName"]', 'Le Van B');
    await page.fill('input[name="addPassword"]', 'short');
    await page.press('input[name="addPassword"]', 'Enter');
    const short = (await (await page.waitForSelector('[data-testid="accounts-message"][role="alert"]')).textContent()) ?? '';
    expect(short).toContain('The password needs at least 8 characters.');
    expect(short).not.toMatch(VIETNAMESE);

    await page.fill('input[name="newUsername"]', ADMIN.username);
    await page.fill('input[name="addPassword"]', 'mat-khau-dai-du');
    await page.press('input[name="addPassword"]', 'Enter');
    await page.waitForSelector('[data-testid="accounts-message"][role="alert"]:has-text("already exists")');
    const taken = (await page.textContent('[data-testid="accounts-message"]')) ?? '';
    expect(taken).toBe(`An officer ${ADMIN.username} or with id cb02 already exists.`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-accounts-errors-en.png') });
  });

  it('signing in: a wrong password, then the lockout after five, then the locked account', async () => {
    const { page } = host;
    await page.evaluate(() => window.motcua['auth.logout']({}));
    await page.waitForSelector('form.login');
    expect(await tryPassword(host, 'sai-mat-khau-1')).toBe('Wrong user name or password.');
    for (let i = 2; i <= 4; i++) await tryPassword(host, `sai-mat-khau-${i}`);
    expect(await tryPassword(host, 'sai-mat-khau-5', 'wrong attempts')).toBe('5 wrong attempts: the account is locked for 30 minutes.');
    const locked = await tryPassword(host, ADMIN.password, 'locked until');
    expect(locked).toMatch(/^The account is locked until .+ after too many wrong attempts\.$/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-login-locked-en.png') });
  });
});

describe('the same refusals in Vietnamese, the default locale', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    await host.page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('a user name already taken, a wrong password', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+6');
    await page.waitForSelector('[data-testid="accounts-settings"]');
    await page.fill('input[name="newOfficerId"]', 'cb02');
    await page.fill('input[name="newUsername"]', ADMIN.username);
    await page.fill('input[name="newFullName"]', 'Lê Văn B');
    await page.fill('input[name="addPassword"]', 'short');
    await page.press('input[name="addPassword"]', 'Enter');
    await page.waitForSelector('[data-testid="accounts-message"][role="alert"]');
    expect(await page.textContent('[data-testid="accounts-message"]')).toContain('Mật khẩu ít nhất 8 ký tự.');
    await page.fill('input[name="addPassword"]', 'mat-khau-dai-du');
    await page.press('input[name="addPassword"]', 'Enter');
    await page.waitForSelector('[data-testid="accounts-message"][role="alert"]:has-text("Đã có cán bộ")');
    expect(await page.textContent('[data-testid="accounts-message"]')).toBe(`Đã có cán bộ ${ADMIN.username} hoặc mã cb02.`);

    await page.evaluate(() => window.motcua['auth.logout']({}));
    await page.waitForSelector('form.login');
    expect(await tryPassword(host, 'sai-mat-khau')).toBe('Sai tên đăng nhập hoặc mật khẩu.');
  });
});

describe('unit setup on a new PC in English: the unit code and counter refused in plain English', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ login: false, viewport: { width: 1366, height: 768 } });
    await host.page.waitForSelector('[data-testid="first-run"]');
    await english(host);
    await host.page.click('[data-testid="setup-other"]');
    await host.page.waitForSelector('form.login');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('names the fields with their labels and the reasons in English', async () => {
    const { page } = host;
    await page.fill('input[name="setupUnitCode"]', 'xa tan phu');
    await page.fill('input[name="setupUnitName"]', 'UBND xa Tan Phu');
    await page.fill('input[name="setupCounter"]', 'Q 01');
    await page.fill('input[name="setupFullName"]', 'Quan Tri Vien');
    await page.fill('input[name="username"]', 'quantri');
    await page.fill('input[name="password"]', 'short');
    await page.click('form.login button[type="submit"]');
    const text = (await (await page.waitForSelector('[data-testid="login-error"]')).textContent()) ?? '';
    expect(text).toContain('A unit code has only capital letters, digits and dots (for example 000.00.01.H22).');
    expect(text).toContain('A counter code has only letters, digits and dashes (at most 20 characters).');
    expect(text).toContain('The password needs at least 8 characters.');
    expect(text).not.toMatch(VIETNAMESE);
    expect(await page.getAttribute('input[name="setupUnitCode"]', 'aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-setup-refused-en.png') });
  });
});

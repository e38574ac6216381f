import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { VIETNAMESE } from '../helpers/wording';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/** The focused element's name and whether it is marked invalid, read after the refusal's frame. */
async function focused(page: Page): Promise<{ name: string | null; invalid: string | null }> {
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true', undefined, { timeout: 5_000 }).catch(() => undefined);
  return page.evaluate(() => ({ name: document.activeElement?.getAttribute('name') ?? null, invalid: document.activeElement?.getAttribute('aria-invalid') ?? null }));
}

/** Internal names the contract and the inputs use: none may reach the admin's eyes. */
const INTERNAL = /\b(?:username|newUsername|officerId|unitCode|counterId|offlineBlock|apiUrl|clientSecret|addPassword)\b/;

async function addShortUser(page: Page): Promise<string> {
  await page.keyboard.press('Alt+6');
  await page.waitForSelector('[data-testid="accounts-settings"]');
  await page.fill('input[name="newOfficerId"]', 'cb07');
  await page.fill('input[name="newUsername"]', 'ab');
  await page.fill('input[name="newFullName"]', 'Lê Văn G');
  await page.fill('input[name="addPassword"]', 'mat-khau-dai-du');
  // Focus elsewhere first: the focus that counts is the one the refusal puts.
  await page.focus('input[name="newFullName"]');
  await page.click('[data-testid="accounts-settings"] form[aria-label] button[type="submit"] >> nth=-1');
  return (await (await page.waitForSelector('[data-testid="accounts-message"][role="alert"]')).textContent()) ?? '';
}

describe('Cài đặt forms refuse like intake: the field named by its label, marked and focused', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    await host.page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('Tài khoản: a two-letter user name is refused on "Tên đăng nhập", which is marked and focused', async () => {
    const { page } = host;
    const text = await addShortUser(page);
    expect(text).toContain('Tên đăng nhập: Cần ít nhất 3 ký tự.');
    expect(text).toContain('Hãy sửa ô được đánh dấu đỏ.');
    expect(text).not.toMatch(INTERNAL);
    expect(await focused(page)).toEqual({ name: 'newUsername', invalid: 'true' });
    expect(await page.getAttribute('input[name="newFullName"]', 'aria-invalid')).toBeNull();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-accounts-field-vi.png') });
    // Corrected and added: the mark goes with the refusal.
    await page.fill('input[name="newUsername"]', 'canbo07');
    await page.click('[data-testid="accounts-settings"] form[aria-label] button[type="submit"] >> nth=-1');
    await page.waitForSelector('[data-testid="accounts-message"][role="status"]');
    expect(await page.getAttribute('input[name="newUsername"]', 'aria-invalid')).toBeNull();
  });

  it('Đơn vị: a unit code with spaces names "Mã đơn vị"; a malformed block names its field before asking main', async () => {
    const { page } = host;
    await page.fill('input[name="unitCode"]', 'XA TAN PHU');
    await page.focus('input[name="unitName"]');
    await page.press('input[name="unitName"]', 'Enter');
    const text = (await (await page.waitForSelector('[data-testid="unit-message"][role="alert"]')).textContent()) ?? '';
    const label = ((await page.textContent('form.form-grid label:has(input[name="unitCode"])')) ?? '').trim();
    expect(label.length).toBeGreaterThan(0);
    expect(text).toContain(`${label}: `);
    expect(text).not.toMatch(INTERNAL);
    expect(await focused(page)).toEqual({ name: 'unitCode', invalid: 'true' });

    await page.fill('input[name="unitCode"]', '000.00.01.H22');
    await page.fill('input[name="offlineBlock"]', '9200-9001x');
    await page.focus('input[name="unitName"]');
    await page.press('input[name="unitName"]', 'Enter');
    await page.waitForSelector('[data-testid="unit-message"]:has-text("Khối số ngoại tuyến (ví dụ 9001-9200): Khối số ngoại tuyến phải")');
    expect(await focused(page)).toEqual({ name: 'offlineBlock', invalid: 'true' });
    expect(await page.getAttribute('input[name="unitCode"]', 'aria-invalid')).toBeNull();
  });

  it('Máy chủ tỉnh: a plain-http address is refused on "Địa chỉ", marked and focused', async () => {
    const { page } = host;
    const form = '[data-testid="api-settings-form"]';
    await page.fill(`${form} input[name="apiUrl"]`, 'http://motcua.tinh.gov.vn/api/v1');
    await page.fill(`${form} input[name="clientId"]`, 'counter-q01');
    await page.fill(`${form} input[name="clientSecret"]`, 'bi-mat');
    await page.click(`${form} button[type="submit"]`);
    const text = (await (await page.waitForSelector('[data-testid="api-settings-message"][role="alert"]')).textContent()) ?? '';
    const label = ((await page.textContent(`${form} label:has(input[name="apiUrl"])`)) ?? '').trim();
    expect(text.startsWith(`${label}: `)).toBe(true);
    expect(await focused(page)).toEqual({ name: 'apiUrl', invalid: 'true' });
  });
});

describe('the same in English: "User name", never an internal name', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    const { page } = host;
    expect(await page.evaluate(() => window.motcua['app.setLocale']({ locale: 'en' }))).toEqual({ ok: true, value: { locale: 'en' } });
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('Accounts: a two-letter user name', async () => {
    const { page } = host;
    const text = await addShortUser(page);
    expect(text).toContain('User name: ');
    expect(text).toContain('Correct the field marked in red.');
    expect(text).not.toMatch(INTERNAL);
    expect(text).not.toMatch(VIETNAMESE);
    expect(await focused(page)).toEqual({ name: 'newUsername', invalid: 'true' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-accounts-field-en.png') });
  });
});

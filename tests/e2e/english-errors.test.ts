import { typeAsOfficer } from '../helpers/keyboard';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/** Letters only Vietnamese uses (catalog data such as a document's name aside). */
const VIETNAMESE_WORDING = /Thiếu|bắt buộc|Nếu công dân|Mẫu 02/;

describe('a keyed service failure in English: the renderer words it, not the main process', () => {
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

  it('missing required documents (intake.missingDocuments) read in English, naming the documents', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.click('input[name="procedure"]');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="documents"]');
    await page.keyboard.press('Alt+k');
    await page.click('[data-testid="documents"] li:has-text("Giấy chứng sinh") input');
    await page.fill('input[name="ChuHoSo"]', 'Tran Thi Hoa');
    await page.fill('input[name="SoGiayToChuHoSo"]', '001185012345');
    await page.click('input[name="NgaySinhChuHoSo"]');
    await page.keyboard.type('08/12/1985', { delay: 30 });
    await page.selectOption('select[name="GioiTinhChuHoSo"]', 'Nữ');
    await page.click('[data-testid="save"]');
    const errors = await page.waitForSelector('[data-testid="intake-errors"]:has-text("Required documents are missing")');
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('Giấy chứng sinh');
    expect(text).toContain('Form 02');
    expect(text).not.toMatch(VIETNAMESE_WORDING);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-missing-documents-en.png') });
  });

  it('intake field checks name the field and the reason in English, and the due date counts working days', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.fill('input[name="procedure"]', '');
    await page.click('input[name="procedure"]');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
    await page.keyboard.press('Enter');
    const due = (await (await page.waitForSelector('[data-testid="due-preview"]')).textContent()) ?? '';
    expect(due).toMatch(/Processing time (the same day|\d+ (working days|working hours|days|months))/);
    expect(due).not.toContain('ngày làm việc');
    await page.fill('input[name="ChuHoSo"]', 'Tran Thi Hoa');
    await page.fill('input[name="SoGiayToChuHoSo"]', '099185012345');
    await page.fill('input[name="SoDienThoai"]', '12345');
    await page.click('[data-testid="save"]');
    const errors = await page.waitForSelector('[data-testid="intake-errors"]:has-text("invalid province code")');
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('ID number 099185012345 has an invalid province code 099 (001–096).');
    expect(text).toContain('The phone number is not valid (for example 0912345678).');
    expect(text).not.toMatch(/Số định danh|không hợp lệ|Số điện thoại/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-field-errors-en.png') });

    // A card warning (the ID's digits against the birth year) is worded on the screen too.
    await page.fill('input[name="SoGiayToChuHoSo"]', '001185012345');
    await page.fill('input[name="NgaySinhChuHoSo"]', '');
    await page.click('input[name="NgaySinhChuHoSo"]');
    await page.keyboard.type('08/12/1986', { delay: 30 });
    const warning = await page.waitForSelector('[data-testid="applicant-warnings"]:has-text("encodes birth year 1985, not 1986")');
    expect(await warning.textContent()).not.toMatch(/khác năm sinh|đối chiếu/);
  });

  it('the sex choices, the dossier status and the row count read in English; the values stay the portal\'s', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    const options = await page.$$eval('select[name="GioiTinhChuHoSo"] option', (os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    expect(options).toEqual([['', '—'], ['Nam', 'Male'], ['Nữ', 'Female']]);
    await page.fill('input[name="SoDienThoai"]', '');
    await page.fill('input[name="NgaySinhChuHoSo"]', '');
    await page.click('input[name="NgaySinhChuHoSo"]');
    await page.keyboard.type('08/12/1985', { delay: 30 });
    await page.selectOption('select[name="GioiTinhChuHoSo"]', 'Nữ');
    await page.keyboard.press('Alt+k');
    await page.click('[data-testid="save"]');
    await page.waitForSelector('[data-testid="saved-code"]');
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', 'tran thi hoa');
    const row = await page.waitForSelector('[data-testid="search-results"] tbody tr:has-text("Tr")');
    expect(await row.textContent()).toContain('Received');
    expect(await row.textContent()).not.toContain('Được tiếp nhận');
    expect(await page.textContent('[data-testid="search-results"] .table-tools .muted')).toBe('1 dossier');
  });
});

describe('the same field checks in Vietnamese (the default locale) keep their wording', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    await host.page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('names the field and the reason in Vietnamese, and the due date in ngày làm việc', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.click('input[name="procedure"]');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
    await page.keyboard.press('Enter');
    const due = (await (await page.waitForSelector('[data-testid="due-preview"]')).textContent()) ?? '';
    expect(due).toMatch(/Thời hạn giải quyết (trong ngày|\d+ (ngày làm việc|giờ làm việc|ngày|tháng))/);
    await page.fill('input[name="ChuHoSo"]', 'Trần Thị Hoa');
    await page.fill('input[name="SoGiayToChuHoSo"]', '099185012345');
    await page.fill('input[name="SoDienThoai"]', '12345');
    await page.click('[data-testid="save"]');
    const errors = await page.waitForSelector('[data-testid="intake-errors"]:has-text("mã tỉnh 099")');
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('Số định danh 099185012345 có mã tỉnh 099 không hợp lệ (001–096).');
    expect(text).toContain('Số điện thoại không hợp lệ (ví dụ 0912345678).');
  });
});


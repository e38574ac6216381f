import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wedgeScan } from '../helpers/keyboard';
import { startTestHost } from '../helpers/host';
import { UNIT } from '../helpers/intake';
import { ptyPair, type PtyPair } from '../helpers/pty';

type Host = Awaited<ReturnType<typeof startTestHost>>;
const CCCD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';
const CODE = '000.00.01.H22-261123-0007';

describe('scans wherever they land, and a wedge scanner calibrated from the test scan (Chromium host)', () => {
  let host: Host;
  let pty: PtyPair;
  const value = (name: string) => host.page.inputValue(`input[name="${name}"]`);
  const text = async (sel: string) => (await host.page.textContent(sel)) ?? '';
  /** A fresh intake form, with the officer in `field`. */
  const freshForm = async (field: string) => {
    await host.page.keyboard.press('Alt+1');
    await host.page.waitForSelector('input[name="procedure"]');
    await host.page.keyboard.press('Escape');
    await host.page.click(`input[name="${field}"]`);
  };

  beforeAll(async () => {
    host = await startTestHost();
    pty = await ptyPair(host.dataDir, 'scanner');
    const { page } = host;
    await page.waitForSelector('nav button[data-section]');
    expect((await page.evaluate((u) => window.motcua['unit.set'](u), UNIT)).ok).toBe(true);
    const dev = await page.evaluate(
      (path) => window.motcua['devices.setScanner']({ config: { path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, suffix: 'CR', interByteTimeoutMs: 50 } }),
      pty.appPath,
    );
    expect(dev.ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
    await pty?.close();
    host?.cleanupDir();
  });

  it('a card QR typed too slowly to be caught, into any text field, leaves the field and fills the applicant on Enter', async () => {
    const { page } = host;
    await freshForm('SoDienThoai');
    await page.keyboard.type('0912');
    // 60 ms a key: slower than the default threshold, so the keys land in the phone field.
    await wedgeScan(page, CCCD, 60);
    await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
    expect(await value('SoDienThoai')).toBe('0912');
    expect(await value('SoGiayToChuHoSo')).toBe('001090123456');
    expect(await text('[data-testid="intake-notice"]')).toContain('Đã đọc căn cước của Nguyễn Văn Đức');
    expect(await page.$('[data-testid="intake-errors"]')).toBeNull();

    await freshForm('DiaChiChuHoSo');
    await wedgeScan(page, CCCD, 60);
    await page.waitForFunction(() => (document.querySelector('input[name="DiaChiChuHoSo"]') as HTMLInputElement)?.value === 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
    expect(await value('ChuHoSo')).toBe('Nguyễn Văn Đức');
  });

  it('a payload that is no card nor dossier code, from the serial scanner, is said to be unrecognised', async () => {
    const { page } = host;
    await expect
      .poll(async () => {
        const r = await page.evaluate(() => window.motcua['devices.state']({}));
        return r.ok ? r.value.scanner : r.error.code;
      })
      .toBe('connected');
    await freshForm('ChuHoSo');
    pty.send('https://dichvucong.gov.vn/p/home\r');
    await page.waitForSelector('[data-testid="intake-errors"]');
    expect(await text('[data-testid="intake-errors"]')).toContain('Không nhận ra mã vừa quét: https://dichvucong.gov.vn/p/home');
    expect(await value('ChuHoSo')).toBe('');
  });

  it('a wedge scan slower than the default is text until the test scan in Settings calibrates this PC, and a person never is a scanner', async () => {
    const { page } = host;
    await freshForm('Email');
    await wedgeScan(page, CODE, 60);
    // Not a scan: the Enter saves, and the form says no procedure was chosen.
    await page.waitForSelector('[data-testid="intake-errors"]');
    expect(await value('Email')).toBe(CODE);
    expect(await page.$('[data-testid="intake-notice"]')).toBeNull();

    await page.keyboard.press('Alt+6');
    await page.waitForSelector('[data-testid="wedge-gap"]');
    expect(await text('[data-testid="wedge-gap"]')).toContain('35 ms');
    // A person typing into the test box is refused, never taken as this PC's scanner.
    await page.click('input[name="wedgeTestScan"]');
    await wedgeScan(page, CODE, 150);
    await page.waitForSelector('[data-testid="wedge-message"].error');
    expect(await text('[data-testid="wedge-message"]')).toContain('quá chậm để là máy quét (chậm nhất 150 ms, tối đa 120 ms)');
    expect(await text('[data-testid="wedge-gap"]')).toContain('mặc định');

    // The card scanned at 60 ms a key: measured, and the test scan's result shown in the app's font with dd/mm/yyyy.
    await wedgeScan(page, CCCD, 60);
    await page.waitForSelector('[data-testid="wedge-message"].ok');
    expect(await text('[data-testid="wedge-message"]')).toContain('chậm nhất 60 ms giữa hai phím; ngưỡng mới 90 ms');
    expect(await text('[data-testid="wedge-gap"]')).toContain('90 ms giữa hai phím (đã đo trên máy này)');
    const result = await text('[data-testid="last-scan"]');
    expect(result).toContain('Nguyễn Văn Đức · 001090123456 · 01/01/1990');
    expect(result).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await page.$eval('[data-testid="last-scan"]', (el) => getComputedStyle(el).fontFamily)).toContain('Noto');
    expect(await value('wedgeTestScan')).toBe('');

    // Stored for this PC: a new window starts with it.
    await page.reload();
    await page.waitForSelector('nav button[data-section]');
    await freshForm('Email');
    await wedgeScan(page, CODE, 60);
    await page.waitForSelector(`[data-testid="intake-notice"]:has-text("${CODE}")`);
    expect(await value('Email')).toBe('');

    // A person's pace is still text.
    await freshForm('Email');
    await wedgeScan(page, CODE, 150);
    await page.waitForSelector('[data-testid="intake-errors"]');
    expect(await value('Email')).toBe(CODE);
    expect(await page.$('[data-testid="intake-notice"]')).toBeNull();

    // Reset: back to the default, and the 60 ms scanner is text again.
    await page.keyboard.press('Alt+6');
    await page.click('[data-testid="wedge-reset"]');
    await page.waitForSelector('[data-testid="wedge-gap"]:has-text("mặc định")');
    expect(await page.evaluate(() => window.motcua['app.info']({}))).toMatchObject({ ok: true, value: { wedgeGapMs: null } });
    await freshForm('Email');
    await wedgeScan(page, CODE, 60);
    await page.waitForSelector('[data-testid="intake-errors"]');
    expect(await value('Email')).toBe(CODE);
  });

  it('in English: the unrecognised scan and the Telex/VNI refusal of a wedge burst', async () => {
    const { page } = host;
    expect(await page.evaluate(() => window.motcua['app.setLocale']({ locale: 'en' }))).toEqual({ ok: true, value: { locale: 'en' } });
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('nav button[data-section]');
    await freshForm('ChuHoSo');
    pty.send('https://dichvucong.gov.vn/p/home\r');
    await page.waitForSelector('[data-testid="intake-errors"]');
    expect(await text('[data-testid="intake-errors"]')).toContain('Scanned code not recognised: https://dichvucong.gov.vn/p/home');

    // An IME composing inside a fast burst (the "Process" key): refused, in the officer's language.
    await freshForm('ChuHoSo');
    await wedgeScan(page, [...'12345678', 'Process', '9'], 4);
    await page.waitForSelector('[data-testid="intake-errors"]:has-text("input method")');
    const errors = await text('[data-testid="intake-errors"]');
    expect(errors).toContain('A Vietnamese input method (Telex/VNI) that is on has changed the scanned data.');
    expect(errors).not.toMatch(/Bộ gõ/);
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startCounterHost, type startTestHost } from '../helpers/host';
import { wedgeScan } from '../helpers/keyboard';

type Host = Awaited<ReturnType<typeof startTestHost>>;

describe('counter devices in the app (Chromium host)', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startCounterHost();
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('a keyboard-wedge burst is a scan whatever field has focus, and leaves that field untouched', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.click('input[name="SoDienThoai"]');
    await page.keyboard.type('0912');
    await page.waitForTimeout(100);
    await wedgeScan(page, '000.00.01.H22-261123-0007');
    await page.waitForSelector('[data-testid="intake-notice"]:has-text("000.00.01.H22-261123-0007")');
    expect(await page.inputValue('input[name="SoDienThoai"]')).toBe('0912');
  });

  it('Settings → Thiết bị: the virtual printer prints a test page to PNG; the start-of-day check reports each device', async () => {
    const { page } = host;
    const folder = join(host.dataDir, 'may-in-ao');
    await page.keyboard.press('Alt+6');
    await page.selectOption('select[name="printerTransport"]', 'virtual');
    await page.fill('input[name="printerPath"]', folder);
    await page.click('[data-testid="save-printer"]');
    await page.waitForSelector('text=Đã lưu cấu hình thiết bị.');
    await page.click('[data-testid="test-print"]');
    await page.waitForSelector('text=Đã in trang thử.');
    // The virtual printer rasterises the page to PNG after the job is acknowledged: allow a loaded machine.
    await expect.poll(() => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.png')).length : 0), { timeout: 15_000 }).toBe(1);
    await page.click('[data-testid="start-of-day"]');
    await page.waitForSelector('[data-testid="start-of-day-table"]');
    const text = await page.textContent('[data-testid="start-of-day-table"]');
    expect(text).toContain('Máy in biên nhận');
    expect(text).toContain('Máy quét mã');
    expect(text).toContain('Thiết bị ký số');
    expect(text).toContain('Dung lượng đĩa');
    expect(text).toContain('Hồ sơ chờ đồng bộ');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'devices-settings.png'), fullPage: true });
  });
});

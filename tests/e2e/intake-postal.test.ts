import { typeAsOfficer } from '../helpers/keyboard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../helpers/host';
import { ptyPair, type PtyPair } from '../helpers/pty';
import { UNIT } from '../helpers/intake';

type Host = Awaited<ReturnType<typeof startTestHost>>;
// A card issued before the 2025 reorganisation: its address names Hà Giang, now part of Tuyên Quang.
const OLD_CARD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang|15042021';
const ADDRESS = 'Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang';

describe('issue #14 at the counter: "nay thuộc tỉnh …" beside a scanned card, a dossier received by post', () => {
  let host: Host;
  let pty: PtyPair;

  beforeAll(async () => {
    host = await startTestHost();
    pty = await ptyPair(host.dataDir, 'scanner');
    await host.page.waitForSelector('nav button[data-section]');
    const { page } = host;
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

  it('shows today\'s province beside the card\'s address, keeps the address as read, and saves channel 3 with a postal return', async () => {
    const { page } = host;
    await expect.poll(async () => page.evaluate(() => window.motcua['devices.state']({}).then((r) => (r.ok ? r.value.scanner : r.error.code)))).toBe('connected');
    await page.keyboard.press('Alt+1');
    await page.waitForSelector('input[name="procedure"]');
    pty.send(`${OLD_CARD}\r`);
    await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
    await page.waitForSelector('[data-testid="address-current-units"]:has-text("nay thuộc tỉnh Tuyên Quang")');
    expect(await page.inputValue('input[name="DiaChiChuHoSo"]')).toBe(ADDRESS);

    // Keyboard-first: Alt+U reaches the channel, Alt+G the return method.
    await page.keyboard.press('Alt+u');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name)).toBe('KenhThucHien');
    await page.selectOption('select[name="KenhThucHien"]', '3');
    await page.keyboard.press('Alt+g');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name)).toBe('HinhThuc');
    await page.selectOption('select[name="HinhThuc"]', '1');
    // Prefilled from the applicant's address, editable.
    expect(await page.inputValue('input[name="DiaChiNhanKetQua"]')).toBe(ADDRESS);
    await page.fill('input[name="DiaChiNhanKetQua"]', 'Số 3 Lê Lợi, Phường Hà Giang 1, Tỉnh Tuyên Quang');

    await page.focus('input[name="procedure"]');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="due-preview"]');
    await page.keyboard.press('Alt+k');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="saved-code"]');
    const code = (await page.textContent('[data-testid="saved-code"]'))!.trim();
    const view = await host.services.returns.open(code);
    expect(view.dossier.address).toBe(ADDRESS);
    expect(view.delivery).toMatchObject({ method: '1', postalAddress: 'Số 3 Lê Lợi, Phường Hà Giang 1, Tỉnh Tuyên Quang' });
    const channel = await host.services.store.exec('t', (db) => db.prepare('SELECT kenh_thuc_hien AS k FROM dossiers WHERE ma_ho_so = ?').get(code));
    expect(channel).toEqual({ k: '3' });
  });
});

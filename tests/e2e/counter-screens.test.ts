import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { UNIT } from '../helpers/intake';
import { chooseProcedureByKeyboard } from '../helpers/keyboard';
import { ptyPair, type PtyPair } from '../helpers/pty';
import { printCalls, stubPrint } from '../helpers/print-view';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/** An ISO date or timestamp anywhere in a text a person reads. */
const ISO = /\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/;
/** Internal names and zod's wording that an officer must never read. */
const INTERNAL = /draft\.|ChuHoSo|SoGiayTo|NgaySinh|Quá nhỏ|mong đợi|>=/;

/** Issue 16, as a new officer meets the screens at 1366×768: dates, refusals, the checklist, Hồ sơ, Báo cáo, scans, F1. */
describe('the counter screens at 1366×768 (Chromium host)', () => {
  let host: Host;
  let pty: PtyPair;

  beforeAll(async () => {
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    await stubPrint(host.page);
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

  /** A fresh form with "Đăng ký khai sinh" chosen by keyboard. */
  const chooseProcedure = () => chooseProcedureByKeyboard(host.page);
  /**
   * Makes sure today's table has a dossier of `name`. Today is the app's day in Vietnam time, and
   * CI runs at any hour: when the run crossed midnight since the test that saved one, the table is
   * rightly empty, so another is received now. Returns whether one was (the table then needs a reload).
   */
  const receivedToday = async (name: string): Promise<boolean> => {
    const listed = await host.page.evaluate(() => window.motcua['dossier.listDay']({}));
    if (listed.ok && listed.value.some((d) => d.applicantName === name)) return false;
    const r = await host.page.evaluate(
      (n) => window.motcua['intake.receive']({ draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: n, TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: [], SoBo: 1 }, attachments: [] }),
      name,
    );
    expect(r.ok).toBe(true);
    return true;
  };
  /** Whether an element lies wholly in the window and clear of the intake's sticky button bar. */
  const inViewClearOfBar = (selector: string) =>
    host.page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      const bar = document.querySelector('.actions.sticky')?.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && (!bar || r.bottom <= bar.top);
    });

  it('the checklist is in view, clear of the sticky bar, nothing ticked, and has the focus when a procedure is chosen', async () => {
    const { page } = host;
    await chooseProcedure();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="documents"]') !== null)).toBe(true);
    expect(await page.$$eval('[data-testid="documents"] input:checked', (els) => els.length)).toBe(0);
    expect(await page.textContent('[data-testid="checklist"] h2')).toBe('Thành phần hồ sơ');
    expect(await inViewClearOfBar('[data-testid="checklist"] h2')).toBe(true);
    expect(await inViewClearOfBar('[data-testid="documents"] li')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-intake-checklist.png') });
  });

  it('a birth date typed 08/12/1985 is 8 December 1985', async () => {
    const { page } = host;
    await chooseProcedure();
    await page.keyboard.press('Alt+k');
    await page.fill('input[name="ChuHoSo"]', 'Trần Thị Hoa');
    await page.fill('input[name="SoGiayToChuHoSo"]', '001185012345');
    await page.click('input[name="NgaySinhChuHoSo"]');
    await page.keyboard.type('08/12/1985', { delay: 60 });
    await page.selectOption('select[name="GioiTinhChuHoSo"]', 'Nữ');
    expect(await page.inputValue('input[name="NgaySinhChuHoSo"]')).toBe('08/12/1985');
    expect(await page.getAttribute('input[name="NgaySinhChuHoSo"]', 'aria-invalid')).toBeNull();
    await page.click('[data-testid="save"]');
    await page.waitForSelector('[data-testid="saved-code"]');
    const code = (await page.textContent('[data-testid="saved-code"]'))!.trim();
    expect((await host.services.intake.detail(code))?.birthDate).toBe('1985-12-08');
  });

  it('the first receipt print is busy from the request until the PDF is ready, and until a failed one fails', async () => {
    const { page } = host;
    const saved = '[data-testid="intake-saved"]';
    // The host holds the print as a cold first render would: the busy state must stay up meanwhile.
    const slow = host.holdPrints();
    await page.keyboard.press('Control+p');
    await page.waitForSelector('[data-testid="print-busy"]:has-text("Đang tạo biên nhận…")');
    expect(await page.getAttribute(saved, 'aria-busy')).toBe('true');
    expect(await page.getAttribute('[data-testid="print-busy"]', 'role')).toBe('status');
    expect(await page.isDisabled(`${saved} button:has-text("(Ctrl+P)")`)).toBe(true);
    // A second Ctrl+P while it works does not queue a second print.
    await page.keyboard.press('Control+p');
    expect(host.printed).toHaveLength(0);
    await slow.reached;
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-print-busy.png') });
    slow.release();
    // Busy on through the print view's drawing, up to the dialog: the notice comes once window.print ran.
    await page.waitForSelector('[data-testid="intake-notice"]:has-text("hộp thoại in")');
    expect(await page.$('[data-testid="print-busy"]')).toBeNull();
    expect(await page.getAttribute(saved, 'aria-busy')).toBeNull();
    expect(host.printed).toHaveLength(1);
    expect(await printCalls(page)).toHaveLength(1);

    // A render that fails: busy until then, then the failure is said and the button works again.
    const broken = host.holdPrints();
    await page.keyboard.press('Control+p');
    await page.waitForSelector('[data-testid="print-busy"]');
    // Failed once main is at the gate: earlier, the gate would be gone before the print got there.
    await broken.reached;
    broken.fail();
    await page.waitForSelector('[data-testid="intake-notice"]:has-text("Lỗi nội bộ")');
    expect(await page.$('[data-testid="print-busy"]')).toBeNull();
    expect(await page.getAttribute(saved, 'aria-busy')).toBeNull();
    expect(await page.isDisabled(`${saved} button:has-text("(Ctrl+P)")`)).toBe(false);
    expect(host.printed).toHaveLength(1);
    expect(await printCalls(page)).toHaveLength(1);
  });

  it('a typed date that is not a day is refused at its field: marked, worded, focused', async () => {
    const { page } = host;
    await chooseProcedure();
    await page.keyboard.press('Alt+k');
    await page.fill('input[name="ChuHoSo"]', 'Lê Văn Nam');
    await page.fill('input[name="SoGiayToChuHoSo"]', '001090123456');
    await page.click('input[name="NgaySinhChuHoSo"]');
    await page.keyboard.type('31/02/1990', { delay: 60 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="intake-errors"]:has-text("Ngày sinh")');
    expect(await page.textContent('[data-testid="intake-errors"]')).toContain('08/12/1985');
    expect(await page.getAttribute('input[name="NgaySinhChuHoSo"]', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('NgaySinhChuHoSo');
    expect(await page.inputValue('input[name="NgaySinhChuHoSo"]')).toBe('31/02/1990');
    expect(await page.$('[data-testid="saved-code"]')).toBeNull();
  });

  it('a refusal names the field in plain words, marks it, and puts the officer on it in view', async () => {
    const { page } = host;
    await chooseProcedure();
    await page.keyboard.press('Alt+k');
    await page.fill('input[name="SoGiayToChuHoSo"]', '001090123456');
    // Scrolled to the bottom, as after reading the checklist: the empty name is out of sight.
    await page.$eval('.content', (el) => el.scrollTo(0, el.scrollHeight));
    await page.focus('[data-testid="save"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="intake-errors"]');
    const text = (await page.textContent('[data-testid="intake-errors"]'))!;
    expect(text).toContain('Họ và tên');
    expect(text).not.toMatch(INTERNAL);
    expect(await page.getAttribute('input[name="ChuHoSo"]', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('ChuHoSo');
    await expect.poll(() => inViewClearOfBar('input[name="ChuHoSo"]')).toBe(true);
    expect(await page.textContent('#ChuHoSo-error')).toMatch(/^Họ và tên: /);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-intake-refused.png') });
    // Typing a name clears the mark on that field.
    await page.keyboard.type('Lê Văn Nam', { delay: 60 });
    expect(await page.getAttribute('input[name="ChuHoSo"]', 'aria-invalid')).toBeNull();
    // One key to the phone, one back to the name: no run of Shift+Tabs.
    await page.keyboard.press('Alt+l');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('SoDienThoai');
    await page.keyboard.press('Alt+n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('ChuHoSo');
  });

  it("today's table fits 1366 px; inputs and tables are 16 px, badges 14 px", async () => {
    const { page } = host;
    if (await receivedToday('Trần Thị Hoa')) await page.keyboard.press('Alt+2');
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="today-table"] td:has-text("Trần Thị Hoa")');
    const widths = await page.$eval('[data-testid="today-table"] .table-scroll', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const content = await page.$eval('.content', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(content.scroll).toBeLessThanOrEqual(content.client);
    const px = (sel: string) => page.$eval(sel, (el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px('input[name="procedure"]')).toBeGreaterThanOrEqual(16);
    expect(await px('input[name="ChuHoSo"]')).toBeGreaterThanOrEqual(16);
    expect(await px('[data-testid="today-table"] td')).toBeGreaterThanOrEqual(16);
    expect(await px('[data-testid="today-table"] .badge')).toBeGreaterThanOrEqual(14);
    await page.$eval('[data-testid="today-table"]', (el) => el.scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-today-table.png') });
  });

  it('Hồ sơ: the detail opens in view, in the text face, with Vietnamese dates; a search without it closes it', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', 'tran thi hoa');
    await page.waitForSelector('[data-testid="search-results"] td:has-text("Trần Thị Hoa")');
    await page.focus('[data-testid="search-results"] tbody tr[tabindex="0"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dossier-detail"]');
    await expect
      .poll(() => page.$eval('[data-testid="dossier-detail"]', (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight - 100; }))
      .toBe(true);
    const fonts = await page.$$eval('[data-testid="dossier-detail"] h2, [data-testid="dossier-detail"] dd', (els) => els.map((e) => getComputedStyle(e).fontFamily));
    for (const f of fonts) expect(f).not.toMatch(/mono/i);
    const detail = (await page.textContent('[data-testid="dossier-detail"]'))!;
    expect(detail).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(detail).not.toMatch(ISO);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-dossier-detail.png') });
    await page.fill('[data-testid="dossier-search"]', 'khong co ai ten nay');
    await page.waitForSelector('[data-testid="search-results"] [data-testid="table-empty"]:has-text("Không tìm thấy")');
    await page.waitForSelector('[data-testid="dossier-detail"]', { state: 'detached' });
  });

  it('the sync queue says why an item still waits and when it is tried again', async () => {
    const { page } = host;
    // No provincial server on this PC: nothing is ever tried, and the panel says why the items wait.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+2');
    expect(await (await page.waitForSelector('[data-testid="sync-unconfigured"]')).textContent()).toBe(
      'Chưa cấu hình máy chủ tỉnh: hồ sơ được giữ an toàn trên máy này và gửi đi khi quản trị viên cài đặt máy chủ (Cài đặt → Máy chủ tỉnh).',
    );
    // As the engine leaves an item after a failed attempt (the engine is idle here: no provincial API).
    await host.services.store.exec('t', (db) =>
      db
        .prepare("UPDATE outbox SET attempts = 2, last_error = ?, next_attempt_at = ? WHERE state = 'pending'")
        .run('Máy chủ tỉnh không trả lời (hết thời gian chờ).', '2026-11-30T10:45:00.000Z'),
    );
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+2');
    const why = page.locator('[data-testid="sync-why"]').first();
    await why.waitFor();
    expect(await why.textContent()).toBe('Lỗi lần trước: Máy chủ tỉnh không trả lời (hết thời gian chờ). — thử lại lúc 17:45 30/11/2026');
  });

  it('Báo cáo: dates typed and shown dd/mm/yyyy, no ISO timestamp, and export shows that it is working', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+5');
    await page.waitForSelector('[data-testid="totals"]');
    expect(await page.inputValue('input[name="reportDate"]')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.$eval('main', (el) => el.innerText)).not.toMatch(ISO);
    await page.evaluate(() => {
      const w = window as unknown as { seenExportBusy: boolean };
      w.seenExportBusy = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="reports-busy"]')) w.seenExportBusy = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.click('[data-testid="export-pdf"]');
    await page.waitForSelector('[data-testid="reports-message"]', { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { seenExportBusy: boolean }).seenExportBusy)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-reports.png') });
    // A day typed by hand is read day first.
    await page.fill('input[name="reportDate"]', '');
    await page.click('input[name="reportDate"]');
    await page.keyboard.type('01/12/2026', { delay: 60 });
    expect(await page.inputValue('input[name="reportDate"]')).toBe('01/12/2026');
    expect(await page.getAttribute('input[name="reportDate"]', 'aria-invalid')).toBeNull();
  });

  it('no section shows a date or time in ISO form', async () => {
    const { page } = host;
    // What each section loads after its first paint, and that carries dates: checked once it is there.
    const loaded: Record<number, string> = {
      1: '[data-testid="today-table"] tbody td',
      2: '[data-testid="sync-why"]',
      5: '[data-testid="review"]',
    };
    await receivedToday('Trần Thị Hoa');
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await page.keyboard.press(`Alt+${n}`);
      await page.waitForSelector(loaded[n] ?? 'main h1');
      const text = await page.$eval('.shell', (el) => (el as HTMLElement).innerText);
      expect(text, `Alt+${n}`).not.toMatch(ISO);
    }
  });

  it('F1 lists every shortcut the screens handle', async () => {
    const { page } = host;
    await page.keyboard.press('F1');
    const text = (await page.textContent('[data-testid="shortcuts"]'))!.replace(/\s+/g, '');
    for (const k of ['F1', 'F2', 'F9', 'Ctrl+P', 'Ctrl+Shift+P', 'Alt+B', 'Alt+T', 'Alt+F', 'Alt+S', 'Alt+K', 'Alt+N', 'Alt+L', 'Ctrl+Enter', 'Alt+1', 'Alt+6', 'Esc']) expect(text).toContain(k);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-help.png') });
    await page.keyboard.press('Escape');
  });

  const asCp1252 = (s: string) => {
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    return [...Buffer.from(s, 'utf8')].map((b) => (b >= 0x80 && b <= 0x9f ? high[b - 0x80]! : String.fromCharCode(b))).join('');
  };
  const CARD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

  it('a card QR read in the wrong code page fills the right name and asks for a check against the card', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Escape');
    pty.send(Buffer.from(`${asCp1252(CARD)}\r`, 'utf8'));
    await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
    await page.waitForSelector('[data-testid="scan-warning"]:has-text("bảng mã")');
  });

  it('one that cannot be repaired, or a cut-off one, is refused on screen and fills nothing', async () => {
    const { page } = host;
    await page.keyboard.press('Escape');
    pty.send(Buffer.from(`${asCp1252(CARD).replace('»…', '»')}\r`, 'utf8'));
    await page.waitForSelector('[data-testid="intake-errors"]:has-text("bảng mã")');
    expect(await page.inputValue('input[name="ChuHoSo"]')).toBe('');
    expect(await page.$('[data-testid="intake-notice"]')).toBeNull();
    await page.keyboard.press('Escape');
    pty.send('001090123456|012345678|Nguyễn Văn\r');
    await page.waitForSelector('[data-testid="intake-errors"]:has-text("thiếu dữ liệu")');
    expect(await page.inputValue('input[name="ChuHoSo"]')).toBe('');
  });

  it('a card QR typed by a wedge too slowly to be caught, into the procedure box, is read as the card on Enter', async () => {
    const { page } = host;
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'procedure');
    // Slower than the detector's gap between keys: the text lands in the box, as with a slow scanner.
    await page.keyboard.type(CARD, { delay: 45 });
    expect(await page.inputValue('input[name="procedure"]')).toBe(CARD);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
    expect(await page.inputValue('input[name="procedure"]')).toBe('');
    expect(await page.$('[data-testid="intake-errors"]')).toBeNull();
  });

  it('fast typing into the password field is typing, not a scan', async () => {
    const { page } = host;
    await page.click('.top-bar button');
    await page.waitForSelector('form.login');
    // Keys dispatched back to back, as a password manager or a scanner sends them: whether the final
    // Enter was taken (prevented) by the scanner detector.
    const takenForScan = (name: string) =>
      page.$eval(`input[name="${name}"]`, (el) => {
        (el as HTMLInputElement).focus();
        for (const key of 'Abcdefgh-12345') el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
        el.dispatchEvent(enter);
        return enter.defaultPrevented;
      });
    // The same burst in a text field is a scan: the detector is watching this screen.
    expect(await takenForScan('username')).toBe(true);
    expect(await takenForScan('password')).toBe(false);
    await page.fill('input[name="username"]', ADMIN.username);
    await page.click('input[name="password"]');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('nav button[data-section]');
  });
});

describe('the first-run setup form at 1366×768', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ login: false, viewport: { width: 1366, height: 768 } });
    // A PC without a province: the first-run screen leads to the local setup form.
    await host.page.click('[data-testid="setup-other"]');
    await host.page.waitForSelector('form.login');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('a refused field is named in plain words, marked, focused and in view', async () => {
    const { page } = host;
    await page.fill('input[name="setupUnitCode"]', '000.00.01.H22');
    await page.fill('input[name="setupUnitName"]', 'UBND xã Tân Phú');
    await page.fill('input[name="setupCounter"]', 'Q01');
    await page.fill('input[name="setupFullName"]', 'Quản Trị Viên');
    await page.fill('input[name="username"]', 'ab');
    await page.fill('input[name="password"]', 'mat-khau-quan-tri');
    await page.$eval('input[name="setupUnitCode"]', (el) => el.scrollIntoView());
    await page.click('form.login button[type="submit"]');
    await page.waitForSelector('[data-testid="login-error"]');
    const text = (await page.textContent('[data-testid="login-error"]'))!;
    expect(text).toContain('Tên đăng nhập: Cần ít nhất 3 ký tự.');
    expect(text).not.toMatch(INTERNAL);
    expect(await page.getAttribute('input[name="username"]', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
    await expect
      .poll(() => page.$eval('input[name="username"]', (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }))
      .toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-setup-refused.png') });
  });
});

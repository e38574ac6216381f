import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { typeAsOfficer } from '../helpers/keyboard';
import { tool } from '../helpers/tools';
import { lastPrinted, printCalls, stubPrint, viewerLeftovers } from '../helpers/print-view';
import { clearFiles } from '../helpers/clear-files';
import { vietnamDate } from '../../electron/common/domain/time';
import { writeSetting } from '../../electron/node/settings/settings-repo';
import { ptyPair, type PtyPair } from '../helpers/pty';
import { UNIT } from '../helpers/intake';

type Host = Awaited<ReturnType<typeof startTestHost>>;
const CCCD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

describe('intake at the counter, end to end (Chromium host + scanner on a real pty)', () => {
  let host: Host;
  let pty: PtyPair;
  let actions = 0;

  beforeAll(async () => {
    host = await startTestHost();
    await stubPrint(host.page);
    pty = await ptyPair(host.dataDir, 'scanner');
    await host.page.waitForSelector('nav button[data-section]');
    const { page } = host;
    const unit = await page.evaluate((u) => window.motcua['unit.set'](u), UNIT);
    expect(unit.ok).toBe(true);
    const dev = await page.evaluate(
      (path) =>
        window.motcua['devices.setScanner']({
          config: { path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, suffix: 'CR', interByteTimeoutMs: 50 },
        }),
      pty.appPath,
    );
    expect(dev.ok).toBe(true);
  });
  /** A fresh form, the card scanned on the serial port, and "khai sinh" picked with the keyboard. */
  const newDossierFromScan = async () => {
    const { page } = host;
    await page.keyboard.press('Escape');
    pty.send(`${CCCD}\r`);
    await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active');
    await page.keyboard.press('Enter');
  };
  afterAll(async () => {
    await host?.close();
    await pty?.close();
    host?.cleanupDir();
  });

  /**
   * Holds back the answers to catalog.search for the queries `held` picks, as a loaded machine
   * would, until `release`; counts them asked and answered. `restore` puts the dispatcher back.
   */
  function holdCatalog(held: (query: string) => boolean) {
    const { dispatcher } = host.services;
    const dispatch = dispatcher.dispatch.bind(dispatcher);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const o = {
      asked: 0,
      answered: 0,
      release: () => open(),
      restore: () => {
        open();
        dispatcher.dispatch = dispatch;
      },
    };
    dispatcher.dispatch = async (sender, channel, input) => {
      const query = (input as { query?: unknown } | null)?.query;
      if (channel !== 'catalog.search' || typeof query !== 'string' || !held(query)) return dispatch(sender, channel, input);
      o.asked++;
      await gate;
      const r = await dispatch(sender, channel, input);
      o.answered++;
      return r;
    };
    return o;
  }

  it('the scanner on the pty connects', async () => {
    await expect
      .poll(async () => {
        const r = await host.page.evaluate(() => window.motcua['devices.state']({}));
        return r.ok ? r.value.scanner : r.error.code;
      })
      .toBe('connected');
  });

  it('a CCCD QR arriving on the serial port fills the applicant', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.waitForSelector('input[name="procedure"]');
    pty.send(`${CCCD}\r`);
    await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
    expect(await page.inputValue('input[name="SoGiayToChuHoSo"]')).toBe('001090123456');
    // The card's 01011990 shown as a Vietnamese counter reads a date.
    expect(await page.inputValue('input[name="NgaySinhChuHoSo"]')).toBe('01/01/1990');
    expect(await page.inputValue('select[name="GioiTinhChuHoSo"]')).toBe('Nam');
    expect(await page.inputValue('input[name="DiaChiChuHoSo"]')).toContain('Bến Nghé');
  });

  it('the officer picks the procedure and saves with the keyboard alone; the receipt PDF exists', async () => {
    const { page } = host;
    // The picker has focus after the scan. Each keyboard.type/press below is one officer action.
    await typeAsOfficer(page, 'khai sinh');
    actions++;
    await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
    await page.keyboard.press('Enter');
    actions++;
    await page.waitForSelector('[data-testid="due-preview"]');
    // Nothing is ticked for the officer: the checklist has the focus, and Alt+K certifies every required paper seen.
    expect(await page.$$eval('[data-testid="documents"] input:checked', (els) => els.length)).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="documents"]') !== null)).toBe(true);
    await page.keyboard.press('Alt+k');
    actions++;
    expect(await page.$$eval('[data-testid="documents"] input:checked', (els) => els.length)).toBe(3);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('save');
    await page.keyboard.press('Enter');
    actions++;
    await page.waitForSelector('[data-testid="saved-code"]');
    const code = (await page.textContent('[data-testid="saved-code"]'))!.trim();
    expect(code).toMatch(/^000\.00\.01\.H22-\d{6}-9001$/);
    await page.keyboard.press('Control+p');
    actions++;
    // The first receipt of a run renders cold (fonts, PDF worker): seconds on a loaded machine, not expect.poll's 1 s.
    await page.waitForSelector('[data-testid="intake-notice"]:has-text("hộp thoại in")', { timeout: 30_000 });
    expect(host.printed).toHaveLength(1);
    // The print view got the kept receipt itself, which stays sealed on disk: its bytes went over IPC, unsealed in memory.
    const detail = await host.services.intake.detail(code);
    expect(host.printed[0]).toBe(detail?.receiptPath);
    expect(readFileSync(host.printed[0]!).subarray(0, 4).toString('latin1')).not.toBe('%PDF');
    const receipt = await lastPrinted(host);
    try {
      // Mẫu 01 names the officer who received it: the one signed in at this counter.
      expect(tool('pdftotext', ['-layout', receipt.path, '-']).stdout).toContain(ADMIN.fullName);
      const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [receipt.path]).stdout)![1]);
      // window.print ran once, with every page of the receipt drawn at print resolution at its A5 size.
      const calls = await printCalls(page);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ sheets: pages, drawn: pages });
      expect(calls[0]!.sizes[0]).toMatchObject({ w: expect.stringMatching(/^419\.\d+pt$/), h: expect.stringMatching(/^595\.\d+pt$/) });
      expect(calls[0]!.sizes[0]!.px[0]).toBeGreaterThanOrEqual(1400); // 148 mm at 250 dpi
    } finally {
      receipt.cleanup();
    }
    // The dialog closed, the view went; nothing clear was written for the print, anywhere in the data directory.
    await page.waitForSelector('[data-testid="print-view"]', { state: 'detached' });
    expect(viewerLeftovers(host)).toBe(false);
    expect(clearFiles(host.dataDir, ['001090123456', 'Nguyễn Văn Đức'])).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-saved.png') });
    expect(actions).toBeLessThanOrEqual(6);
    process.stdout.write(`officer actions after the scan for a standard dossier: ${actions}\n`);
  });

  it("the dossier shows in today's table and is found by an unaccented name", async () => {
    const { page } = host;
    await page.waitForSelector('[data-testid="today-table"] td:has-text("Nguyễn Văn Đức")');
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', 'nguyen van duc');
    await page.waitForSelector('[data-testid="search-results"] td:has-text("Nguyễn Văn Đức")');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dossier-search.png') });
  });

  it('a malformed QR gives a precise Vietnamese message and fills nothing', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Escape');
    pty.send('001090123456|012345678|Lê Văn B|31021990|Nam|x|15042021\r');
    await page.waitForSelector('[data-testid="intake-errors"]:has-text("Ngày sinh")');
    expect(await page.inputValue('input[name="ChuHoSo"]')).toBe('');
  });

  it('a missing required document is explained, and Mẫu 02 records nothing as received', async () => {
    const { page } = host;
    await newDossierFromScan();
    await page.waitForSelector('[data-testid="documents"]');
    await page.keyboard.press('Alt+k');
    await page.click('[data-testid="documents"] li:has-text("Giấy chứng sinh") input');
    await page.click('[data-testid="save"]');
    await page.waitForSelector('[data-testid="intake-errors"]:has-text("Mẫu 02")');
    const before = (await host.services.intake.ofDay(vietnamDate(new Date()))).length;
    await page.keyboard.press('Alt+b');
    await page.waitForSelector('[role="dialog"] textarea');
    expect(await page.inputValue('[role="dialog"] textarea')).toContain('Giấy chứng sinh');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="intake-notice"]:has-text("Mẫu 02")');
    expect((await host.services.intake.ofDay(vietnamDate(new Date()))).length).toBe(before);
  });

  it('an expired card is flagged while it is at the counter and on the saved dossier, which is received all the same', async () => {
    const { page } = host;
    await page.keyboard.press('Escape');
    // Issued at 20 (01/01/2010): renewal was due at 25, on 01/01/2015 (Luật Căn cước 2023, Điều 21).
    pty.send('001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|01012010\r');
    await page.waitForSelector('[data-testid="applicant-warnings"]:has-text("hết hạn")');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="due-preview"]');
    await page.keyboard.press('Alt+k');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="saved-warnings"]:has-text("01/01/2015")');
    const code = (await page.textContent('[data-testid="saved-code"]'))!.trim();
    expect((await host.services.intake.detail(code))?.applicantName).toBe('Nguyễn Văn Đức');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-card-warning.png') });
    // Back to an empty form, as the next officer at the counter finds it, typing into the picker.
    await page.keyboard.press('Escape');
    await page.waitForSelector('input[name="procedure"]');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('procedure');
    expect(await page.inputValue('input[name="procedure"]')).toBe('');
  });

  it("a catalog answer arriving after Enter chose the procedure reopens no list, and Esc after saving gives a blank form with the picker focused", async () => {
    const { page } = host;
    // The answer to the whole text is held back until the procedure is chosen, as on a loaded machine.
    const hold = holdCatalog((q) => q === 'khai sinh');
    try {
      await page.keyboard.press('Escape');
      pty.send(`${CCCD}\r`);
      await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
      await typeAsOfficer(page, 'khai sin');
      await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
      await typeAsOfficer(page, 'h');
      await expect.poll(() => hold.asked).toBe(1);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="due-preview"]');
      hold.release();
      await expect.poll(() => hold.answered).toBe(1);
      // One more round trip to the page: the late answer has reached the renderer by now.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      expect(await page.locator('#procedure-list').count()).toBe(0);
      await page.keyboard.press('Alt+k');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="saved-code"]');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('procedure');
      expect(await page.inputValue('input[name="procedure"]')).toBe('');
      expect(await page.inputValue('input[name="ChuHoSo"]')).toBe('');
    } finally {
      hold.restore();
    }
  });

  it('Enter typed before the list catches up chooses what the field says, not the line left from shorter text', async () => {
    const { page } = host;
    // Every answer to text past "khai" is held back, as on a loaded machine: the list on screen still answers "khai".
    const hold = holdCatalog((q) => q.startsWith('khai '));
    try {
      await page.keyboard.press('Escape');
      await page.focus('input[name="procedure"]');
      await typeAsOfficer(page, 'khai');
      // The shorter name ranks first for "khai": the line a stale Enter would take.
      await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai tử")');
      await typeAsOfficer(page, ' sinh');
      await expect.poll(() => hold.asked).toBeGreaterThanOrEqual(1);
      await page.keyboard.press('Enter');
      // Nothing is chosen from the stale line while the answer for "khai sinh" is on its way.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      expect(await page.locator('[data-testid="due-preview"]').count()).toBe(0);
      hold.release();
      await page.waitForSelector('[data-testid="due-preview"]');
      expect(await page.inputValue('input[name="procedure"]')).toBe('Đăng ký khai sinh');
    } finally {
      hold.restore();
      await page.keyboard.press('Escape');
    }
  });

  it('when sync is overdue a supervisor — a second person — permits the dossier in a dialog', async () => {
    const { page } = host;
    await host.services.store.exec('stale', (db) => {
      writeSetting(db, 'sync.apiUrl', 'http://127.0.0.1:9');
      writeSetting(db, 'sync.lastSuccessAt', '2020-01-01T08:00:00+07:00');
    });
    const sup = await page.evaluate(() =>
      window.motcua['officer.add']({ officerId: 'gs01', username: 'giamsat', fullName: 'Lê Giám Sát', roles: ['supervisor'], password: 'mat-khau-giam-sat' }),
    );
    expect(sup.ok).toBe(true);
    await newDossierFromScan();
    await page.waitForSelector('[data-testid="due-preview"]');
    await page.keyboard.press('Alt+k');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="override-dialog"]');
    // The officer at the counter cannot permit their own dossier.
    await page.fill('[data-testid="override-supervisor"]', ADMIN.username);
    await page.fill('[data-testid="override-password"]', ADMIN.password);
    await page.fill('[data-testid="override-reason"]', 'Mạng tỉnh đang bảo trì');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="override-error"]:has-text("giám sát khác")');
    expect(await page.inputValue('[data-testid="override-password"]')).toBe('');
    await page.fill('[data-testid="override-supervisor"]', 'giamsat');
    await page.fill('[data-testid="override-password"]', 'mat-khau-giam-sat');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="saved-code"]');
    const code = (await page.textContent('[data-testid="saved-code"]'))!.trim();
    const row = await host.services.store.exec('audit', (db) => db.prepare("SELECT actor, subject, details FROM audit_log WHERE action = 'sync.override'").get() as { actor: string; subject: string; details: string });
    expect(row).toMatchObject({ actor: `admin-${ADMIN.username}`, subject: code });
    expect(JSON.parse(row.details)).toMatchObject({ supervisorId: 'gs01' });
  });
});

import { typeAsOfficer } from '../helpers/keyboard';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../electron/common/domain/time';
import { ADMIN, SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { UNIT } from '../helpers/intake';
import { ptyPair, type PtyPair } from '../helpers/pty';

type Host = Awaited<ReturnType<typeof startTestHost>>;
const CCCD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `citizen-display-${name}.png`) });

describe('the citizen display through a full dossier (Chromium host: a second window, touch and a serial keypad)', () => {
  let host: Host;
  let scanner: PtyPair;
  let keypad: PtyPair;
  let display: Page;
  const codes: string[] = [];

  beforeAll(async () => {
    host = await startTestHost({ display: true });
    scanner = await ptyPair(host.dataDir, 'scanner');
    keypad = await ptyPair(host.dataDir, 'keypad');
    const { page } = host;
    expect((await page.evaluate((u) => window.motcua['unit.set'](u), UNIT)).ok).toBe(true);
    const scan = { path: scanner.appPath, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, suffix: 'CR', interByteTimeoutMs: 50 } as const;
    expect((await page.evaluate((config) => window.motcua['devices.setScanner']({ config }), scan)).ok).toBe(true);
    const cfg = await page.evaluate((keypadPath) => window.motcua['display.setConfig']({ enabled: true, keypadPath }), keypad.appPath);
    expect(cfg.ok && cfg.value.keypadPath).toBe(keypad.appPath);
    display = host.displayPage!;
    expect(display).toBeTruthy();
  });
  afterAll(async () => {
    await host?.close();
    await scanner?.close();
    await keypad?.close();
    host?.cleanupDir();
  });

  /** The officer's keyboard-only intake of a standard dossier, up to (not including) the save. */
  const draftDossier = async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Escape');
    scanner.send(`${CCCD}\r`);
    await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="due-preview"]');
    await page.keyboard.press('Alt+k');
  };
  const save = async () => {
    await host.page.keyboard.press('Enter');
    await host.page.waitForSelector('[data-testid="saved-code"]');
    const code = (await host.page.textContent('[data-testid="saved-code"]'))!.trim();
    codes.push(code);
    return code;
  };

  it('opens as a second window on the app origin, greeting the citizen', async () => {
    expect(display.url()).toBe(`${host.origin}/display.html`);
    expect(display).not.toBe(host.page);
    await display.waitForSelector('[data-testid="display-idle"]');
    // The bundled Noto Sans, not whatever the PC has: Vietnamese marks land on their letters everywhere.
    expect(await display.evaluate(() => getComputedStyle(document.body).fontFamily)).toBe('"Noto Sans", sans-serif');
    const loaded = await display.evaluate(async () => {
      await document.fonts.ready;
      const faces: string[] = [];
      document.fonts.forEach((f) => {
        if (f.status === 'loaded') faces.push(`${f.family.replace(/"/g, '')} ${f.weight}`);
      });
      return faces;
    });
    expect(loaded).toContain('Noto Sans 400');
    await shot(display, '1-idle');
  });

  it('shows what the officer records, in large type, with the ID number masked', async () => {
    await draftDossier();
    await display.waitForSelector('[data-testid="display-draft"] [data-testid="display-documents"] li:nth-child(3)');
    expect(await display.textContent('[data-testid="display-name"]')).toBe('Nguyễn Văn Đức');
    expect(await display.textContent('[data-testid="display-id"]')).toBe('••••••••3456');
    expect(await display.textContent('[data-testid="display-procedure"]')).toContain('Đăng ký khai sinh');
    expect(await display.$$eval('[data-testid="display-documents"] li', (els) => els.length)).toBe(3);
    expect(await display.textContent('[data-testid="display-fees"]')).toMatch(/Không có|\d đ/);
    // The due date the officer sees in the preview, dd/mm/yyyy HH:mm.
    const due = (await display.textContent('[data-testid="display-due"]'))!;
    expect(due).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$|^\d{2}\/\d{2}\/\d{4}/);
    expect(await host.page.textContent('[data-testid="due-preview"]')).toContain(due.match(/\d{2}\/\d{2}\/\d{4}/)![0]);
    // The whole card number never reaches the citizen's window.
    expect(await display.content()).not.toContain('001090123456');
    const px = await display.$eval('[data-testid="display-name"]', (el) => parseFloat(getComputedStyle(el).fontSize));
    expect(px).toBeGreaterThanOrEqual(28);
    // A counter display's labels: Vietnamese first and large, English smaller beneath; the citizen's data in one language only.
    const title = await display.$eval('[data-testid="display-draft"] h1', (h) => ({
      vi: h.querySelector('[lang="vi"]')?.textContent,
      en: h.querySelector('[lang="en"]')?.textContent,
      viPx: parseFloat(getComputedStyle(h.querySelector('[lang="vi"]')!).fontSize),
      enPx: parseFloat(getComputedStyle(h.querySelector('[lang="en"]')!).fontSize),
      order: h.firstElementChild?.getAttribute('lang'),
    }));
    expect(title).toMatchObject({ vi: 'Xin quý khách kiểm tra thông tin hồ sơ', en: 'Please check your dossier details', order: 'vi' });
    expect(title.enPx).toBeLessThan(title.viPx);
    expect(await display.textContent('[data-testid="display-draft"] .hint [lang="en"]')).toBe('If anything is wrong, please tell the officer before the dossier is saved.');
    for (const id of ['display-name', 'display-id', 'display-procedure', 'display-documents']) {
      expect(await display.$$eval(`[data-testid="${id}"] [lang="en"]`, (els) => els.length)).toBe(0);
    }
    await shot(display, '2-draft');
  });

  it('the draft fits the screen it is on: no scrolling on a 768-pixel display, type stepped down on a smaller one', async () => {
    const fits = () =>
      display.evaluate(() => ({
        overflow: document.documentElement.scrollHeight - window.innerHeight,
        scale: Number(document.documentElement.dataset.fit),
        namePx: parseFloat(getComputedStyle(document.querySelector('[data-testid="display-name"]')!).fontSize),
        dueVisible: document.querySelector('[data-testid="display-due"]')!.getBoundingClientRect().bottom <= window.innerHeight,
      }));
    const original = display.viewportSize();
    try {
      await display.setViewportSize({ width: 1366, height: 768 });
      await display.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight);
      const full = await fits();
      expect(full).toMatchObject({ dueVisible: true });
      expect(full.overflow).toBeLessThanOrEqual(0);
      // A small second monitor: the same draft at 1024 × 600 still shows the due date, in smaller but legible type.
      await display.setViewportSize({ width: 1024, height: 600 });
      await display.waitForFunction((before) => Number(document.documentElement.dataset.fit) < before, full.scale);
      const small = await fits();
      expect(small.overflow).toBeLessThanOrEqual(0);
      expect(small.dueVisible).toBe(true);
      expect(small.namePx).toBeGreaterThanOrEqual(19);
      await shot(display, '2b-draft-1024x600');
    } finally {
      if (original) await display.setViewportSize(original);
    }
  });

  it('after the save shows the code, the due date and the rating prompt; a touch on 5 is stored and the officer sees it', async () => {
    const code = await save();
    await display.waitForSelector(`[data-testid="display-code"]:has-text("${code}")`);
    await display.waitForSelector('[data-testid="display-rating"] button[data-rating="5"]');
    expect(await display.textContent('[data-testid="display-saved-due"]')).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(await display.textContent('[data-testid="display-rating"] h2 [lang="vi"]')).toBe('Quý khách có hài lòng với việc tiếp nhận hồ sơ?');
    expect(await display.textContent('[data-testid="display-rating"] h2 [lang="en"]')).toBe('Are you satisfied with how your dossier was received?');
    expect(await display.textContent('[data-testid="display-rating"] button[data-rating="5"] [lang="en"]')).toBe('Very satisfied');
    await shot(display, '3-saved-prompt');
    await display.click('[data-testid="display-rating"] button[data-rating="5"]');
    await display.waitForSelector('[data-testid="display-thanks"]:has-text("5/5")');
    await host.page.waitForSelector('[data-testid="citizen-rated"]:has-text("Công dân đã đánh giá")');
    await shot(display, '4-thanks');
    await host.page.screenshot({ path: join(SCREENSHOT_DIR, 'citizen-display-officer-rated.png') });
    const row = await host.services.store.exec('t', (db) => db.prepare('SELECT * FROM dossier_ratings WHERE ma_ho_so = ?').get(code) as Record<string, unknown>);
    expect(row).toMatchObject({ ma_ho_so: code, rating: 5, counter_id: UNIT.counterId, source: 'touch' });
    const audit = await host.services.store.exec('t', (db) => db.prepare("SELECT subject, details FROM audit_log WHERE action = 'display.rating'").all() as Array<{ subject: string; details: string }>);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject).toBe(code);
    expect(audit[0]!.details).not.toMatch(/Nguyễn|001090123456/);
  });

  it('the display window sees its two channels only, and the officer window cannot rate', async () => {
    // Its own init script: window.motcua there has the display's channels and event, nothing else.
    expect(await display.evaluate(() => Object.keys(window.motcua).sort())).toEqual(['display.rate', 'display.state', 'on']);
    expect(await display.evaluate(() => Object.isFrozen(window.motcua))).toBe(true);
    // No way to name another channel: not on the object, not addable, and the host's raw bindings are gone.
    const reach = await display.evaluate(() => {
      const m = window.motcua as unknown as Record<string, unknown>;
      try {
        m['dossier.search'] = () => 'x';
      } catch {
        /* frozen: strict-mode assignment throws */
      }
      const g = globalThis as unknown as Record<string, unknown>;
      return { search: typeof m['dossier.search'], show: typeof m['display.show'], invoke: typeof g.__motcuaInvoke, events: typeof g.__motcuaNextEvents };
    });
    expect(reach).toEqual({ search: 'undefined', show: 'undefined', invoke: 'undefined', events: 'undefined' });
    // Subscribing to an officer's event is a no-op; the app window keeps the whole API.
    expect(await display.evaluate(() => typeof (window.motcua.on as (e: string, cb: () => void) => unknown)('scan.received', () => undefined))).toBe('function');
    expect(await host.page.evaluate(() => typeof window.motcua['dossier.search'])).toBe('function');
    const rate = await host.page.evaluate(() => window.motcua['display.rate']({ rating: 1 }));
    expect(rate.ok ? 'ok' : rate.error.message).toContain('cửa sổ này không được dùng');
    const bad = await display.evaluate(() => window.motcua['display.rate']({ rating: 9 }));
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_input');
  });

  it('a second dossier is rated on the serial keypad; noise on the line is ignored', async () => {
    await draftDossier();
    await display.waitForSelector('[data-testid="display-draft"]');
    const code = await save();
    await display.waitForSelector(`[data-testid="display-code"]:has-text("${code}")`);
    keypad.send('9\r');
    keypad.send('2\r');
    await display.waitForSelector('[data-testid="display-thanks"]:has-text("2/5")');
    await host.page.waitForSelector('[data-testid="citizen-rated"]:has-text("2/5")');
    await shot(display, '5-keypad-thanks');
    const row = await host.services.store.exec('t', (db) => db.prepare('SELECT rating, source FROM dossier_ratings WHERE ma_ho_so = ?').get(code));
    expect(row).toEqual({ rating: 2, source: 'keypad' });
  });

  it("the supervisor's report counts the ratings: 1 of 2 satisfied", async () => {
    const { page } = host;
    const r = await page.evaluate((date) => window.motcua['report.daily']({ date, counterId: null }), vietnamDate(new Date()));
    expect(r.ok && r.value.satisfaction).toEqual({ counts: [0, 1, 0, 0, 1], total: 2, satisfied: 1, satisfiedPct: 50 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+5');
    // Written as the 766 rate is ("50%"), and red: below the provinces' 90% target.
    await page.waitForSelector('[data-testid="satisfaction-pct"]:has-text("Hài lòng (4–5): 50% trên 2 lượt đánh giá (mục tiêu ≥ 90%)")');
    expect(await page.getAttribute('[data-testid="satisfaction-pct"]', 'class')).toBe('overdue');
    expect(await page.textContent('[data-testid="satisfaction-counts"]')).toBe('01001');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'citizen-display-report.png'), fullPage: true });
  });

  it('sign-out and the idle lock blank the display: the last draft is never left on the citizen\'s screen', async () => {
    const { page } = host;
    await draftDossier();
    await display.waitForSelector('[data-testid="display-draft"] [data-testid="display-name"]:has-text("Nguyễn Văn Đức")');
    await page.click('button:has-text("Đăng xuất")');
    await page.waitForSelector('form.login');
    await display.waitForSelector('[data-testid="display-idle"]');
    expect(await display.content()).not.toContain('Nguyễn Văn Đức');
    await shot(display, '6-after-sign-out');

    expect((await page.evaluate((a) => window.motcua['auth.login']({ username: a.username, password: a.password }), ADMIN)).ok).toBe(true);
    await page.waitForSelector('nav button[data-section]');
    await draftDossier();
    await display.waitForSelector('[data-testid="display-draft"] [data-testid="display-name"]:has-text("Nguyễn Văn Đức")');
    // The renderer's idle timer ends in auth.lock: the same blank screen.
    expect((await page.evaluate(() => window.motcua['auth.lock']({}))).ok).toBe(true);
    await display.waitForSelector('[data-testid="display-idle"]');
    expect(await display.content()).not.toContain('Nguyễn Văn Đức');
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../renderer/src/sections';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';

type Host = Awaited<ReturnType<typeof startTestHost>>;

describe('app shell in Chromium through the host', () => {
  let host: Host;
  let online = true;

  beforeAll(async () => {
    host = await startTestHost({ online: () => online });
    await host.page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('visits every section by click and by Alt+N, with a screenshot of each', async () => {
    const { page } = host;
    for (const [i, s] of SECTIONS.entries()) {
      await page.click(`nav button[data-section="${s}"]`);
      await page.waitForSelector(`[data-testid="section-${s}"]`);
      expect(await page.getAttribute(`nav button[data-section="${s}"]`, 'aria-current')).toBe('page');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `shell-${i + 1}-${s}.png`) });
    }
    for (const [i, s] of SECTIONS.entries()) {
      await page.keyboard.press(`Alt+${i + 1}`);
      await page.waitForSelector(`[data-testid="section-${s}"]`);
    }
    expect(await page.textContent('h1')).toBe('Cài đặt');
  });

  it('makes a real round trip through the contract: app.info returns the DB version and data dir', async () => {
    const info = await host.page.evaluate(() => window.motcua['app.info']({}));
    expect(info.ok).toBe(true);
    if (!info.ok) return;
    expect(info.value.dataDir).toBe(host.dataDir);
    expect(info.value.dbVersion).toBeGreaterThanOrEqual(1);
    expect(info.value.host).toBe('chromium-host');
    await host.page.keyboard.press('Alt+6');
    expect(await host.page.textContent('[data-testid="data-dir"]')).toBe(host.dataDir);
  });

  it('rejects a malformed call from the page with a typed error', async () => {
    const r = await host.page.evaluate(() => (window.motcua['unit.set'] as (x: unknown) => Promise<unknown>)({ unitCode: 42 }));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('saves the unit from the settings form with the keyboard and shows it in the status bar', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+6');
    await page.fill('input[name="unitCode"]', '000.00.01.h22');
    await page.fill('input[name="unitName"]', 'UBND xã Tân Phú');
    await page.fill('input[name="counterId"]', 'Q01');
    await page.fill('input[name="offlineBlock"]', '9001-9200');
    await page.press('input[name="offlineBlock"]', 'Enter');
    await page.waitForSelector('text=Đã lưu thông tin đơn vị.');
    expect(await page.textContent('[data-testid="status-unit"]')).toContain('UBND xã Tân Phú (000.00.01.H22)');
    expect(await page.textContent('[data-testid="status-counter"]')).toContain('Q01');
    const stored = await host.services.store.getUnitIdentity();
    expect(stored?.offlineBlock).toEqual({ from: 9001, to: 9200 });
  });

  it('shows a Vietnamese error for a bad offline block and saves nothing', async () => {
    const { page } = host;
    await page.fill('input[name="offlineBlock"]', '12-ab');
    await page.press('input[name="offlineBlock"]', 'Enter');
    expect(await page.textContent('[role="alert"]')).toContain('Khối số ngoại tuyến');
    expect((await host.services.store.getUnitIdentity())?.offlineBlock).toEqual({ from: 9001, to: 9200 });
  });

  it('runs the system check from settings', async () => {
    await host.page.click('button:text-is("Kiểm tra")');
    await host.page.waitForSelector('[data-testid="doctor-table"]');
    expect(await host.page.textContent('[data-testid="doctor-table"]')).toContain('Cơ sở dữ liệu');
  });

  it('the status bar follows the real sync.state event when the network drops and returns', async () => {
    const { page, services } = host;
    online = false;
    await services.monitor.check();
    await page.waitForSelector('[data-testid="status-sync"]:has-text("Mất kết nối")');
    online = true;
    await services.monitor.check();
    await page.waitForSelector('[data-testid="status-sync"]:has-text("Trực tuyến")');
  });

  it('F1 shows the keyboard shortcuts and Esc closes them', async () => {
    const { page } = host;
    await page.keyboard.press('F1');
    await page.waitForSelector('[role="dialog"]');
    const text = await page.textContent('[role="dialog"]');
    expect(text).toContain('Phím tắt');
    expect(text).toContain('Tiếp nhận');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'shell-help.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="dialog"]', { state: 'detached' });
  });

  it('switches to English and back', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+6');
    await page.click('button[role="radio"]:has-text("English")');
    await page.waitForSelector('nav button[data-section="intake"]:has-text("Intake")');
    await page.click('button[role="radio"]:has-text("Tiếng Việt")');
    await page.waitForSelector('nav button[data-section="intake"]:has-text("Tiếp nhận")');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('runs in one Vietnamese app window: vi-VN locale, d/m/yyyy dates, the app title and icon, no translation', async () => {
    const { page, context } = host;
    const seen = await page.evaluate(async () => {
      const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
      const res = icon ? await fetch(icon.href) : null;
      const bytes = res ? new Uint8Array(await res.arrayBuffer()) : new Uint8Array();
      return {
        language: navigator.language,
        date: new Intl.DateTimeFormat().format(new Date(2026, 0, 2)),
        title: document.title,
        iconType: res?.headers.get('content-type') ?? null,
        iconMagic: String.fromCharCode(...bytes.slice(1, 4)),
      };
    });
    expect(seen).toEqual({ language: 'vi-VN', date: '2/1/2026', title: 'Một Cửa Desk', iconType: 'image/png', iconMagic: 'PNG' });
    expect(context.pages()).toHaveLength(1);
    expect(context.pages()[0]).toBe(page);
    // The app switches to English pages too: Chromium must not offer to translate them.
    const prefsPage = await context.newPage();
    try {
      await prefsPage.goto('chrome://prefs-internals');
      const prefs = JSON.parse(await prefsPage.innerText('body')) as { translate: { enabled: { value: unknown } } };
      expect(prefs.translate.enabled.value).toBe(false);
    } finally {
      await prefsPage.close();
    }
  });
});

describe('renderer isolation in the host (checklist 2, 3, 7, 17, 20)', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost();
    await host.page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('the page sees window.motcua and nothing of Node or the bindings', async () => {
    const seen = await host.page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      ipcRenderer: typeof (globalThis as Record<string, unknown>).ipcRenderer,
      invoke: typeof (globalThis as Record<string, unknown>).__motcuaInvoke,
      keys: Object.keys(window.motcua).sort(),
    }));
    expect(seen.require).toBe('undefined');
    expect(seen.process).toBe('undefined');
    expect(seen.ipcRenderer).toBe('undefined');
    expect(seen.invoke).toBe('undefined');
    expect(seen.keys).toContain('app.info');
    expect(seen.keys).toContain('on');
  });

  it('the CSP blocks inline script', async () => {
    const result = await host.page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = '(window as any).__pwned = 1';
          document.body.appendChild(s);
          // Only the fallback when no violation comes; generous so a busy renderer cannot fake a pass or a failure.
          setTimeout(() => resolve('no violation'), 10_000);
        }),
    );
    expect(result).toMatch(/script-src/);
    expect(await host.page.evaluate(() => (window as unknown as Record<string, unknown>).__pwned)).toBeUndefined();
  });

  it('a call from an iframe is refused by the sender check', async () => {
    const r = await host.page.evaluate(async () => {
      // frame-ancestors 'none' keeps our own page out of frames, so the attacker here is a
      // same-origin srcdoc frame that got the binding injected like any frame does.
      const f = document.createElement('iframe');
      f.srcdoc = '<p>frame</p>';
      document.body.appendChild(f);
      await new Promise((res) => f.addEventListener('load', res, { once: true }));
      const w = f.contentWindow as unknown as { motcua?: typeof window.motcua };
      if (!w.motcua) throw new Error('the bridge was not injected into the frame: this test would prove nothing');
      return w.motcua['app.info']({});
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_sender' } });
  });

  it('requests that leave the app origin never reach the network', async () => {
    const r = await host.page.evaluate(() => fetch('https://example.com/').then(() => 'reached', () => 'blocked'));
    expect(r).toBe('blocked');
  });
});

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { vnDateTime } from '../../electron/common/domain/vn-format';
import { NO_FAULTS } from '../reference-server/faults';
import { SCREENSHOT_DIR } from '../helpers/host';
import { provinceHostSuite, type Host, type Server } from '../helpers/province-host';

/**
 * Issue #16: after F9 the sync panel says why the run left items behind (its first failure, keyed
 * and worded in the officer's language) and, for each waiting item, its reason and when it goes again.
 */
describe('the sync panel after F9 against a busy province (503): the reason and the next retry time', () => {
  const suite = provinceHostSuite('motcua-e2e-sync-reasons-');
  let host: Host;
  let server: Server;
  beforeAll(() => {
    ({ host, server } = suite);
    // Every call but the session's (token, sign-in) meets a 503 whose Retry-After (an hour) puts
    // each item off well past the test: nothing is retried behind its back, so the time shown is fixed.
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['503'], retryAfterSec: 3600, endpoints: '^(?!POST /(oauth/token|officers/login)$)' };
  });

  const receive = (name: string) =>
    host.page.evaluate(
      (n) =>
        window.motcua['intake.receive']({
          draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: n, TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: [], SoBo: 1 },
          attachments: [],
        }),
      name,
    );

  /** The dossier PUT's next attempt, once a run has met the 503 (intake starts one, F9 another). */
  const nextAttempt = (code: string) =>
    host.services.store.exec('t', (db) => (db.prepare("SELECT next_attempt_at AS at FROM outbox WHERE ma_ho_so = ? AND kind = 'dossier_put' AND attempts > 0").get(code) as { at: string | null } | undefined)?.at ?? null);

  /**
   * Queues a dossier, waits for the run intake starts to meet the 503 on it (its retry time is then
   * fixed for the hour), presses F9 and waits for that run's report; returns the code and the retry time.
   */
  async function queueAndSync(name: string, ranReport: string): Promise<{ code: string; at: string }> {
    const r = await receive(name);
    expect(r.ok).toBe(true);
    const code = r.ok ? r.value.code : '';
    await expect.poll(() => nextAttempt(code), { timeout: 30_000 }).not.toBeNull();
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.waitForSelector('[data-testid="sync-panel"]');
    await page.keyboard.press('F9');
    await page.waitForSelector(`[data-testid="sync-panel"] [role="status"]:has-text("${ranReport}")`, { timeout: 30_000 });
    return { code, at: (await nextAttempt(code))! };
  }

  /** The panel's line for the dossier PUT, once it shows a retry time. */
  async function whyOf(code: string, retry: string): Promise<string> {
    const li = await host.page.waitForSelector(`ul.sync-queue li:has(.code:text-is("${code}")):has-text("${retry}")`, { timeout: 30_000 });
    return (await (await li.$('[data-testid="sync-why"]'))!.textContent()) ?? '';
  }

  it('in Vietnamese: "máy chủ tỉnh đang bận (HTTP 503)" after the counts, and the item says when it is retried', async () => {
    const { code, at } = await queueAndSync('Công ty TNHH Ánh Dương', 'Đã gửi 0 mục; còn');
    const { page } = host;
    // The counts, then the run's first failure (a pull met the 503 first), keyed and worded in Vietnamese.
    expect(await page.textContent('[data-testid="sync-panel"] [role="status"]')).toMatch(/^Đã gửi 0 mục; còn \d+; bị trả lại 0\. Lỗi: .*máy chủ tỉnh đang bận \(HTTP 503\)$/);
    const shown = vnDateTime(at);
    expect(shown).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(await whyOf(code, 'thử lại lúc')).toBe(`Lỗi lần trước: máy chủ tỉnh đang bận (HTTP 503) — thử lại lúc ${shown}`);
    // A province is configured here: the panel does not say it is missing.
    expect(await page.$('[data-testid="sync-unconfigured"]')).toBeNull();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-sync-503-vi.png'), fullPage: true });
  });

  it('in English: "the provincial server is busy (HTTP 503)", and the same retry time', async () => {
    const { page } = host;
    expect(await page.evaluate(() => window.motcua['app.setLocale']({ locale: 'en' }))).toEqual({ ok: true, value: { locale: 'en' } });
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('nav button[data-section]');
    const { code, at } = await queueAndSync('Cong ty TNHH Binh An', 'Sent 0;');
    const error = (await page.textContent('[data-testid="sync-panel"] [role="status"]')) ?? '';
    expect(error).toMatch(/^Sent 0; \d+ left; 0 rejected\. Failure: .*the provincial server is busy \(HTTP 503\)$/);
    expect(error).not.toContain('máy chủ');
    expect(await whyOf(code, 'next retry at')).toBe(`Last failure: the provincial server is busy (HTTP 503) — next retry at ${vnDateTime(at)}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-sync-503-en.png'), fullPage: true });
  });

  it('while a run sends, the panel shows which dossier and how many items are done, and drops the bar when it ends', async () => {
    const { page } = host;
    // The province is answering again, but holds each dossier PUT for a while: long enough for the bar to be seen.
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['delay'], delayMs: 4000, endpoints: '^PUT /dossiers/' };
    await page.keyboard.press('Alt+2');
    await page.waitForSelector('[data-testid="sync-panel"]');
    const r = await receive('Cong ty TNHH Phu Quy');
    const code = r.ok ? r.value.code : '';
    // Intake starts the run; the two dossiers put off for an hour are not in it.
    const bar = await page.waitForSelector(`[data-testid="sync-run-progress"]:has-text("${code}")`, { timeout: 30_000 });
    expect(await bar.textContent()).toBe(`Sending dossier ${code}: 0 of 1 items done`);
    await page.waitForSelector('[data-testid="sync-run-progress"]', { state: 'detached', timeout: 30_000 });
    await expect.poll(() => server.db.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE code = ?').get(code), { timeout: 30_000 }).toEqual({ n: 1 });
  });
});

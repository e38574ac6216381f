import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../reference-server/faults';
import { ADMIN, SCREENSHOT_DIR } from '../helpers/host';
import { provinceHostSuite, type Host, type Server } from '../helpers/province-host';

/**
 * Issue #16: F9 is "sync now". A dossier put off for an hour by a busy province (503, Retry-After)
 * goes at the press once the province is back, instead of at its retry time; a dossier the
 * province refused stays in the inbox, and the panel says both.
 */
describe('F9 against a province that was busy and is back: the waiting dossier goes now, the refused one stays', () => {
  const suite = provinceHostSuite('motcua-e2e-sync-now-');
  let host: Host;
  let server: Server;
  beforeAll(() => {
    ({ host, server } = suite);
    // Every dossier PUT meets a 503 that puts it off for an hour: past the test, so only F9 can send it.
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['503'], retryAfterSec: 3600, endpoints: '^PUT /dossiers/' };
  });

  const receive = async (name: string): Promise<string> => {
    const r = await host.page.evaluate(
      (n) =>
        window.motcua['intake.receive']({
          draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: n, TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: [], SoBo: 1 },
          attachments: [],
        }),
      name,
    );
    expect(r.ok).toBe(true);
    return r.ok ? r.value.code : '';
  };
  const sql = <T>(q: string, ...args: unknown[]) => host.services.store.exec('t', (db) => db.prepare(q).all(...args) as T[]);
  const backedOff = async (code: string) =>
    (await sql<{ at: string | null }>("SELECT next_attempt_at AS at FROM outbox WHERE ma_ho_so = ? AND kind = 'dossier_put' AND attempts > 0", code))[0]?.at ?? null;
  const onServer = (code: string) => server.db.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE code = ?').get(code);

  it('F9: "Đã gửi 1 mục", the waiting one at the province, the refused one left and counted, the press audited', async () => {
    const { page } = host;
    const waiting = await receive('Công ty TNHH Ánh Dương');
    const refused = await receive('Công ty TNHH Bình Minh');
    // The runs intake starts meet the 503: both are put off for the hour.
    await expect.poll(() => backedOff(waiting), { timeout: 30_000 }).not.toBeNull();
    await expect.poll(() => backedOff(refused), { timeout: 30_000 }).not.toBeNull();
    // The second as the sender records a 422 refusal (the integration test has the province's own).
    const reason = JSON.stringify({ status: 422, error: 'validation', message: 'Hồ sơ thiếu trường bắt buộc.', details: [{ field: 'ChuHoSo', message: 'Thiếu ChuHoSo' }] });
    await sql("UPDATE outbox SET state = 'rejected', last_error = ?, next_attempt_at = NULL WHERE ma_ho_so = ? AND kind = 'dossier_put' RETURNING id", reason, refused);
    // The province is back; the hour still holds the first one, as the panel says.
    server.faults = NO_FAULTS;
    await page.keyboard.press('Alt+2');
    await page.waitForSelector(`ul.sync-queue li:has(.code:text-is("${waiting}")):has-text("thử lại lúc")`, { timeout: 30_000 });
    await page.waitForSelector(`[data-testid="sync-inbox"] li:has(.code:text-is("${refused}"))`, { timeout: 30_000 });
    expect(onServer(waiting)).toEqual({ n: 0 });
    const row = (code: string, state: string) => `[data-testid="search-results"] tbody tr:has(.code:text-is("${code}")) .badge.sync-${state}`;
    await page.waitForSelector(row(waiting, 'pending'), { timeout: 15_000 });

    await page.keyboard.press('F9');
    await page.waitForSelector('[data-testid="sync-panel"] [role="status"]:has-text("Đã gửi")', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="sync-panel"] [role="status"]')).toBe('Đã gửi 1 mục; còn 0; bị trả lại 1.');
    expect(await page.textContent('[data-testid="sync-retried"]')).toBe('Đã thử lại ngay 1 hồ sơ đang chờ lần thử sau. 1 hồ sơ bị trả lại chờ sửa, không gửi lại.');
    expect(onServer(waiting)).toEqual({ n: 1 });
    expect(onServer(refused)).toEqual({ n: 0 });
    await page.waitForSelector(`ul.sync-queue li:has(.code:text-is("${waiting}"))`, { state: 'detached', timeout: 30_000 });
    // The day's list above the panel follows the queue: the dossier sent says "Đã gửi" without a new search.
    await page.waitForSelector(row(waiting, 'synced'), { timeout: 15_000 });
    expect(await page.$(row(waiting, 'pending'))).toBeNull();
    expect(await page.$(`[data-testid="sync-inbox"] li:has(.code:text-is("${refused}"))`)).not.toBeNull();
    const audit = await sql<{ actor: string; details: string }>("SELECT actor, details FROM audit_log WHERE action = 'sync.retryNow'");
    // The officer who pressed it (the admin the host signed in), not the engine.
    const [admin] = await sql<{ id: string }>('SELECT officer_id AS id FROM officers WHERE username = ?', ADMIN.username);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(admin!.id);
    expect(JSON.parse(audit[0]!.details)).toEqual({ retried: 1, heldForCorrection: 1 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-sync-now-vi.png'), fullPage: true });
  });

  it('in English: "Retried 1 waiting dossier now", the refused one still counted', async () => {
    const { page } = host;
    expect(await page.evaluate(() => window.motcua['app.setLocale']({ locale: 'en' }))).toEqual({ ok: true, value: { locale: 'en' } });
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('nav button[data-section]');
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['503'], retryAfterSec: 3600, endpoints: '^PUT /dossiers/' };
    const waiting = await receive('Cong ty TNHH Phu Quy');
    await expect.poll(() => backedOff(waiting), { timeout: 30_000 }).not.toBeNull();
    server.faults = NO_FAULTS;
    await page.keyboard.press('Alt+2');
    await page.waitForSelector(`ul.sync-queue li:has(.code:text-is("${waiting}")):has-text("next retry at")`, { timeout: 30_000 });
    await page.keyboard.press('F9');
    await page.waitForSelector('[data-testid="sync-panel"] [role="status"]:has-text("Sent")', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="sync-panel"] [role="status"]')).toBe('Sent 1; 0 left; 1 rejected.');
    expect(await page.textContent('[data-testid="sync-retried"]')).toBe('Retried 1 waiting dossier now. 1 rejected dossier waits for a correction and was not resent.');
    expect(onServer(waiting)).toEqual({ n: 1 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-sync-now-en.png'), fullPage: true });
  });
});

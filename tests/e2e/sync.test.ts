import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { lastPrinted } from '../helpers/print-view';
import { tool } from '../helpers/tools';
import { UNIT } from '../helpers/intake';
import { referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

type Host = Awaited<ReturnType<typeof startTestHost>>;

describe('sync in the app: status bar, Đồng bộ ngay, rejection inbox', () => {
  let host: Host;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  const t = tempDir('motcua-e2e-sync-');
  const saved = { ...process.env };
  beforeAll(async () => {
    server = await referenceServer(t.dir);
    Object.assign(process.env, { MOTCUA_API_URL: server.url, MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01', MOTCUA_HTTP_TIMEOUT_MS: '20000' });
    host = await startTestHost({ province: true });
    await host.page.waitForSelector('nav button[data-section]');
    expect((await host.page.evaluate((u) => window.motcua['unit.set'](u), UNIT)).ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
    await server?.close();
    for (const k of ['MOTCUA_API_URL', 'MOTCUA_CLIENT_ID', 'MOTCUA_CLIENT_SECRET', 'MOTCUA_HTTP_TIMEOUT_MS']) if (!(k in saved)) delete process.env[k];
    host?.cleanupDir();
    t.cleanup();
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

  it('a received dossier reaches the provincial server and shows as sent', async () => {
    const r = await receive('Công ty TNHH Sao Mai');
    expect(r.ok).toBe(true);
    const code = r.ok ? r.value.code : '';
    // Intake → outbox → tus upload → PUT through the loopback server: no fixed speed to count on.
    await expect.poll(() => server.db.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE code = ?').get(code), { timeout: 30_000 }).toEqual({ n: 1 });
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.waitForSelector('[data-testid="search-results"] td:has-text("Đã gửi")');
    await page.waitForSelector('[data-testid="status-sync"]:has-text("Đồng bộ lần cuối")');
    // The province learns who received it: the signed-in officer, not the counter.
    const body = JSON.parse((server.db.prepare('SELECT body FROM dossiers WHERE code = ?').get(code) as { body: string }).body) as { NguoiTiepNhan: string };
    expect(body.NguoiTiepNhan).toBe(`admin-${ADMIN.username}`);
    // And the receipt the citizen takes home names them.
    const printed = await page.evaluate((c) => window.motcua['receipt.print']({ code: c }), code);
    expect(printed.ok).toBe(true);
    const receipt = await lastPrinted(host);
    try {
      expect(tool('pdftotext', ['-layout', receipt.path, '-']).stdout).toContain(ADMIN.fullName);
    } finally {
      receipt.cleanup();
    }
  });

  it('a dossier the server rejects lands in the inbox with the server reason, and F9 syncs', async () => {
    const r = await receive('Công ty CP Bình Minh');
    const code = r.ok ? r.value.code : '';
    // Sabotage the stored name before the engine gets to it: the server answers 422.
    await host.services.store.exec('t', (db) => {
      db.prepare("UPDATE outbox SET payload = json_set(payload, '$.body', json_set(?, '$.ChuHoSo', '')) WHERE ma_ho_so = ? AND kind = 'dossier_put'").run(JSON.stringify({}), code);
      db.prepare("UPDATE outbox SET state = 'pending', payload = '{\"version\":null}' WHERE ma_ho_so = ?").run(code);
      db.prepare("UPDATE dossiers SET chu_ho_so = '' WHERE ma_ho_so = ?").run(code);
    });
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('F9');
    await page.waitForSelector(`[data-testid="sync-inbox"] li:has-text("${code}")`, { timeout: 30_000 });
    expect(await page.textContent('[data-testid="sync-inbox"]')).toContain('ChuHoSo');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-inbox.png'), fullPage: true });
  });
});

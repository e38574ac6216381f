import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';

type Host = Awaited<ReturnType<typeof startTestHost>>;

describe('supervisors: login, daily report, export, close; officers are refused', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ login: false });
    const { page } = host;
    // First run through the screen itself.
    await page.waitForSelector('form.login');
    await page.fill('input[name="setupUnitCode"]', '000.00.01.H22');
    await page.fill('input[name="setupUnitName"]', 'UBND xã Tân Phú');
    await page.fill('input[name="setupCounter"]', 'Q01');
    await page.fill('input[name="setupBlock"]', '9001-9200');
    await page.fill('input[name="setupFullName"]', 'Quản Trị');
    await page.fill('input[name="username"]', 'quantri');
    await page.fill('input[name="password"]', 'mat-khau-quan-tri');
    await page.press('input[name="password"]', 'Enter');
    await page.waitForSelector('nav button[data-section]');
    for (const [u, role] of [
      ['giamsat', 'supervisor'],
      ['canbo', 'officer'],
    ] as const) {
      const r = await page.evaluate(([username, r2]) => window.motcua['officer.add']({ officerId: username, username, fullName: username === 'giamsat' ? 'Lê Giám Sát' : 'Trần Cán Bộ', roles: [r2], password: 'mat-khau-dai-du' }), [u, role] as const);
      expect(r.ok).toBe(true);
    }
    const d = await page.evaluate(() =>
      window.motcua['intake.receive']({
        draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: 'Công ty TNHH Sao Mai', TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: ['LP1', 'LP2'], SoBo: 1, attachments: [] },
        attachments: [],
      }),
    );
    expect(d.ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  const login = async (username: string, password: string) => {
    const { page } = host;
    await page.click('text=Đăng xuất');
    await page.waitForSelector('form.login');
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await page.press('input[name="password"]', 'Enter');
    await page.waitForSelector('nav button[data-section]');
  };

  it('a supervisor opens today\'s report, exports it and closes the day', async () => {
    const { page } = host;
    await login('giamsat', 'mat-khau-dai-du');
    await page.keyboard.press('Alt+5');
    await page.waitForSelector('[data-testid="totals"]');
    expect(await page.textContent('[data-testid="totals"]')).toContain('Tiếp nhận');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report.png'), fullPage: true });
    await page.click('[data-testid="export-xlsx"]');
    await page.waitForSelector('[data-testid="reports-message"]:has-text(".xlsx")');
    const path = (await page.textContent('[data-testid="reports-message"]'))!.replace(/^.*?: /, '');
    expect(existsSync(path)).toBe(true);
    await page.click('[data-testid="export-pdf"]');
    await expect.poll(() => host.printed.some((p) => p.endsWith('.pdf') && p.includes('bao-cao'))).toBe(true);
    await page.click('[data-testid="close-day"]');
    await page.waitForSelector('[data-testid="reports-message"]:has-text("Đã chốt ngày")');
  });

  it('an officer does not see Báo cáo, and the channel refuses', async () => {
    const { page } = host;
    await login('canbo', 'mat-khau-dai-du');
    expect(await page.$('nav button[data-section="reports"]')).toBeNull();
    const r = await page.evaluate(() => window.motcua['report.daily']({ date: '2026-11-21', counterId: null }));
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

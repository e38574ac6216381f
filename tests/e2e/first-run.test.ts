import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { SOFTHSM_MODULE } from '../helpers/softhsm';
import { OFFICER, OFFICER_PASSWORD } from '../helpers/intake';
import { CLIENT, referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/** Every file under a directory, for the search for the secret in clear. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('a fresh PC set up inside the app, against the reference server', () => {
  let host: Host;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  const t = tempDir('motcua-e2e-first-run-');
  const shot = (name: string) => host.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  beforeAll(async () => {
    server = await referenceServer(t.dir);
    // A p11-kit registry of this test's own, so Thiết bị ký số finds SoftHSM2 on any machine.
    mkdirSync(join(t.dir, 'p11-kit'));
    writeFileSync(join(t.dir, 'p11-kit', 'softhsm2.module'), `module: ${SOFTHSM_MODULE}\n`);
    process.env.MOTCUA_P11KIT_DIRS = join(t.dir, 'p11-kit');
    host = await startTestHost({ login: false });
  });
  afterAll(async () => {
    for (let i = 0; i < 300 && host?.services.sync.running; i++) await new Promise((r) => setTimeout(r, 100));
    await host?.close();
    await server?.close();
    delete process.env.MOTCUA_P11KIT_DIRS;
    host?.cleanupDir();
    t.cleanup();
  });

  it('step 1: refuses plain http to another machine, tests the typed credentials, saves and says where the secret is', async () => {
    const { page } = host;
    await page.waitForSelector('[data-testid="first-run"]');
    await shot('setup-1-province');
    // The address field has the focus: the whole step works from the keyboard.
    await page.keyboard.type('http://192.0.2.1/api');
    await page.keyboard.press('Tab');
    await page.keyboard.type(CLIENT.clientId);
    await page.keyboard.press('Tab');
    await page.keyboard.type(CLIENT.clientSecret);
    await page.keyboard.press('Enter');
    expect(await page.textContent('[data-testid="setup-api-message"]')).toMatch(/https/);
    await page.fill('input[name="apiUrl"]', server.url);
    await page.click('button:has-text("Kiểm tra kết nối")');
    const verdict = await page.waitForSelector('[data-testid="setup-api-test"]');
    expect(await verdict.textContent()).toMatch(/Trả lời sau \d+ ms · Thông tin thiết bị hợp lệ/);
    await shot('setup-1-tested');
    await page.click('button:has-text("Lưu kết nối")');
    // Saved: the PC now has a province, so step 2 is the online sign-in, not a local account.
    const where = await page.waitForSelector('[data-testid="setup-secret-where"]');
    const whereText = await where.textContent();
    // No OS keyring on a headless test machine: the key file beside the data dir, with its warning.
    expect(whereText).toContain(`Khóa bí mật lưu trong tệp khóa ${host.dataDir}.key`);
    expect(whereText).toMatch(/Cảnh báo: .*kho khóa/);
    expect(await page.textContent('[data-testid="setup-online-hint"]')).toMatch(/tài khoản do tỉnh cấp/);
    expect(await page.$('input[name="setupFullName"]')).toBeNull();
    await shot('setup-2-online-admin');
  });

  it('step 2 and 3: the province\'s admin signs in online, fetches the unit and counter and confirms', async () => {
    const { page } = host;
    await page.fill('input[name="username"]', 'quantri');
    await page.fill('input[name="password"]', 'mat-khau-quan-tri');
    await page.press('input[name="password"]', 'Enter');
    await page.waitForSelector('[data-testid="unit-setup"]');
    await page.keyboard.type('Q01');
    await page.keyboard.press('Enter');
    const pulled = await page.waitForSelector('[data-testid="unit-pulled"]');
    const text = await pulled.textContent();
    expect(text).toContain('UBND xã Tân Phú');
    expect(text).toContain('9001–9200');
    expect(text).toContain('07:00–11:30');
    // The province sent no desk: its lines on the forms are asked here; a bad phone is refused and nothing is lost.
    expect(await page.textContent('[data-testid="desk-form"]')).toContain('Máy chủ tỉnh không gửi thông tin bộ phận một cửa');
    await page.fill('input[name="deskName"]', 'Bộ phận Một cửa xã Tân Phú');
    await page.fill('input[name="deskPlace"]', 'Tân Phú');
    await page.fill('input[name="deskPhone"]', 'gọi tôi');
    await shot('setup-3-unit');
    await page.click('[data-testid="unit-confirm"]');
    const refused = (await (await page.waitForSelector('[data-testid="unit-setup"] [role="alert"]')).textContent()) ?? '';
    expect(refused).toMatch(/Số điện thoại của bộ phận: Số điện thoại chỉ gồm chữ số/);
    expect(refused).not.toMatch(/\bphone\b/);
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'deskPhone');
    expect(await page.getAttribute('input[name="deskPhone"]', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('input[name="deskName"]')).toBe('Bộ phận Một cửa xã Tân Phú');
    await page.fill('input[name="deskPhone"]', '0272 3811 234');
    await page.click('[data-testid="unit-confirm"]');
    await page.waitForSelector('nav button[data-section]');
    expect(await page.evaluate(() => window.motcua['unit.desk']({}))).toEqual({ ok: true, value: { deskName: 'Bộ phận Một cửa xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 234' } });
    expect(await page.textContent('.who')).toBe('Quản Trị Viên');
  });

  it('Cài đặt: the province panel never shows the secret; accounts: add an officer, a reset refused with the province\'s message', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+6');
    await page.waitForSelector('[data-testid="province-api-settings"] [data-testid="api-settings-secret-where"]');
    expect(await page.inputValue('[data-testid="province-api-settings"] input[name="apiUrl"]')).toBe(server.url);
    expect(await page.inputValue('[data-testid="province-api-settings"] input[name="clientSecret"]')).toBe('');
    await page.click('[data-testid="province-api-settings"] button:has-text("Kiểm tra kết nối đã lưu")');
    expect(await (await page.waitForSelector('[data-testid="api-settings-test"]')).textContent()).toMatch(/hợp lệ/);

    await page.fill('input[name="newOfficerId"]', OFFICER.officerId);
    await page.fill('input[name="newUsername"]', 'canbo01');
    await page.fill('input[name="newFullName"]', OFFICER.fullName);
    await page.fill('input[name="addPassword"]', OFFICER_PASSWORD);
    await page.press('input[name="addPassword"]', 'Enter');
    await page.waitForSelector(`[data-testid="accounts-table"] tr[data-officer="${OFFICER.officerId}"]`);
    expect(await page.textContent('[data-testid="accounts-message"]')).toContain('Đã thêm tài khoản canbo01');
    await page.click(`tr[data-officer="${OFFICER.officerId}"] button:has-text("Đặt lại mật khẩu")`);
    await page.fill('input[name="newPassword"]', 'mat-khau-moi-dai');
    await page.press('input[name="newPassword"]', 'Enter');
    await page.waitForSelector('[data-testid="accounts-message"][role="alert"]');
    expect(await page.textContent('[data-testid="accounts-message"]')).toMatch(/đổi mật khẩu trên hệ thống của tỉnh/);
    // Roles: the new officer becomes a supervisor too; the change is audited.
    await page.click(`tr[data-officer="${OFFICER.officerId}"] button:has-text("Đổi vai trò")`);
    await page.check('[data-testid="roles-form"] input[name="edit-role-supervisor"]');
    await page.click('[data-testid="roles-form"] button:has-text("Lưu vai trò")');
    await page.waitForSelector('[data-testid="accounts-message"][role="status"]');
    expect(await page.textContent(`tr[data-officer="${OFFICER.officerId}"]`)).toContain('Tiếp nhận, Giám sát');
    const roleRow = await host.services.store.exec('t', (db) => db.prepare("SELECT subject FROM audit_log WHERE action = 'officer.setRoles'").all());
    expect(roleRow).toEqual([{ subject: OFFICER.officerId }]);

    // Thiết bị ký số: SoftHSM2 is found through p11-kit, loads, and one click makes it this PC's module.
    const row = await page.waitForSelector(`[data-testid="token-modules"] tr[data-module="${SOFTHSM_MODULE}"]`, { timeout: 60_000 });
    expect(await row.textContent()).toMatch(/SoftHSM2.*Nạp được/);
    await page.click(`[data-testid="token-modules"] tr[data-module="${SOFTHSM_MODULE}"] button:has-text("Dùng mô-đun này")`);
    await page.waitForSelector(`[data-testid="token-modules"] tr[data-module="${SOFTHSM_MODULE}"]:has-text("Đang dùng")`, { timeout: 60_000 });
    expect(await host.services.settings.get('devices.tokenModule')).toBe(SOFTHSM_MODULE);
    expect(await page.inputValue('input[name="tokenModule"]')).toBe(SOFTHSM_MODULE);

    // Thiết bị ký số: the trust folder is read before it is saved.
    await page.fill('input[name="trustDir"]', join(t.dir, 'no-such-folder'));
    await page.click('button:has-text("Lưu thư mục")');
    expect(await (await page.waitForSelector('[data-testid="token-settings-message"][role="alert"]')).textContent()).toMatch(/Không đọc được thư mục/);
    await page.fill('input[name="tokenModule"]', '/usr/lib/softhsm/libsofthsm2.so');
    await page.click('button:has-text("Lưu thư viện")');
    await page.waitForSelector('[data-testid="token-settings-message"][role="status"]');
    expect(await host.services.settings.get('devices.tokenModule')).toBe('/usr/lib/softhsm/libsofthsm2.so');
    await shot('settings-accounts');
  });

  it('the new officer signs in, receives a dossier, and the province\'s copy carries the officer\'s id', async () => {
    const { page } = host;
    await page.click('button:has-text("Đăng xuất")');
    await page.fill('input[name="username"]', 'canbo01');
    await page.fill('input[name="password"]', OFFICER_PASSWORD);
    await page.press('input[name="password"]', 'Enter');
    await page.waitForSelector('nav button[data-section]');
    expect(await page.textContent('.who')).toBe(OFFICER.fullName);
    const r = await page.evaluate(() =>
      window.motcua['intake.receive']({
        draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: 'Công ty TNHH Sao Mai', TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: [], SoBo: 1 },
        attachments: [],
      }),
    );
    expect(r.ok).toBe(true);
    const code = r.ok ? r.value.code : '';
    await page.evaluate(() => window.motcua['sync.now']({}));
    await expect.poll(() => server.db.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE code = ?').get(code), { timeout: 30_000 }).toEqual({ n: 1 });
    const body = JSON.parse((server.db.prepare('SELECT body FROM dossiers WHERE code = ?').get(code) as { body: string }).body) as { NguoiTiepNhan: string };
    expect(body.NguoiTiepNhan).toBe(OFFICER.officerId);
  });

  it('the client secret is nowhere in clear in the data directory', () => {
    for (const f of filesUnder(host.dataDir)) expect({ f, found: readFileSync(f).includes(CLIENT.clientSecret) }).toEqual({ f, found: false });
  });
});

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorReportSchema } from '../../electron/common/domain/doctor';
import { cliAdmin, motcua, motcuaAsync } from '../helpers/cli';
import { OFFICER_PASSWORD } from '../helpers/intake';
import { referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

const DRAFT = { MaTTHC: '1.001193', ChuHoSo: 'Lê Thị Hoa', SoGiayToChuHoSo: '001090000777', TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] };
const DESK = { ten: 'Bộ phận Một cửa xã Tân Phú', diaDiem: 'Tân Phú', soDienThoai: '0272 3811 234' };

// Each step spawns the real CLI a few times: give a busy 2-core machine room.
describe('set up a counter from nothing with the CLI; the client secret is nowhere in clear afterwards', { timeout: 180_000 }, () => {
  const t = tempDir('motcua-setup-');
  // The data directory sits one level down, so the key file (next to it) stays inside this test's folder.
  const dataDir = join(t.dir, 'MotCuaDesk');
  const dd = ['--data-dir', dataDir];
  const SECRET = `Q01-${randomBytes(12).toString('hex')}`;
  // Never a developer's real keyring: this machine's fallback, forced.
  const base = { MOTCUA_SECRET_STORE: 'key-file' };
  const admin = { ...base, MOTCUA_OFFICER: 'quantri', MOTCUA_PASSWORD: 'mat-khau-quan-tri' };
  const officer = { ...base, MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: OFFICER_PASSWORD };
  const outputs: string[] = [];
  let server: Awaited<ReturnType<typeof referenceServer>>;
  /** Every CLI call that may reach the server runs without blocking it (it answers from this process). */
  const run = async (args: string[], env: Record<string, string>) => {
    const r = await motcuaAsync([...args, ...dd], env);
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  beforeAll(async () => {
    server = await referenceServer(t.dir, 1, { clients: { 'counter-q01': SECRET }, boPhanMotCua: DESK });
  });
  afterAll(async () => {
    await server?.close();
    t.cleanup();
  });

  it('api set runs before anyone exists, refuses plain http to another machine, and seals the secret', async () => {
    const bad = await run(['api', 'set', '--url', 'http://motcua.example.gov.vn/api/v1', '--client-id', 'counter-q01', '--client-secret-env', 'CLIENT_SECRET'], { ...base, CLIENT_SECRET: SECRET });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/không dùng https/);
    const missing = await run(['api', 'set', '--url', server.url, '--client-id', 'counter-q01', '--client-secret-env', 'CLIENT_SECRET'], base);
    expect(missing.stderr).toMatch(/Biến môi trường CLIENT_SECRET chưa có khóa bí mật/);
    const r = await run(['api', 'set', '--url', server.url, '--client-id', 'counter-q01', '--client-secret-env', 'CLIENT_SECRET'], { ...base, CLIENT_SECRET: SECRET });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Đã lưu máy chủ tỉnh ${server.url}, mã thiết bị counter-q01.`);
    expect(r.stdout).toContain(`tệp khóa ${join(t.dir, 'MotCuaDesk.key')}`);
    expect(r.stdout).toMatch(/Cảnh báo: Máy này không có kho khóa/);
    expect(r.stdout).toMatch(/quản trị viên của tỉnh đăng nhập/);
    if (process.platform !== 'win32') expect(statSync(join(t.dir, 'MotCuaDesk.key')).mode & 0o777).toBe(0o600);
  });

  it('no local first admin once a provincial API is configured: the province admin signs in online', async () => {
    const local = await run(['officer', 'add', '--id', 'qt01', '--username', 'quantri', '--name', 'Nguyễn Quản Trị', '--role', 'admin', '--password-env', 'PW'], { ...base, PW: 'mat-khau-cuc-bo' });
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(/đăng nhập bằng tài khoản do tỉnh cấp/);
    const test = await run(['api', 'test'], admin);
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toMatch(new RegExp(`Máy chủ tỉnh ${server.url.replace(/[.]/g, '\\.')}: trả lời sau \\d+ ms\\.`));
    expect(test.stdout).toMatch(/Thông tin thiết bị counter-q01: hợp lệ \(cấp phiên làm việc sau \d+ ms\)\./);
    const list = JSON.parse((await run(['officer', 'list', '--json'], admin)).stdout) as Array<{ officerId: string; roles: string[] }>;
    expect(list).toEqual([expect.objectContaining({ officerId: 'admin-quantri', roles: ['admin'] })]);
  });

  it('unit pull takes the unit, hours, the offline block and the desk from the province', async () => {
    const wrong = await run(['unit', 'pull', '--counter', 'Q09'], admin);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/không có quầy Q09 \(có: Q01, Q02\)/);
    // No --code: the unit of the admin's online sign-in.
    const r = await run(['unit', 'pull', '--counter', 'Q01'], admin);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Đã lấy từ máy chủ tỉnh: 000.00.01.H22 — UBND xã Tân Phú, quầy Q01, khối số ngoại tuyến 9001–9200.');
    expect(r.stdout).toContain('Giờ làm việc: 07:00–11:30, 13:30–17:00.');
    expect(r.stdout).toContain('Bộ phận một cửa (từ tỉnh): Bộ phận Một cửa xã Tân Phú; địa danh: Tân Phú; điện thoại: 0272 3811 234.');
    const show = JSON.parse((await run(['unit', 'show', '--json'], admin)).stdout);
    expect(show).toEqual({ unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } });
  });

  it('an officer signs in online for the first time, receives a dossier, and sync reaches the province without the secret in the environment', async () => {
    const draft = join(t.dir, 'draft.json');
    writeFileSync(draft, JSON.stringify(DRAFT));
    const r = await run(['intake', '--json', draft], officer);
    expect(r.code, r.stderr).toBe(0);
    const code = r.stdout.trim();
    const s = await run(['sync', '--once', '--timeout', '60'], officer);
    expect(s.code, s.stderr).toBe(0);
    const body = JSON.parse((server.db.prepare('SELECT body FROM dossiers WHERE code = ?').get(code) as { body: string }).body) as { NguoiTiepNhan: string; MaQuay: string };
    expect(body).toMatchObject({ NguoiTiepNhan: 'cb01', MaQuay: 'Q01' });
    // An officer may test the connection but not change it.
    expect((await run(['api', 'test'], officer)).code).toBe(0);
    const denied = await run(['api', 'set', '--url', server.url, '--client-id', 'x', '--client-secret-env', 'CLIENT_SECRET'], { ...officer, CLIENT_SECRET: 'x' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/không có vai trò admin/);
  });

  it('doctor reports the API, the credentials and where the secret is kept (with the key-file warning)', async () => {
    const r = await run(['doctor', '--json'], base);
    expect(r.code, r.stderr).toBe(0);
    const checks = Object.fromEntries(doctorReportSchema.parse(JSON.parse(r.stdout)).checks.map((c) => [c.id, c]));
    expect(checks.api).toMatchObject({ status: 'ok', detail: expect.stringMatching(/trả lời sau \d+ ms/) });
    expect(checks.credentials).toMatchObject({ status: 'ok', detail: expect.stringMatching(/hợp lệ/) });
    expect(checks.secrets).toMatchObject({ status: 'warn', detail: expect.stringMatching(/MotCuaDesk\.key.*Cảnh báo: Máy này không có kho khóa/) });
    const text = await run(['doctor'], base);
    expect(text.stdout).toMatch(/\[WARN {8}\] Nơi giữ khóa bí mật: tệp khóa/);
    const show = await run(['api', 'show'], admin);
    expect(show.stdout).toContain('Khóa bí mật: lưu trong tệp khóa');
  });

  it('a deactivation at the province reaches this PC at the next sign-in; the admin can also switch an account off here', async () => {
    server.officers.deactivate('canbo01');
    const refused = await run(['unit', 'show'], officer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/không chấp nhận tài khoản này/);
    const off = await run(['officer', 'deactivate', 'cb01'], admin);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/^cb01\tcanbo01\t.*\tđã ngừng$/m);
    const reset = await run(['officer', 'reset-password', 'cb01', '--password-env', 'PW'], { ...admin, PW: 'mat-khau-moi-dai' });
    expect(reset.code).toBe(1);
    expect(reset.stderr).toMatch(/đổi mật khẩu trên hệ thống của tỉnh/);
  });

  it('after all that, the secret is in no file of the data directory, no output, and not in the key file either', () => {
    const forms = [Buffer.from(SECRET), Buffer.from(SECRET, 'utf16le'), Buffer.from(Buffer.from(SECRET).toString('base64')), Buffer.from(Buffer.from(SECRET).toString('hex'))];
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['motcua.sqlite3', 'secrets.json']));
    for (const f of [...files.map((e) => join(e.parentPath, e.name)), join(t.dir, 'MotCuaDesk.key')]) {
      const bytes = readFileSync(f);
      for (const form of forms) expect(bytes.includes(form), `${f} holds the secret`).toBe(false);
    }
    for (const out of outputs) expect(out).not.toContain(SECRET);
  });
});

describe('unit set: the desk printed on the forms', { timeout: 180_000 }, () => {
  const t = tempDir('motcua-desk-');
  const dd = ['--data-dir', t.dir];
  afterAll(() => t.cleanup());

  it('--desk-name, --place and --phone are saved with the unit; a bad phone saves nothing', () => {
    const asAdmin = cliAdmin(t.dir);
    const unit = ['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q01'];
    const bad = motcua([...unit, '--phone', 'gọi tôi', ...dd], asAdmin);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Số điện thoại/);
    expect(JSON.parse(motcua(['unit', 'show', '--json', ...dd], asAdmin).stdout)).toBeNull();
    const r = motcua([...unit, '--desk-name', 'Bộ phận Một cửa xã Tân Phú', '--place', 'Tân Phú', '--phone', '0272 3811 234', '--json', ...dd], asAdmin);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).desk).toEqual({ deskName: 'Bộ phận Một cửa xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 234' });
    // Setting the unit again without the flags keeps the desk; one flag changes only its field.
    expect(motcua([...unit, ...dd], asAdmin).code).toBe(0);
    const again = JSON.parse(motcua([...unit, '--phone', '0272 3811 999', '--json', ...dd], asAdmin).stdout);
    expect(again.desk).toEqual({ deskName: 'Bộ phận Một cửa xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 999' });
  });
});

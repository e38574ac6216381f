import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { intakeDraftSchema } from '../../electron/common/domain/intake';
import { toVietnamRfc3339 } from '../../electron/common/domain/time';
import { addOfficer } from '../../electron/node/officers/officer-repo';
import { writeSetting } from '../../electron/node/settings/settings-repo';
import { cliAdmin, motcua, motcuaAsync } from '../helpers/cli';
import { intakeFixture, OFFICER, OFFICER_PASSWORD } from '../helpers/intake';
import { PROVINCE_OFFICERS, referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { tool } from '../helpers/tools';

const DRAFT = { MaTTHC: '1.001193', ChuHoSo: 'Lê Thị Hoa', SoGiayToChuHoSo: '001090000777', TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] };

describe('the stale-sync gate needs a second person: a supervisor with their own credentials', () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  const NOW = new Date('2026-11-30T10:00:00+07:00');
  beforeEach(async () => {
    f = await intakeFixture({ now: () => NOW });
    await f.store.exec('stale', (db) => {
      // An API is configured and the last good sync was four days ago: past the 72-hour block.
      writeSetting(db, 'sync.apiUrl', 'http://127.0.0.1:9');
      writeSetting(db, 'sync.lastSuccessAt', '2026-11-26T08:00:00+07:00');
    });
    const at = toVietnamRfc3339(NOW);
    await (await f.store.exec('people', (db) => addOfficer(db, { officerId: 'gs01', username: 'giamsat', fullName: 'Lê Giám Sát', roles: ['supervisor'], password: 'mat-khau-giam-sat' }, 'test', at)));
    await (await f.store.exec('people', (db) => addOfficer(db, { officerId: 'cb02', username: 'canbo02', fullName: 'Võ Văn Hai', roles: ['officer'], password: 'mat-khau-can-bo-2' }, 'test', at)));
  });
  afterEach(() => f.close());
  const receive = (override: { supervisor: string; password: string; reason: string } | null) =>
    f.intake.receive(OFFICER, { draft: intakeDraftSchema.parse(DRAFT), override, skipReceipt: true });
  const dossierCount = () => f.store.exec('n', (db) => (db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n);

  it('without permission the officer is refused and nothing is saved', async () => {
    await expect(receive(null)).rejects.toThrow(/giờ chưa đồng bộ.*giám sát cho phép/);
    expect(await dossierCount()).toBe(0);
  });

  it("an officer's own word (their own or another officer's credentials) is refused", async () => {
    await expect(receive({ supervisor: 'canbo01', password: OFFICER_PASSWORD, reason: 'Mạng tỉnh đang sửa' })).rejects.toThrow(/giám sát khác/);
    await expect(receive({ supervisor: 'canbo02', password: 'mat-khau-can-bo-2', reason: 'Mạng tỉnh đang sửa' })).rejects.toThrow(/không có vai trò giám sát/);
    await expect(receive({ supervisor: 'giamsat', password: 'sai-mat-khau', reason: 'Mạng tỉnh đang sửa' })).rejects.toThrow(/Sai tên đăng nhập hoặc mật khẩu/);
    expect(await dossierCount()).toBe(0);
  });

  it("a supervisor's credentials pass it, audited with both ids", async () => {
    const r = await receive({ supervisor: 'giamsat', password: 'mat-khau-giam-sat', reason: 'Mạng tỉnh đang sửa' });
    const row = await f.store.exec('audit', (db) => db.prepare("SELECT actor, subject, details FROM audit_log WHERE action = 'sync.override'").get() as { actor: string; subject: string; details: string });
    expect(row).toMatchObject({ actor: 'cb01', subject: r.code });
    // The reason is free text: its length in the audit row, the text itself in stale_overrides (read by the end-of-day review).
    expect(JSON.parse(row.details)).toMatchObject({ supervisorId: 'gs01', reasonLength: 'Mạng tỉnh đang sửa'.length });
    expect(row.details).not.toContain('Mạng tỉnh');
    const kept = await f.store.exec('o', (db) => db.prepare('SELECT supervisor_id, reason FROM stale_overrides WHERE ma_ho_so = ?').get(r.code));
    expect(kept).toEqual({ supervisor_id: 'gs01', reason: 'Mạng tỉnh đang sửa' });
    const d = await f.intake.detail(r.code);
    expect(d?.officerId).toBe('cb01');
  });
});

describe('a dossier from the CLI reaches the province under the signed-in officer', () => {
  const t = tempDir('motcua-actor-');
  const dd = ['--data-dir', t.dir];
  let server: Awaited<ReturnType<typeof referenceServer>>;
  const officer = { MOTCUA_OFFICER: 'canbo07', MOTCUA_PASSWORD: 'mat-khau-can-bo-7' };
  beforeAll(async () => {
    // Sign-in is checked at the province whenever it answers: it knows this officer, with this password.
    server = await referenceServer(t.dir, 1, { officers: [...PROVINCE_OFFICERS, { username: 'canbo07', password: officer.MOTCUA_PASSWORD, officerId: 'cb07', hoTen: 'Đặng Thu Thảo', roles: ['officer'] }] });
    const admin = cliAdmin(t.dir);
    expect(motcua(['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q01', '--offline-block', '9001-9200', ...dd], admin).code).toBe(0);
    expect(motcua(['officer', 'add', '--id', 'cb07', '--username', 'canbo07', '--name', 'Đặng Thu Thảo', '--role', 'officer', '--password-env', 'PW', ...dd], { ...admin, PW: officer.MOTCUA_PASSWORD }).code).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    t.cleanup();
  });

  it('NguoiTiepNhan is the officer id and the receipt prints the officer name', async () => {
    const draft = join(t.dir, 'd.json');
    writeFileSync(draft, JSON.stringify(DRAFT));
    const r = motcua(['intake', '--json', draft, ...dd], officer);
    expect(r.code, r.stderr).toBe(0);
    const code = r.stdout.trim();
    const api = { MOTCUA_API_URL: server.url, MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01' };
    // Not spawnSync: the reference server answers from this process's event loop.
    const s = await motcuaAsync(['sync', '--once', '--timeout', '60', ...dd], { ...officer, ...api });
    expect(s.code, s.stderr).toBe(0);
    const body = JSON.parse((server.db.prepare('SELECT body FROM dossiers WHERE code = ?').get(code) as { body: string }).body) as { NguoiTiepNhan: string };
    expect(body.NguoiTiepNhan).toBe('cb07');
    const out = join(t.dir, 'receipt.pdf');
    expect(motcua(['receipt', 'pdf', code, '--out', out, ...dd], officer).code).toBe(0);
    expect(tool('pdftotext', ['-layout', out, '-']).stdout).toContain('Đặng Thu Thảo');
  });
});

import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/common/domain/actor';
import { openCoreServices, type CoreServices } from '../../electron/node/core/core-services';
import { silentLogger } from '../../electron/node/log/logger';
import { localAccount } from '../../electron/node/officers/officer-repo';
import { NO_FAULTS } from '../reference-server/faults';
import { OFFICER_PASSWORD } from '../helpers/intake';
import { CLIENT, referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

const SETUP: Actor = { officerId: 'cli-setup', fullName: 'Thiết lập ban đầu', roles: ['admin'], counterId: null };
const ADMIN_PW = 'mat-khau-quan-tri';

describe('accounts follow the province: sign-in is checked online whenever the API answers', () => {
  let t: ReturnType<typeof tempDir>;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let core: CoreServices;
  beforeEach(async () => {
    t = tempDir('motcua-accounts-');
    server = await referenceServer(t.dir);
    const dataDir = join(t.dir, 'data');
    mkdirSync(dataDir);
    core = await openCoreServices(dataDir, { log: silentLogger, pdf: 'in-process' });
    expect(await core.session.needsSetup()).toBe(true);
    await core.apiSetup.configure(SETUP, { apiUrl: server.url, ...CLIENT });
  });
  afterEach(async () => {
    await core.close();
    await server.close();
    t.cleanup();
  });

  const account = (username: string) => core.store.exec('t', (db) => localAccount(db, username));
  /** The province stops answering (connections reset): sign-in must decide offline. */
  const offline = () => (server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['reset'] });
  const online = () => (server.faults = { ...NO_FAULTS });
  const audits = (action: string) => core.store.exec('t', (db) => db.prepare('SELECT actor, subject, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ actor: string; subject: string; details: string | null }>);

  it('with an API configured there is no local first-run setup: the first admin signs in online', async () => {
    expect(await core.session.needsSetup()).toBe(false);
    await expect(core.session.setupAdmin({ username: 'ai-do', fullName: 'Ai Đó', password: 'mat-khau-dai' })).rejects.toThrow(/tài khoản do tỉnh cấp/);
    offline();
    await expect(core.session.login('quantri', ADMIN_PW)).rejects.toThrow(/Lần đăng nhập đầu tiên trên máy này cần kết nối máy chủ tỉnh/);
    online();
    const admin = await core.session.login('quantri', ADMIN_PW);
    expect(admin).toMatchObject({ officerId: 'admin-quantri', fullName: 'Quản Trị Viên', roles: ['admin'], unitCode: '000.00.01.H22' });
    expect((await account('quantri'))?.verifier).toMatch(/^scrypt\$/);
    expect(JSON.parse((await audits('auth.login')).at(-1)!.details!)).toEqual({ online: true });
    await expect(core.session.login('nobody', 'mat-khau-dai')).rejects.toThrow(/^Sai tên đăng nhập hoặc mật khẩu\.$/);
    // Once confirmed online, the officer may work offline.
    offline();
    expect((await core.session.login('quantri', ADMIN_PW)).officerId).toBe('admin-quantri');
  });

  it('an officer the province adds or changes on this PC is audited as an officer change', async () => {
    await core.session.login('canbo01', OFFICER_PASSWORD);
    expect(await audits('officer.add')).toEqual([{ actor: 'cb01', subject: 'cb01', details: JSON.stringify({ roles: ['officer'], from: 'province' }) }]);
    await core.session.login('canbo01', OFFICER_PASSWORD);
    expect(await audits('officer.update')).toEqual([]); // nothing changed: no row
    server.officers.add({ username: 'canbo01', password: OFFICER_PASSWORD, officerId: 'cb01', hoTen: 'Trần Thị Bình', roles: ['officer', 'supervisor'] });
    await core.session.login('canbo01', OFFICER_PASSWORD);
    expect(await audits('officer.update')).toEqual([{ actor: 'cb01', subject: 'cb01', details: JSON.stringify({ roles: ['officer', 'supervisor'], changed: ['roles'], from: 'province' }) }]);
  });

  it('an officer deactivated at the province is refused and loses the offline password on this PC', async () => {
    await core.session.login('canbo01', OFFICER_PASSWORD);
    server.officers.deactivate('canbo01');
    await expect(core.session.login('canbo01', OFFICER_PASSWORD)).rejects.toThrow(/không chấp nhận tài khoản này/);
    expect((await account('canbo01'))?.verifier).toBeNull();
    expect(await audits('auth.revoked')).toEqual([{ actor: 'system', subject: 'cb01', details: JSON.stringify({ reason: 'province-refused' }) }]);
    offline();
    await expect(core.session.login('canbo01', OFFICER_PASSWORD)).rejects.toThrow(/cần kết nối máy chủ tỉnh/);
  });

  it('a re-passworded officer: the old password stops working (online, then offline too), the new one replaces it', async () => {
    await core.session.login('canbo01', OFFICER_PASSWORD);
    server.officers.setPassword('canbo01', 'mat-khau-moi-2026');
    // Offline, this PC cannot know yet: the password it holds still opens it.
    offline();
    expect((await core.session.login('canbo01', OFFICER_PASSWORD)).officerId).toBe('cb01');
    online();
    await expect(core.session.login('canbo01', OFFICER_PASSWORD)).rejects.toThrow(/đã đổi mật khẩu/);
    expect((await core.session.login('canbo01', 'mat-khau-moi-2026')).officerId).toBe('cb01');
    offline();
    await expect(core.session.login('canbo01', OFFICER_PASSWORD)).rejects.toThrow(/Sai tên đăng nhập/);
    expect((await core.session.login('canbo01', 'mat-khau-moi-2026')).officerId).toBe('cb01');
  });

  it('a mistyped password online is an ordinary failure: counted towards the lockout, the stored password kept', async () => {
    await core.session.login('canbo01', OFFICER_PASSWORD);
    const before = (await account('canbo01'))!.verifier;
    const sent = server.hits.get('POST /officers/login') ?? 0;
    await expect(core.session.login('canbo01', 'go-nham-mat-khau')).rejects.toThrow(/^Sai tên đăng nhập/);
    // Asked once: a refresh-and-retry would count one typo twice in the province's own lockout.
    expect(server.hits.get('POST /officers/login')).toBe(sent + 1);
    expect((await account('canbo01'))!.verifier).toBe(before);
    expect(await core.store.exec('t', (db) => (db.prepare("SELECT failed_logins AS n FROM officers WHERE officer_id = 'cb01'").get() as { n: number }).n)).toBe(1);
    offline();
    expect((await core.session.login('canbo01', OFFICER_PASSWORD)).officerId).toBe('cb01');
  });

  it('the local lockout holds even when the province would accept the password', async () => {
    await core.session.login('canbo01', OFFICER_PASSWORD);
    for (let i = 0; i < 4; i++) await expect(core.session.login('canbo01', `sai-${i}-mat-khau`)).rejects.toThrow(/Sai tên đăng nhập/);
    await expect(core.session.login('canbo01', 'sai-5-mat-khau')).rejects.toThrow(/bị khóa/);
    await expect(core.session.login('canbo01', OFFICER_PASSWORD)).rejects.toThrow(/đang bị khóa/);
  });

  it('an admin switches an account off at this PC before the province does; activate undoes it', async () => {
    const admin = await core.actorOf(await core.session.login('quantri', ADMIN_PW));
    await core.session.login('canbo01', OFFICER_PASSWORD);
    expect(await core.officers.deactivate(admin, 'cb01')).toMatchObject({ officerId: 'cb01', active: false });
    await expect(core.session.login('canbo01', OFFICER_PASSWORD)).rejects.toThrow(/ngừng trên máy này/);
    offline();
    await expect(core.session.login('canbo01', OFFICER_PASSWORD)).rejects.toThrow(/cần kết nối máy chủ tỉnh/);
    online();
    await expect(core.officers.deactivate(admin, 'admin-quantri')).rejects.toThrow(/tự ngừng/);
    await expect(core.officers.deactivate(admin, 'khong-co')).rejects.toThrow(/Không có cán bộ/);
    expect(await core.officers.activate(admin, 'cb01')).toMatchObject({ active: true });
    expect((await core.session.login('canbo01', OFFICER_PASSWORD)).officerId).toBe('cb01');
    // With a provincial API the province owns passwords.
    await expect(core.officers.resetPassword(admin, 'cb01', 'mat-khau-cuc-bo')).rejects.toThrow(/hệ thống của tỉnh/);
    expect((await audits('officer.deactivate')).map((a) => [a.actor, a.subject])).toEqual([['admin-quantri', 'cb01']]);
    expect((await audits('officer.activate')).map((a) => [a.actor, a.subject])).toEqual([['admin-quantri', 'cb01']]);
  });

  it('a server that does not offer /officers/login revokes nobody: known officers sign in offline', async () => {
    await core.session.login('canbo01', OFFICER_PASSWORD);
    // Issues device tokens, answers 404 to everything else (a province server without the sign-in endpoint).
    const bare = createServer((req, res) => {
      const token = req.url?.endsWith('/oauth/token');
      res.writeHead(token ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(token ? { access_token: 't', token_type: 'Bearer', expires_in: 900 } : { error: 'not_found', message: 'Không có' }));
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      await core.apiSetup.configure(SETUP, { apiUrl: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/v1`, ...CLIENT });
      expect((await core.session.login('canbo01', OFFICER_PASSWORD)).officerId).toBe('cb01');
      expect((await account('canbo01'))?.verifier).toMatch(/^scrypt\$/);
      expect(await audits('auth.revoked')).toEqual([]);
      await expect(core.session.login('quantri', ADMIN_PW)).rejects.toThrow(/cần máy chủ tỉnh/);
    } finally {
      await new Promise((r) => bare.close(r));
    }
  });

  it('when the province refuses this device, known officers still sign in offline; a first sign-in says why it cannot', async () => {
    await core.session.login('canbo01', OFFICER_PASSWORD);
    await core.apiSetup.configure(SETUP, { apiUrl: server.url, clientId: CLIENT.clientId, clientSecret: 'khong-dung' });
    expect((await core.apiSetup.test()).credentials).toBe('refused');
    expect((await core.session.login('canbo01', OFFICER_PASSWORD)).officerId).toBe('cb01');
    expect((await account('canbo01'))?.verifier).toMatch(/^scrypt\$/);
    await expect(core.session.login('quantri', ADMIN_PW)).rejects.toThrow(/máy chủ trả lời: Máy chủ tỉnh từ chối thông tin thiết bị/);
  });
});

describe('without a provincial API, accounts are local', () => {
  let t: ReturnType<typeof tempDir>;
  let core: CoreServices;
  beforeEach(async () => {
    t = tempDir('motcua-accounts-local-');
    core = await openCoreServices(t.dir, { log: silentLogger, pdf: 'in-process' });
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('reset-password replaces the offline password; a deactivated account is refused, and the last admin stays', async () => {
    const admin = await core.actorOf(await core.session.setupAdmin({ username: 'quantri', fullName: 'Quản Trị', password: ADMIN_PW }));
    await core.officers.resetPassword(admin, 'admin-quantri', 'mat-khau-moi-dai');
    await expect(core.session.login('quantri', ADMIN_PW)).rejects.toThrow(/Sai tên đăng nhập/);
    expect((await core.session.login('quantri', 'mat-khau-moi-dai')).officerId).toBe('admin-quantri');
    await expect(core.officers.resetPassword(admin, 'admin-quantri', 'ngan')).rejects.toThrow(/ít nhất 8/);
    const { addOfficer } = await import('../../electron/node/officers/officer-repo');
    await (await core.store.exec('t', (db) => addOfficer(db, { officerId: 'qt02', username: 'quantri2', fullName: 'Quản Trị Hai', roles: ['admin'], password: 'mat-khau-qt-hai' }, 'test', '2026-11-30T08:00:00+07:00')));
    const second = await core.actorOf(await core.session.login('quantri2', 'mat-khau-qt-hai'));
    await core.officers.deactivate(second, 'admin-quantri');
    await expect(core.session.login('quantri', 'mat-khau-moi-dai')).rejects.toThrow(/Sai tên đăng nhập/);
    // Once quantri2 is switched off, quantri is the last active admin and cannot be.
    await core.officers.activate(second, 'admin-quantri');
    await expect(core.officers.resetPassword(second, 'admin-quantri', 'mat-khau-sau-khi-mo')).resolves.toMatchObject({ active: true });
    expect((await core.session.login('quantri', 'mat-khau-sau-khi-mo')).officerId).toBe('admin-quantri');
    const first = await core.actorOf({ officerId: 'admin-quantri', fullName: 'Quản Trị', roles: ['admin'] });
    await core.officers.deactivate(first, 'qt02');
    await expect(core.officers.deactivate(second, 'admin-quantri')).rejects.toThrow(/quản trị viên cuối cùng/);
    // Nothing a password was typed into reaches the audit log.
    const details = await core.store.exec('t', (db) => (db.prepare('SELECT group_concat(coalesce(details, \'\'), \'|\') AS d FROM audit_log').get() as { d: string }).d);
    for (const pw of [ADMIN_PW, 'mat-khau-moi-dai', 'mat-khau-sau-khi-mo']) expect(details).not.toContain(pw);
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/node/app/app-services';
import { TEST_ORIGIN, testAppServices } from '../helpers/app';
import { cliAdmin, motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const good = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true };
const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: null };

describe('officer.setRoles: an admin changes roles, audited; the last active admin keeps the admin role', () => {
  const t = tempDir('motcua-roles-ipc-');
  let app: AppServices;
  const call = async (channel: string, input: unknown = {}) => app.dispatcher.dispatch(good, channel, input);
  const audits = () => app.store.exec('t', (db) => db.prepare("SELECT actor, subject, details FROM audit_log WHERE action = 'officer.setRoles' ORDER BY id").all() as Array<{ actor: string; subject: string; details: string }>);
  beforeAll(async () => {
    const dataDir = join(t.dir, 'data');
    mkdirSync(dataDir);
    app = await testAppServices(dataDir);
    const setup = await call('auth.setup', { unit: UNIT, admin: { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-quan-tri' } });
    expect(setup.ok).toBe(true);
    expect((await call('officer.add', { officerId: 'cb01', username: 'canbo01', fullName: 'Trần Thị Bình', roles: ['officer'], password: 'mat-khau-can-bo' })).ok).toBe(true);
  });
  afterAll(async () => {
    await app?.close();
    t.cleanup();
  });

  it('adds and removes roles (kept in the rule order), audits who changed what, and the new roles apply at the next sign-in', async () => {
    const admin = (await call('auth.state')) as { ok: true; value: { officer: { officerId: string } } };
    const me = admin.value.officer.officerId;
    const r = await call('officer.setRoles', { officerId: 'cb01', roles: ['supervisor', 'officer'] });
    expect(r).toEqual({ ok: true, value: { officerId: 'cb01', fullName: 'Trần Thị Bình', username: 'canbo01', roles: ['officer', 'supervisor'], active: true } });
    expect(await audits()).toEqual([{ actor: me, subject: 'cb01', details: JSON.stringify({ from: ['officer'], to: ['officer', 'supervisor'] }) }]);
    // The same roles again change nothing and write no row.
    await call('officer.setRoles', { officerId: 'cb01', roles: ['officer', 'supervisor'] });
    expect(await audits()).toHaveLength(1);
    await call('auth.logout');
    const login = await call('auth.login', { username: 'canbo01', password: 'mat-khau-can-bo' });
    expect(login).toMatchObject({ ok: true, value: { roles: ['officer', 'supervisor'] } });
    // Not an admin: the channel is refused.
    expect(await call('officer.setRoles', { officerId: 'cb01', roles: ['admin'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call('auth.logout');
    expect((await call('auth.login', { username: 'quantri', password: 'mat-khau-quan-tri' })).ok).toBe(true);
  });

  it('refuses to take the admin role from the last active admin, an empty list and an unknown officer', async () => {
    const state = (await call('auth.state')) as { ok: true; value: { officer: { officerId: string } } };
    const me = state.value.officer.officerId;
    expect(await call('officer.setRoles', { officerId: me, roles: ['officer'] })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('quản trị viên cuối cùng') } });
    expect(await call('officer.setRoles', { officerId: 'cb01', roles: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('officer.setRoles', { officerId: 'khong-co', roles: ['officer'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // With a second admin, the first may step down.
    expect((await call('officer.setRoles', { officerId: 'cb01', roles: ['officer', 'admin'] })).ok).toBe(true);
    expect(await call('officer.setRoles', { officerId: me, roles: ['officer', 'supervisor'] })).toMatchObject({ ok: true, value: { roles: ['officer', 'supervisor'] } });
  });
});

describe('motcua officer roles', { timeout: 120_000 }, () => {
  const t = tempDir('motcua-roles-cli-');
  const dataDir = join(t.dir, 'MotCuaDesk');
  const dd = ['--data-dir', dataDir];
  let admin: Record<string, string>;
  beforeAll(() => {
    admin = cliAdmin(dataDir, { MOTCUA_SECRET_STORE: 'key-file' });
    const r = motcua(['officer', 'add', '--id', 'cb01', '--username', 'canbo01', '--name', 'Trần Thị Bình', '--role', 'officer', '--password-env', 'PW', ...dd], { ...admin, PW: 'mat-khau-can-bo' });
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => t.cleanup());

  it('changes roles, refuses bad roles and the last admin in Vietnamese, and only an admin may run it', () => {
    const r = motcua(['officer', 'roles', 'cb01', '--roles', 'officer,supervisor', '--json', ...dd], admin);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ officerId: 'cb01', roles: ['officer', 'supervisor'], active: true });
    const bad = motcua(['officer', 'roles', 'cb01', '--roles', 'officer,boss', ...dd], admin);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Lỗi: Vai trò phải là officer, supervisor hoặc admin \("boss"\)\./);
    const last = motcua(['officer', 'roles', 'qt01', '--roles', 'officer', ...dd], admin);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('quản trị viên cuối cùng');
    const lastEn = motcua(['officer', 'roles', 'qt01', '--roles', 'officer', ...dd], { ...admin, MOTCUA_LANG: 'en' });
    expect(lastEn.stderr).toMatch(/^Error: This is the last active administrator on this PC: the administrator role cannot be removed\./);
    const notAdmin = motcua(['officer', 'roles', 'cb01', '--roles', 'admin', ...dd], { MOTCUA_SECRET_STORE: 'key-file', MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: 'mat-khau-can-bo' });
    expect(notAdmin.code).toBe(1);
    const list = motcua(['officer', 'list', '--json', ...dd], admin);
    expect((JSON.parse(list.stdout) as Array<{ officerId: string; roles: string[] }>).find((o) => o.officerId === 'cb01')?.roles).toEqual(['officer', 'supervisor']);
  });
});

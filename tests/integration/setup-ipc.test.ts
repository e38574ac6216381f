import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/node/app/app-services';
import { TEST_ORIGIN, testAppServices } from '../helpers/app';
import { CLIENT, referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

const good = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true };
const UNIT = { unitCode: '000.00.01.H22', unitName: 'Tên cũ', counterId: 'Q01', offlineBlock: null };

describe('the setup channels the settings screens will call (real dispatcher, reference server)', () => {
  const t = tempDir('motcua-setup-ipc-');
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let app: AppServices;
  const events: Array<[string, unknown]> = [];
  const call = async (channel: string, input: unknown = {}) => app.dispatcher.dispatch(good, channel, input);
  const value = async (channel: string, input: unknown = {}) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  beforeAll(async () => {
    server = await referenceServer(t.dir);
    const dataDir = join(t.dir, 'data');
    mkdirSync(dataDir);
    app = await testAppServices(dataDir);
    app.hub.subscribe((name, payload) => events.push([name, payload]));
    // A counter first run without a province, by the same admin the province knows.
    await value('auth.setup', { unit: UNIT, admin: { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-quan-tri' } });
  });
  afterAll(async () => {
    // api.configure starts a sync run; the store must outlive it.
    for (let i = 0; i < 300 && app?.sync.running; i++) await new Promise((r) => setTimeout(r, 100));
    await app?.close();
    await server?.close();
    t.cleanup();
  });

  it('api.configure keeps the secret out of every answer; api.state says where it is; api.test checks it', async () => {
    expect((await value('api.state')).secret).toMatchObject({ stored: false, store: 'key-file' });
    const saved = await value('api.configure', { apiUrl: server.url, ...CLIENT });
    expect(saved).toMatchObject({ apiUrl: server.url, clientId: 'counter-q01', store: 'key-file', where: { key: 'secrets.where.keyFile', params: { path: expect.stringContaining('data.key') }, message: expect.stringContaining('data.key') } });
    const state = await value('api.state');
    expect(state).toMatchObject({ apiUrl: server.url, clientId: 'counter-q01', fromEnv: { apiUrl: false, clientId: false, clientSecret: false }, secret: { stored: true, store: 'key-file' } });
    for (const v of [saved, state]) expect(JSON.stringify(v)).not.toContain(CLIENT.clientSecret);
    const test = await value('api.test');
    expect(test).toMatchObject({ ok: true, reachable: true, credentials: 'ok' });
    expect(test.lines).toHaveLength(3);
    expect(test.linesEn).toHaveLength(3);
    expect((test.linesEn as string[])[0]).toMatch(/^Provincial server .*: answered in \d+ ms\.$/);
    const http = await call('api.configure', { apiUrl: 'http://192.0.2.1/api', ...CLIENT });
    expect(http).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/https/) } });
    const audit = await app.store.exec('t', (db) => db.prepare("SELECT group_concat(coalesce(details, ''), '|') AS d FROM audit_log").get() as { d: string });
    expect(audit.d).not.toContain(CLIENT.clientSecret);
    expect(audit.d).toContain('"store":"key-file"');
  });

  it('with the API configured the first-run setup is closed, and sign-in goes to the province', async () => {
    expect(await value('auth.state')).toMatchObject({ needsSetup: false });
    await value('auth.logout');
    expect(await call('api.configure', { apiUrl: server.url, ...CLIENT })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const setup = await call('auth.setup', { unit: UNIT, admin: { username: 'khac', fullName: 'Khác', password: 'mat-khau-dai' } });
    expect(setup).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await value('auth.login', { username: 'quantri', password: 'mat-khau-quan-tri' });
    const login = await app.store.exec('t', (db) => db.prepare("SELECT details FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1").get() as { details: string });
    expect(JSON.parse(login.details)).toEqual({ online: true });
  });

  it('unit.pull brings the province\'s unit and block; without a desk block from the server the desk typed here stays', async () => {
    const desk = { deskName: 'Bộ phận Một cửa xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 234' };
    expect(await value('unit.setDesk', desk)).toEqual(desk);
    expect(await call('unit.setDesk', { phone: 'không có' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const pulled = await value('unit.pull', { counterId: 'Q01' });
    expect(pulled).toEqual({
      unit: { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } },
      address: 'Xã Tân Phú',
      workHours: [
        { from: '07:00', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
      desk,
      deskFromProvince: false,
    });
    expect(await value('unit.desk')).toEqual(desk);
    expect(events).toContainEqual(['unit.changed', pulled.unit]);
    expect(await call('unit.pull', { counterId: 'Q77' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/Q77/) } });
  });

  it('officer.deactivate / activate / resetPassword: admin only, policy in the service', async () => {
    await value('officer.add', { officerId: 'cb09', username: 'canbo09', fullName: 'Cán Bộ Chín', roles: ['officer'], password: 'mat-khau-chin' });
    expect(await value('officer.deactivate', { officerId: 'cb09' })).toMatchObject({ officerId: 'cb09', active: false });
    expect(await value('officer.activate', { officerId: 'cb09' })).toMatchObject({ active: true });
    expect(await call('officer.deactivate', { officerId: 'admin-quantri' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/tự ngừng/) } });
    expect(await call('officer.resetPassword', { officerId: 'cb09', password: 'mat-khau-moi-dai' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/tỉnh/) } });
    expect(await call('officer.resetPassword', { officerId: 'cb09', password: 'ngan' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

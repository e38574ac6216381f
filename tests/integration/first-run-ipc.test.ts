import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/node/app/app-services';
import { TEST_ORIGIN, testAppServices } from '../helpers/app';
import { CLIENT, referenceServer } from '../helpers/sync';
import { OFFICER_PASSWORD } from '../helpers/intake';
import { tempDir } from '../helpers/tmp';

const good = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true };

describe('first run in the app: the setup channels open only while the PC has no officer', () => {
  const t = tempDir('motcua-first-run-');
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let app: AppServices;
  const call = async (channel: string, input: unknown = {}) => app.dispatcher.dispatch(good, channel, input);
  beforeAll(async () => {
    server = await referenceServer(t.dir);
    const dataDir = join(t.dir, 'data');
    mkdirSync(dataDir);
    app = await testAppServices(dataDir);
  });
  afterAll(async () => {
    for (let i = 0; i < 300 && app?.sync.running; i++) await new Promise((r) => setTimeout(r, 100));
    await app?.close();
    await server?.close();
    t.cleanup();
  });

  it('a fresh PC tries typed credentials, saves them without a sign-in, and says where the secret went', async () => {
    expect(await call('auth.state')).toMatchObject({ ok: true, value: { officer: null, needsSetup: true, noOfficerYet: true, apiConfigured: false } });
    const wrong = await call('api.test', { candidate: { apiUrl: server.url, clientId: CLIENT.clientId, clientSecret: 'not-the-secret' } });
    expect(wrong).toMatchObject({ ok: true, value: { ok: false, reachable: true, credentials: 'refused' } });
    const right = await call('api.test', { candidate: { apiUrl: server.url, ...CLIENT } });
    expect(right).toMatchObject({ ok: true, value: { ok: true, reachable: true, credentials: 'ok', apiUrl: server.url } });
    // Trying does not save: nothing is configured yet.
    expect(await call('api.state')).toMatchObject({ ok: true, value: { apiUrl: null, secret: { stored: false } } });
    const http = await call('api.configure', { apiUrl: 'http://192.0.2.1/api', ...CLIENT });
    expect(http).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'api.badUrl', message: expect.stringMatching(/không dùng https/) } });
    const saved = await call('api.configure', { apiUrl: server.url, ...CLIENT });
    expect(saved).toMatchObject({ ok: true, value: { apiUrl: server.url, clientId: CLIENT.clientId, store: 'key-file', warning: { key: 'secrets.keyFileWarning', params: { path: expect.stringContaining('data.key') }, message: expect.stringContaining('data.key') } } });
    expect(JSON.stringify(saved)).not.toContain(CLIENT.clientSecret);
    const audit = await app.store.exec('t', (db) => db.prepare("SELECT actor FROM audit_log WHERE action = 'secrets.store'").all() as Array<{ actor: string }>);
    expect(audit).toEqual([{ actor: 'first-run-setup' }]);
    // With the API set there is no local bootstrap: the first admin signs in online.
    expect(await call('auth.state')).toMatchObject({ ok: true, value: { needsSetup: false, noOfficerYet: true, apiConfigured: true } });
    expect(await call('auth.setup', { unit: { unitCode: '000.00.01.H22', unitName: 'X', counterId: 'Q01', offlineBlock: null }, admin: { username: 'ai-do', fullName: 'Ai Đó', password: 'mat-khau-dai' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('once an officer exists, anonymous setup calls are refused and only an admin may change the connection', async () => {
    expect(await call('auth.login', { username: 'canbo01', password: OFFICER_PASSWORD })).toMatchObject({ ok: true });
    // A signed-in officer may test the saved connection but not change it.
    expect(await call('api.configure', { apiUrl: server.url, ...CLIENT })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'auth.roleMissing', params: { role: 'admin' } } });
    expect(await call('api.test')).toMatchObject({ ok: true, value: { ok: true } });
    await call('auth.logout');
    expect(await call('auth.state')).toMatchObject({ ok: true, value: { noOfficerYet: false } });
    for (const [channel, input] of [
      ['api.configure', { apiUrl: server.url, ...CLIENT }],
      ['api.state', {}],
      ['api.test', {}],
    ] as const) {
      expect(await call(channel, input)).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'auth.signInRequired' } });
    }
    // The service holds the line too, should a caller reach it without the dispatcher's check.
    await expect(app.apiSetup.configureFirstRun({ apiUrl: server.url, ...CLIENT })).rejects.toMatchObject({ code: 'forbidden', key: 'api.firstRunClosed' });
    expect(await call('auth.login', { username: 'quantri', password: 'mat-khau-quan-tri' })).toMatchObject({ ok: true });
    expect(await call('api.configure', { apiUrl: server.url, ...CLIENT })).toMatchObject({ ok: true });
    expect(await call('api.test')).toMatchObject({ ok: true, value: { ok: true, credentials: 'ok' } });
  });
});

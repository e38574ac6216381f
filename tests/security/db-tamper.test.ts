import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../electron/common/domain/doctor';
import { IDLE_DEFAULT_MINUTES, setIdleMinutes } from '../../electron/node/auth/idle-policy';
import { motcua } from '../helpers/cli';
import { openDataDb } from '../helpers/data-db';
import { ADMIN, appFixture, type AppFixture } from './support';

/**
 * Someone holding the database key (a paper key export, a copied key file) but not the audit key
 * edits the encrypted database directly. What decides access — officer rows and security
 * settings — must not follow: sign-in, the token module and the idle lock refuse or fall back.
 */
const OFFICER = { officerId: 'cb01', username: 'canbo01', fullName: 'Trần Văn Một', roles: ['officer'], password: 'mat-khau-can-bo-01' };
const GOOD_MODULE = '/opt/vendor/libgood-pkcs11.so';
const EVIL_MODULE = '/tmp/evil/libpayload.so';

async function sql(dir: string, statement: string, ...params: unknown[]): Promise<void> {
  const db = await openDataDb(dir);
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

const tampered = (key: string) => ({ ok: false, error: { key, message: expect.stringMatching(/bị sửa bên ngoài ứng dụng/) } });
const login = (f: AppFixture, u: { username: string; password: string }) => f.call('auth.login', { username: u.username, password: u.password });
const recordsRow = async (f: AppFixture) => {
  const r = await f.call('app.doctor');
  expect(r.ok).toBe(true);
  return (r as { value: DoctorReport }).value.checks.find((c) => c.id === 'records');
};

describe('officer rows edited outside the app', () => {
  let f: AppFixture;
  beforeEach(async () => {
    f = await appFixture();
    expect((await f.call('officer.add', OFFICER)).ok).toBe(true);
    await f.call('auth.logout');
  });
  afterEach(() => f.close());

  it("UPDATE officers SET roles='[\"admin\"]': that officer cannot sign in (typed, Vietnamese), gets no admin, and it is audited", async () => {
    // The row as the app wrote it signs in, as an officer.
    expect(await login(f, OFFICER)).toMatchObject({ ok: true, value: { roles: ['officer'] } });
    await f.call('auth.logout');
    await sql(f.dir, `UPDATE officers SET roles = '["admin"]' WHERE officer_id = 'cb01'`);
    expect(await login(f, OFFICER)).toMatchObject({ ok: false, error: { code: 'forbidden', ...tampered('integrity.officerTampered').error, params: { officer: 'cb01' } } });
    expect(f.services.session.officer).toBeNull();
    expect(await f.call('officer.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await f.audit('integrity.tampered')).toEqual([{ actor: 'system', subject: 'cb01', details: JSON.stringify({ table: 'officers' }) }]);
    // The admin's own row is untouched and still works; doctor counts the one changed row.
    expect((await login(f, ADMIN)).ok).toBe(true);
    expect(await recordsRow(f)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^1 bản ghi bị sửa ngoài ứng dụng.*cb01/) });
  });

  it('a lock cleared by SQL does not reopen the account; an admin can only retire the changed row, to the least role', async () => {
    for (let i = 0; i < 5; i++) expect((await login(f, { username: OFFICER.username, password: `sai-${i}` })).ok).toBe(false);
    expect(await login(f, OFFICER)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/bị khóa/) } });
    await sql(f.dir, `UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE officer_id = 'cb01'`);
    expect(await login(f, OFFICER)).toMatchObject(tampered('integrity.officerTampered'));
    // An admin may retire the changed row; it comes back only with the least role.
    expect((await login(f, ADMIN)).ok).toBe(true);
    expect(await f.call('officer.activate', { officerId: 'cb01' })).toMatchObject(tampered('integrity.officerTampered'));
    // Nor can new roles be given to it: that would seal what was written outside the app.
    expect(await f.call('officer.setRoles', { officerId: 'cb01', roles: ['officer', 'supervisor'] })).toMatchObject(tampered('integrity.officerTampered'));
    expect(await f.call('officer.deactivate', { officerId: 'cb01' })).toMatchObject({ ok: true, value: { active: false, roles: ['officer'] } });
    expect(await recordsRow(f)).toMatchObject({ status: 'ok' });
  });

  it('the CLI refuses the same row the same way (the rule lives in the repository)', async () => {
    await sql(f.dir, `UPDATE officers SET roles = '["admin"]' WHERE officer_id = 'cb01'`);
    const r = motcua(['officer', 'list', '--data-dir', f.dir], { MOTCUA_OFFICER: OFFICER.username, MOTCUA_PASSWORD: OFFICER.password });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cb01.*bị sửa bên ngoài ứng dụng/);
    expect(r.stdout).not.toMatch(/canbo01/);
  });
});

describe('security settings edited outside the app', () => {
  let f: AppFixture;
  let loaded: string[];
  beforeEach(async () => {
    loaded = [];
    f = await appFixture({
      tokenFactory: (path) => {
        loaded.push(path);
        throw new Error('the test only records which library would be loaded');
      },
    });
  });
  afterEach(() => f.close());

  it('devices.tokenModule pointed elsewhere by SQL is never loaded: token listing refuses with a typed error, audited', async () => {
    expect(await f.call('devices.setTokenModule', { path: GOOD_MODULE })).toMatchObject({ ok: true });
    await f.call('token.list');
    expect(loaded).toEqual([GOOD_MODULE]);
    await sql(f.dir, `UPDATE settings SET value = ? WHERE key = 'devices.tokenModule'`, EVIL_MODULE);
    expect(await f.call('token.list')).toMatchObject({ ok: false, error: { code: 'conflict', ...tampered('integrity.settingTampered').error, params: { key: 'devices.tokenModule' } } });
    expect(loaded).toEqual([GOOD_MODULE]);
    expect(await f.audit('integrity.tampered')).toEqual([{ actor: 'system', subject: 'devices.tokenModule', details: JSON.stringify({ table: 'settings' }) }]);
    expect(await recordsRow(f)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/devices\.tokenModule/) });
    // The admin sets it again in the app: sealed anew, loaded.
    expect(await f.call('devices.setTokenModule', { path: GOOD_MODULE })).toMatchObject({ ok: true });
    await f.call('token.list');
    expect(loaded).toEqual([GOOD_MODULE, GOOD_MODULE]);
  });

  it('a tokenModule row inserted by SQL (none configured before) is not loaded either, nor replaced by a guess', async () => {
    await sql(f.dir, `INSERT INTO settings (key, value) VALUES ('devices.tokenModule', ?)`, EVIL_MODULE);
    expect(await f.call('token.list')).toMatchObject(tampered('integrity.settingTampered'));
    expect(loaded).toEqual([]);
  });

  it('auth.idleMinutes set by SQL (100000, or an in-range 240) is the default, not the edited value', async () => {
    const actor = await f.services.actorOf({ officerId: 'admin-quantri', fullName: ADMIN.fullName, roles: ['admin'] });
    await setIdleMinutes(f.services.settings, 5, actor);
    const idle = async () => {
      const s = await f.call('auth.state');
      return (s as { value: { idleMinutes: number } }).value.idleMinutes;
    };
    expect(await idle()).toBe(5);
    for (const v of ['240', '100000']) {
      await sql(f.dir, `UPDATE settings SET value = ? WHERE key = 'auth.idleMinutes'`, v);
      expect(await idle()).toBe(IDLE_DEFAULT_MINUTES);
    }
    expect((await f.audit('integrity.tampered')).map((r) => r.subject)).toEqual(['auth.idleMinutes', 'auth.idleMinutes']);
  });

  it('sync.apiUrl pointed at another server by SQL is not used: no provincial API, so no password goes there', async () => {
    await sql(f.dir, `INSERT INTO settings (key, value) VALUES ('sync.apiUrl', 'https://evil.example')`);
    expect(await f.services.settings.apiUrl()).toBeNull();
  });
});

describe('rows written before the seals (an upgraded database)', () => {
  let f: AppFixture;
  let removeDir: () => void = () => undefined;
  afterEach(async () => {
    await f.services.close();
    removeDir();
  });

  it('are sealed once at the first open, keep working, and are protected from then on', async () => {
    f = await appFixture();
    expect((await f.call('officer.add', OFFICER)).ok).toBe(true);
    expect((await f.call('devices.setTokenModule', { path: GOOD_MODULE })).ok).toBe(true);
    const actor = await f.services.actorOf({ officerId: 'admin-quantri', fullName: ADMIN.fullName, roles: ['admin'] });
    await setIdleMinutes(f.services.settings, 7, actor);
    const dir = f.dir;
    removeDir = () => rmSync(dir, { recursive: true, force: true });
    await f.services.close();
    // Back to the schema before the seals, as the previous version left it: no MAC anywhere, the same rows.
    const { migrations } = await import('../../electron/node/db/migrations/index.generated');
    const before = migrations[migrations.findIndex((m) => m.name === 'record_integrity') - 1]!.version;
    const db = await openDataDb(dir);
    // The migrations after the seals (17, the report's indexes; 18, the 766 summaries and their triggers; 19, the per-day counts and theirs; 21, the search index's rewrite mark; 22, the 766 summaries' sums per day) are undone too, so the reopen replays them as an upgrade does.
    for (const t of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'report_days_%'").pluck().all() as string[]) db.exec(`DROP TRIGGER ${t}`);
    db.exec('DROP TABLE report_day_received; DROP TABLE report_day_fees; DROP TABLE report_day_returned; DROP TABLE report_day_feed; DROP TABLE report_day_stale;');
    for (const t of ['remote', 'history', 'dossier']) for (const op of ['insert', 'update', 'delete']) db.exec(`DROP TRIGGER kpi766_${t}_${op}`);
    db.exec('DROP TABLE kpi766_settled; DROP TABLE kpi766_stale; DROP TABLE kpi766_settled_days; DROP TABLE kpi766_day_stale; DROP TABLE search_index_upkeep;');
    db.exec(`DROP INDEX remote_dossiers_span; DROP INDEX dossiers_span; DROP INDEX remote_dossiers_open; DROP INDEX dossiers_open; CREATE INDEX dossiers_status ON dossiers(trang_thai);`);
    db.exec(`ALTER TABLE officers DROP COLUMN mac; DROP TABLE setting_macs; DROP TABLE record_integrity; PRAGMA user_version = ${before};`);
    db.close();
    const loaded: string[] = [];
    f = await reopen(dir, loaded);
    expect((await login(f, OFFICER)).ok).toBe(true);
    expect(await f.audit('integrity.seal')).toEqual([{ actor: 'system', subject: 'record_integrity', details: JSON.stringify({ officers: 2, settings: 2 }) }]);
    const s = await f.call('auth.state');
    expect((s as { value: { idleMinutes: number } }).value.idleMinutes).toBe(7);
    expect(await f.services.tokens.modulePath()).toBe(GOOD_MODULE);
    await f.call('auth.logout');
    await sql(dir, `UPDATE officers SET roles = '["admin"]' WHERE officer_id = 'cb01'`);
    expect(await login(f, OFFICER)).toMatchObject(tampered('integrity.officerTampered'));
    // Putting the "not sealed yet" flag back does not get the edited row sealed.
    await f.services.close();
    await sql(dir, `UPDATE record_integrity SET sealed_at = NULL`);
    await sql(dir, `UPDATE officers SET mac = NULL WHERE officer_id = 'cb01'`);
    f = await reopen(dir, loaded);
    expect(await login(f, OFFICER)).toMatchObject(tampered('integrity.officerTampered'));
    expect(await f.audit('integrity.resealRefused')).toHaveLength(1);
  });
});

/** The app over an existing data directory (the fixture's services, without the first-run setup). */
async function reopen(dir: string, loaded: string[]): Promise<AppFixture> {
  const { createAppServices } = await import('../../electron/node/app/app-services');
  const { silentLogger } = await import('../../electron/node/log/logger');
  const { fakeScannerFactory } = await import('../fakes/fake-scanner');
  const { GOOD_SENDER } = await import('./support');
  const services = await createAppServices({
    dataDir: dir,
    appVersion: '0.0.0-test',
    host: 'electron',
    allowedOrigin: 'app://motcua',
    log: silentLogger,
    shell: { openExternal: async () => undefined, pickFiles: async () => [], openPdf: async () => true },
    scannerFactory: fakeScannerFactory().factory,
    printerFactory: async () => {
      throw new Error('no printer');
    },
    serialPorts: { list: async () => [] },
    tokenFactory: (p) => {
      loaded.push(p);
      throw new Error('no token');
    },
    probe: async () => false,
  });
  await services.start();
  return {
    services,
    dir,
    opened: [],
    call: (channel: string, input: unknown = {}) => services.dispatcher.dispatch(GOOD_SENDER, channel, input),
    audit: (action: string) =>
      services.store.exec('test.audit', (db) => db.prepare('SELECT actor, subject, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ actor: string; subject: string | null; details: string | null }>),
    close: () => services.close(),
  };
}

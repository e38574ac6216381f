import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_POLICY, loginOffline } from '../../electron/node/officers/officer-repo';
import { cliAdmin, motcua, motcuaAsync } from '../helpers/cli';
import { openDataDb } from '../helpers/data-db';
import { officerDb } from '../helpers/officer-db';
import { tempDir } from '../helpers/tmp';
import { appFixture, type AppFixture } from './support';

const PASSWORD = 'mat-khau-can-bo-01';
const MAX = DEFAULT_LOGIN_POLICY.maxFailures;

describe('lockout under parallel attempts in one process (the app)', () => {
  let f: AppFixture;
  beforeEach(async () => {
    f = await appFixture();
    const add = await f.call('officer.add', { officerId: 'cb01', username: 'canbo01', fullName: 'Trần Văn Một', roles: ['officer'], password: PASSWORD });
    expect(add.ok).toBe(true);
    await f.call('auth.logout');
  });
  afterEach(() => f.close());
  const row = () => f.services.store.exec('t', (db) => db.prepare('SELECT failed_logins, locked_until FROM officers WHERE officer_id = ?').get('cb01') as { failed_logins: number; locked_until: string | null });

  it('40 wrong passwords in parallel, then the right one: refused, locked, and only the first attempts were checked', async () => {
    const attempts = Array.from({ length: 40 }, (_, i) => f.call('auth.login', { username: 'canbo01', password: `sai-mat-khau-${i}` }));
    attempts.push(f.call('auth.login', { username: 'canbo01', password: PASSWORD }));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/bị khóa/) } });
    expect(f.services.session.officer).toBeNull();
    const r = await row();
    expect(r.locked_until).not.toBeNull();
    expect(Date.parse(r.locked_until!)).toBeGreaterThan(Date.now());
    // A guess is only ever checked while the account is open: at most MAX checked failures.
    expect(await f.audit('auth.loginFailed')).toHaveLength(MAX);
    // And the lock holds for the right password afterwards.
    expect(await f.call('auth.login', { username: 'canbo01', password: PASSWORD })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/bị khóa/) } });
  });

  it('the right password among the first attempts still signs in, and the count restarts', async () => {
    const results = await Promise.all([
      f.call('auth.login', { username: 'canbo01', password: 'sai-1' }),
      f.call('auth.login', { username: 'canbo01', password: PASSWORD }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(await row()).toEqual({ failed_logins: 0, locked_until: null });
  });
});

describe('the lockout rule in the officers repository', () => {
  let db: Database.Database;
  const T0 = new Date('2026-11-23T08:00:00+07:00');
  beforeEach(async () => {
    db = await officerDb(PASSWORD, T0);
  });
  afterEach(() => db.close());
  const state = () => db.prepare('SELECT failed_logins, locked_until FROM officers').get() as { failed_logins: number; locked_until: string | null };

  it('counts a failed attempt before the slow hash is checked', async () => {
    const pending = loginOffline(db, 'canbo01', 'sai', T0);
    // Nothing has been verified yet, but the attempt is already on the record.
    expect(state().failed_logins).toBe(1);
    await expect(pending).rejects.toThrow(/Sai tên đăng nhập/);
    expect(state().failed_logins).toBe(1);
  });

  it('locks at the fifth failure, refuses while locked, and reopens after the lockout', async () => {
    for (let i = 0; i < MAX; i++) await expect(loginOffline(db, 'canbo01', `sai-${i}`, T0)).rejects.toThrow();
    expect(state().locked_until).not.toBeNull();
    await expect(loginOffline(db, 'canbo01', PASSWORD, new Date(T0.getTime() + 29 * 60_000))).rejects.toThrow(/bị khóa/);
    const later = new Date(T0.getTime() + DEFAULT_LOGIN_POLICY.lockoutMinutes * 60_000 + 1000);
    await expect(loginOffline(db, 'canbo01', PASSWORD, later)).resolves.toMatchObject({ officerId: 'cb01' });
    expect(state()).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('after the lockout a new window starts: one wrong guess does not re-lock', async () => {
    for (let i = 0; i < MAX; i++) await expect(loginOffline(db, 'canbo01', `sai-${i}`, T0)).rejects.toThrow();
    const later = new Date(T0.getTime() + DEFAULT_LOGIN_POLICY.lockoutMinutes * 60_000 + 1000);
    await expect(loginOffline(db, 'canbo01', 'sai-nua', later)).rejects.toThrow(/Sai tên đăng nhập/);
    expect(state()).toEqual({ failed_logins: 1, locked_until: null });
  });
});

describe('lockout across processes (the CLI and the app share the database)', () => {
  const t = tempDir('motcua-lockout-');
  const dd = ['--data-dir', t.dir];
  beforeAll(() => {
    const admin = cliAdmin(t.dir);
    const r = motcua(['officer', 'add', '--id', 'cb01', '--username', 'canbo01', '--name', 'Trần Văn Một', '--role', 'officer', '--password-env', 'PW', ...dd], { ...admin, PW: PASSWORD });
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => t.cleanup());

  it('10 motcua processes guessing at once check at most 5 guesses; the right password is then refused', async () => {
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => motcuaAsync(['search', 'Nguyễn', ...dd], { MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: `sai-mat-khau-${i}` })),
    );
    for (const r of runs) expect(r.code).toBe(1);
    const db = await openDataDb(t.dir, { readonly: true });
    try {
      const failures = db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.loginFailed' AND subject = 'cb01'").get() as { n: number };
      expect(failures.n).toBe(MAX);
      const o = db.prepare("SELECT locked_until FROM officers WHERE officer_id = 'cb01'").get() as { locked_until: string | null };
      expect(o.locked_until).not.toBeNull();
    } finally {
      db.close();
    }
    const right = await motcuaAsync(['search', 'Nguyễn', ...dd], { MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: PASSWORD });
    expect(right.code).toBe(1);
    expect(right.stderr).toMatch(/bị khóa/);
  });
});

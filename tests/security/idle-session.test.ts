import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDLE_DEFAULT_MINUTES, parseIdleMinutes, setIdleMinutes } from '../../electron/node/auth/idle-policy';
import { appFixture, type AppFixture } from './support';

const MIN = 60_000;

describe('the idle lock is enforced in main, not only by the renderer timer', () => {
  let f: AppFixture;
  let t: number;
  beforeEach(async () => {
    t = Date.parse('2026-11-23T08:00:00+07:00');
    f = await appFixture({ now: () => new Date(t) });
  });
  afterEach(() => f.close());
  const expired = { ok: false, error: { code: 'forbidden', message: expect.stringMatching(/không thao tác/) } };

  it(`expires after ${IDLE_DEFAULT_MINUTES} minutes without a successful call; each successful call restarts the clock`, async () => {
    expect((await f.call('unit.get')).ok).toBe(true);
    t += (IDLE_DEFAULT_MINUTES - 1) * MIN;
    expect((await f.call('unit.get')).ok).toBe(true);
    t += (IDLE_DEFAULT_MINUTES - 1) * MIN;
    expect((await f.call('unit.get')).ok).toBe(true);
    t += IDLE_DEFAULT_MINUTES * MIN;
    expect(await f.call('unit.get')).toMatchObject(expired);
    // The session is gone for every channel, and the lock is on the audit log.
    expect(f.services.session.officer).toBeNull();
    expect(await f.call('dossier.listDay')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const state = await f.call('auth.state');
    expect(state.ok && (state.value as { officer: unknown }).officer).toBeNull();
    expect(await f.audit('auth.idleLock')).toHaveLength(1);
    // Signing in again opens a new session.
    expect((await f.call('auth.login', { username: 'quantri', password: 'mat-khau-quan-tri' })).ok).toBe(true);
    expect((await f.call('unit.get')).ok).toBe(true);
  });

  it('a public channel after the idle time also finds the session closed', async () => {
    t += (IDLE_DEFAULT_MINUTES + 1) * MIN;
    const info = await f.call('app.info');
    expect(info.ok && (info.value as { officer: unknown }).officer).toBeNull();
    expect(await f.audit('auth.idleLock')).toHaveLength(1);
  });

  it('refused or failed calls are not activity', async () => {
    t += 10 * MIN;
    expect((await f.call('unit.set', { unitCode: 'sai mã', unitName: '', counterId: 'Q 1', offlineBlock: null })).ok).toBe(false);
    expect((await f.call('nope')).ok).toBe(false);
    t += 6 * MIN;
    expect(await f.call('unit.get')).toMatchObject(expired);
  });

  it('follows the configured idle minutes', async () => {
    const actor = await f.services.actorOf({ officerId: 'admin-quantri', fullName: 'Nguyễn Quản Trị', roles: ['admin'] });
    await setIdleMinutes(f.services.settings, 5, actor);
    expect(await f.audit('settings.change')).toContainEqual(expect.objectContaining({ subject: 'auth.idleMinutes' }));
    const state = await f.call('auth.state');
    expect(state.ok && (state.value as { idleMinutes: number }).idleMinutes).toBe(5);
    t += 4 * MIN;
    expect((await f.call('unit.get')).ok).toBe(true);
    t += 5 * MIN + 1;
    expect(await f.call('unit.get')).toMatchObject(expired);
  });

  it('refuses invalid idle minutes when set, with a Vietnamese message, and stores nothing', async () => {
    const actor = await f.services.actorOf({ officerId: 'admin-quantri', fullName: 'Nguyễn Quản Trị', roles: ['admin'] });
    for (const bad of ['abc', '', '0', '-5', '15.5', '1e9', 'Infinity', Number.NaN, 0, -1, 1.5, 10_000, Number.POSITIVE_INFINITY]) {
      await expect(setIdleMinutes(f.services.settings, bad, actor), String(bad)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/phút/) });
    }
    expect(await f.services.settings.get('auth.idleMinutes')).toBeNull();
  });

  it('a stored value that is not a valid number of minutes counts as the default, never as "no lock"', async () => {
    for (const raw of ['abc', '0', '-3', '1e9', 'Infinity', '15.5', '', '99999']) expect(parseIdleMinutes(raw), raw).toBe(IDLE_DEFAULT_MINUTES);
    expect(parseIdleMinutes(null)).toBe(IDLE_DEFAULT_MINUTES);
    expect(parseIdleMinutes(' 30 ')).toBe(30);
    // A value left by an older version or edited by hand: the lock still holds at the default.
    await f.services.store.setSetting('auth.idleMinutes', 'không giới hạn', 'test');
    const state = await f.call('auth.state');
    expect(state.ok && (state.value as { idleMinutes: number }).idleMinutes).toBe(IDLE_DEFAULT_MINUTES);
    t += (IDLE_DEFAULT_MINUTES + 1) * MIN;
    expect(await f.call('unit.get')).toMatchObject(expired);
  });
});

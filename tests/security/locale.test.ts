import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, appFixture, type AppFixture } from './support';

describe('app.setLocale while signed out does not write to the database', () => {
  let f: AppFixture;
  beforeEach(async () => {
    f = await appFixture();
    await f.call('auth.logout');
  });
  afterEach(() => f.close());
  const auditRows = () => f.services.store.exec('t', (db) => (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n);

  it('keeps the login screen language in memory only', async () => {
    const before = await auditRows();
    for (let i = 0; i < 20; i++) expect(await f.call('app.setLocale', { locale: i % 2 ? 'vi' : 'en' })).toMatchObject({ ok: true });
    expect(await f.call('app.setLocale', { locale: 'en' })).toEqual({ ok: true, value: { locale: 'en' } });
    expect(await auditRows()).toBe(before);
    expect(await f.services.settings.get('ui.locale')).toBeNull();
    // The login screen shows the chosen language.
    const info = await f.call('app.info');
    expect(info.ok && (info.value as { locale: string }).locale).toBe('en');
  });

  it('saves the chosen language at the next sign-in, as that officer', async () => {
    await f.call('app.setLocale', { locale: 'en' });
    expect((await f.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    expect(await f.services.settings.get('ui.locale')).toBe('en');
    expect(await f.audit('settings.change')).toContainEqual(expect.objectContaining({ actor: 'admin-quantri', subject: 'ui.locale' }));
    // Once saved it is not saved again at the following sign-in.
    await f.call('auth.logout');
    const before = (await f.audit('settings.change')).length;
    expect((await f.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    expect(await f.audit('settings.change')).toHaveLength(before);
  });

  it('a failed sign-in does not save it', async () => {
    await f.call('app.setLocale', { locale: 'en' });
    expect((await f.call('auth.login', { username: ADMIN.username, password: 'sai-mat-khau' })).ok).toBe(false);
    expect(await f.services.settings.get('ui.locale')).toBeNull();
  });

  it('signed in, the choice is saved at once as the officer', async () => {
    expect((await f.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    expect(await f.call('app.setLocale', { locale: 'en' })).toEqual({ ok: true, value: { locale: 'en' } });
    expect(await f.services.settings.get('ui.locale')).toBe('en');
  });
});

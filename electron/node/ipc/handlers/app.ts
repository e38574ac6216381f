import { isSafeExternalUrl } from '../../../common/security/external-url';
import { AppFailure } from '../../../common/ipc/result';
import { runDoctor } from '../../services/doctor';
import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C = 'app.info' | 'app.setLocale' | 'app.doctor' | 'unit.get' | 'unit.set' | 'shell.openExternal';

export const appHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'app.info': async () => ({
    appName: 'Một Cửa Desk',
    version: e.appVersion,
    host: e.host,
    dataDir: e.core.dataDir,
    dbVersion: await e.core.store.schemaVersion(),
    locale: await e.core.settings.locale(),
    unit: await e.core.store.getUnitIdentity(),
    officer: e.core.session.officer ? { officerId: e.core.session.officer.officerId, fullName: e.core.session.officer.fullName } : null,
  }),
  'app.setLocale': async ({ locale }, ctx) => {
    // Before sign-in the login screen may switch language; that is recorded as the system's change.
    const actor = ctx.officer ? await actorOf(e, ctx) : { officerId: 'login-screen', fullName: '', roles: [], counterId: null };
    await e.core.settings.set('ui.locale', locale, actor);
    return { locale };
  },
  'app.doctor': () => runDoctor({ store: e.core.store, dataDir: e.core.dataDir, appVersion: e.appVersion, extraChecks: () => e.core.apiSetup.doctorChecks() }),
  'unit.get': () => e.core.store.getUnitIdentity(),
  'unit.set': async (unit, ctx) => {
    const saved = await e.core.store.setUnitIdentity(unit, (await actorOf(e, ctx)).officerId);
    e.core.hub.emit('unit.changed', saved);
    await e.core.monitor.check();
    return saved;
  },
  'shell.openExternal': async ({ url }) => {
    if (!isSafeExternalUrl(url)) throw new AppFailure('forbidden', 'Địa chỉ này không được phép mở ngoài ứng dụng.');
    await e.shell.openExternal(url);
    return { opened: true };
  },
});

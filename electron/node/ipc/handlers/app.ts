import { externalHosts, isSafeExternalUrl } from '../../../common/security/external-url';
import { failure } from '../../../common/ipc/result';
import { runDoctor } from '../../services/doctor';
import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C = 'app.info' | 'app.setLocale' | 'app.doctor' | 'unit.get' | 'unit.set' | 'shell.openExternal' | 'app.setTextScale';

export const appHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'app.info': async () => ({
    appName: 'Một Cửa Desk',
    version: e.appVersion,
    host: e.host,
    dataDir: e.core.dataDir,
    dbVersion: await e.core.store.schemaVersion(),
    // The language picked on the login screen, held in memory until sign-in saves it (app.setLocale).
    locale: e.core.session.pendingLocale ?? (await e.core.settings.locale()),
    unit: await e.core.store.getUnitIdentity(),
    officer: e.core.session.officer ? { officerId: e.core.session.officer.officerId, fullName: e.core.session.officer.fullName } : null,
    textScale: await e.core.settings.textScale(),
    wedgeGapMs: await e.core.settings.wedgeGap(),
  }),
  'app.setLocale': async ({ locale }, ctx) => {
    // Signed out, nothing is written: an anonymous caller could otherwise grow the database and
    // its audit chain at will. The choice stays in memory for the login screen and is saved as
    // the next officer's at sign-in (auth.ts), since they then work in that language.
    if (!ctx.officer) {
      e.core.session.rememberLocale(locale);
      return { locale };
    }
    await e.core.settings.set('ui.locale', locale, await actorOf(e, ctx));
    return { locale };
  },
  'app.doctor': () => runDoctor({ store: e.core.store, dataDir: e.core.dataDir, appVersion: e.appVersion, extraChecks: async () => [await e.core.audit.check(), ...(await e.core.doctorChecks())] }),
  'unit.get': () => e.core.store.getUnitIdentity(),
  'unit.set': async (unit, ctx) => {
    const saved = await e.core.store.setUnitIdentity(unit, (await actorOf(e, ctx)).officerId);
    e.core.hub.emit('unit.changed', saved);
    await e.core.monitor.check();
    return saved;
  },
  'shell.openExternal': async ({ url }) => {
    // The national portal and the configured province's own host, exactly: not all of gov.vn.
    if (!isSafeExternalUrl(url, externalHosts(await e.core.settings.apiUrl()))) throw failure('forbidden', 'app.urlNotAllowed');
    await e.shell.openExternal(url);
    return { opened: true };
  },
  'app.setTextScale': async ({ scale }, ctx) => {
    await e.core.settings.set('ui.textScale', String(scale), await actorOf(e, ctx));
    return { scale };
  },
});

import { toVietnamRfc3339 } from '../../../common/domain/time';
import type { SessionOfficer } from '../../auth/session';
import { addOfficer, listOfficers } from '../../officers/officer-repo';
import type { OfficerView } from '../../officers/officer-service';
import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C = 'auth.state' | 'auth.login' | 'auth.logout' | 'auth.lock' | 'auth.setup' | 'officer.add' | 'officer.list' | 'officer.deactivate' | 'officer.activate' | 'officer.resetPassword' | 'officer.setRoles';

export const authHandlers = (e: HandlerEnv): AreaHandlers<C> => {
  /** The language picked on the login screen becomes the officer's setting once they are signed in. */
  const signedIn = async (o: SessionOfficer): Promise<SessionOfficer> => {
    const locale = e.core.session.takePendingLocale();
    if (locale) await e.core.settings.set('ui.locale', locale, await e.core.actorOf({ officerId: o.officerId, fullName: o.fullName, roles: o.roles }));
    return o;
  };
  return {
    'auth.state': async () => ({
      officer: e.core.session.officer,
      needsSetup: await e.core.session.needsSetup(),
      noOfficerYet: await e.core.noOfficerYet(),
      apiConfigured: await e.core.apiConfigured(),
      // The same minutes main's own lock uses: an invalid setting is the default, never "off".
      idleMinutes: await e.core.session.idleMinutes(),
      warnMinutes: await e.core.settings.positive('auth.warnMinutes', 2),
    }),
    'auth.login': async ({ username, password }) => signedIn(await e.core.session.login(username, password)),
    'auth.logout': async () => {
      await e.core.session.logout('logout');
      return { ok: true };
    },
    'auth.lock': async () => {
      await e.core.session.logout('idle');
      return { ok: true };
    },
    'auth.setup': async ({ unit, admin }) => {
      // The service refuses unless this is a fresh PC without a provincial API, and says why.
      const o = await e.core.session.setupAdmin(admin);
      const saved = await e.core.store.setUnitIdentity(unit, o.officerId);
      e.core.hub.emit('unit.changed', saved);
      return signedIn(o);
    },
    'officer.add': async (input, ctx) => {
      const actor = await actorOf(e, ctx);
      const o = await (await e.core.store.exec('officer.add', (db) => addOfficer(db, { ...input, title: null }, actor.officerId, toVietnamRfc3339(e.core.now()))));
      return { officerId: o.officerId, fullName: o.fullName, roles: [...o.roles] };
    },
    'officer.list': () =>
      e.core.store.exec('officer.list', (db) => listOfficers(db).map((o) => ({ officerId: o.officerId, fullName: o.fullName, roles: [...o.roles], username: o.username, active: o.active }))),
    'officer.deactivate': async ({ officerId }, ctx) => account(await e.core.officers.deactivate(await actorOf(e, ctx), officerId)),
    'officer.activate': async ({ officerId }, ctx) => account(await e.core.officers.activate(await actorOf(e, ctx), officerId)),
    'officer.resetPassword': async ({ officerId, password }, ctx) => account(await e.core.officers.resetPassword(await actorOf(e, ctx), officerId, password)),
    'officer.setRoles': async ({ officerId, roles }, ctx) => account(await e.core.officers.setRoles(await actorOf(e, ctx), officerId, roles)),
  };
};

const account = (o: OfficerView) => ({ officerId: o.officerId, fullName: o.fullName, roles: [...o.roles], username: o.username, active: o.active });

import { formatError } from '../../../common/ipc/error-messages';
import { staleness } from '../../sync/staleness';
import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C = 'sync.state' | 'sync.now' | 'sync.queue' | 'sync.inbox' | 'sync.resend' | 'sync.informed' | 'sync.staleness' | 'sync.configure';

export const syncHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'sync.state': () => e.core.monitor.check(),
  'sync.now': async (_input, ctx) => {
    const { report: r, retried, heldForCorrection } = await e.core.sync.syncNow(await actorOf(e, ctx));
    const counts = { retried, heldForCorrection };
    return r
      ? { ran: true, sent: r.sent, remaining: r.remaining, rejected: r.rejected, ...counts, message: r.errors[0]?.text ?? null, messageKey: r.errors[0]?.wording ?? null }
      : e.core.sync.lastError
        ? { ran: false, sent: 0, remaining: 0, rejected: 0, ...counts, message: e.core.sync.lastError, messageKey: e.core.sync.lastErrorKey }
        : { ran: false, sent: 0, remaining: 0, rejected: 0, ...counts, message: formatError('sync.notConfigured', undefined, 'vi'), messageKey: { key: 'sync.notConfigured' } };
  },
  // Each entry carries its reason's key (outbox-repo reads it from the row, or from an older row's text).
  'sync.queue': () => e.core.outbox.queue(),
  'sync.inbox': async () => (await e.core.outbox.rejected()).map((x) => ({ ...x, details: [...x.details] })),
  'sync.resend': async ({ code }) => {
    await e.core.sync.resend(code);
    return { queued: true };
  },
  'sync.informed': async ({ code, note }, ctx) => e.core.outbox.informed(await actorOf(e, ctx), code, note),
  'sync.staleness': async () => {
    const api = await e.core.apiConfigured();
    return e.core.store.exec('sync.staleness', (db) => staleness(db, e.core.now(), api));
  },
  'sync.configure': async ({ apiUrl, clientId }, ctx) => {
    const actor = await actorOf(e, ctx);
    if (apiUrl) await e.core.settings.set('sync.apiUrl', apiUrl, actor);
    if (clientId) await e.core.settings.set('sync.clientId', clientId, actor);
    void e.core.sync.trigger('configure');
    return { saved: true };
  },
});

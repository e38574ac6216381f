import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C = 'returns.postOut' | 'address.currentUnits';

/** Issue #14: postal returns and today's units beside a card's address. */
export const addressHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'returns.postOut': async ({ code, trackingNo }, ctx) => {
    const r = await e.core.returns.postOut(code, { trackingNo, actor: (await actorOf(e, ctx)).officerId });
    void e.core.sync.trigger('handOver');
    return r;
  },
  'address.currentUnits': async ({ address }) => {
    const u = await e.core.address.currentUnits(address);
    return { text: u.text, source: u.source };
  },
});

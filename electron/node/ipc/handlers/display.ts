import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C = 'display.show' | 'display.showSaved' | 'display.config' | 'display.setConfig' | 'display.state' | 'display.rate';

/** The citizen display: the officer's window drives it; the display window reads its state and rates (dispatcher-gated). */
export const displayHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'display.show': async ({ draft }) => e.core.display.show(draft),
  'display.showSaved': async ({ code }) => e.core.display.showSaved(code),
  'display.config': () => e.core.display.config(),
  'display.setConfig': async (input, ctx) => e.core.display.setConfig(await actorOf(e, ctx), input),
  'display.state': async () => e.core.display.state,
  'display.rate': async ({ rating }, ctx) => e.core.display.rate(await actorOf(e, ctx), rating, 'touch'),
});

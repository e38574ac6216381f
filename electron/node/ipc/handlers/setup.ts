import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C = 'api.state' | 'api.configure' | 'api.test' | 'unit.pull' | 'unit.desk' | 'unit.setDesk';

/** Setting a counter up: the provincial API (secret sealed by the vault), the unit pulled from the province, the desk on the forms. */
export const setupHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'api.state': () => e.core.apiSetup.state(),
  'api.configure': async (input, ctx) => {
    // Without a sign-in the dispatcher let this through only on a PC with no officer: the first run.
    const saved = ctx.officer ? await e.core.apiSetup.configure(await actorOf(e, ctx), input) : await e.core.apiSetup.configureFirstRun(input);
    void e.core.sync.trigger('configure');
    return saved;
  },
  'api.test': ({ candidate }) => e.core.apiSetup.test(candidate),
  'unit.pull': async ({ counterId, unitCode }, ctx) => {
    const pulled = await e.core.units.pull(await actorOf(e, ctx), { counterId, unitCode: unitCode ?? null, fallbackUnitCode: e.core.session.officer?.unitCode ?? null });
    e.core.hub.emit('unit.changed', pulled.unit);
    return pulled;
  },
  'unit.desk': () => e.core.units.desk(),
  'unit.setDesk': async (desk, ctx) => e.core.units.setDesk(await actorOf(e, ctx), desk),
});

import { actorOf, printKept, type AreaHandlers, type HandlerEnv } from './env';

type C = 'form.list' | 'form.print';

/** "In mẫu…" on the Hồ sơ screen: the forms of a dossier, printed like the receipt (the print view, from memory). */
export const formHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'form.list': ({ code }) => e.core.forms.available(code),
  'form.print': async ({ code, mau, reason, newDueDate }, ctx) => {
    const path = await e.core.forms.write(await actorOf(e, ctx), code, mau, { reason: reason ?? null, newDueDate: newDueDate ?? null });
    return printKept(e, path);
  },
});

import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C = 'report.daily' | 'report.log' | 'report.export' | 'day.close' | 'audit.verify';

export const reportHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'report.daily': async ({ date, to, counterId }, ctx) => {
    const r = await e.core.reports.view(await actorOf(e, ctx), date, counterId, to);
    return { ...r, totals: { ...r.totals }, log: r.log.map((x) => ({ ...x })) as Array<Record<string, unknown>>, byProcedure: [...r.byProcedure], byCounter: [...r.byCounter], byOfficer: [...r.byOfficer], byHour: [...r.byHour], review: [...r.review] };
  },
  'report.log': async ({ date, to, counterId, offset, limit }, ctx) => {
    const page = await e.core.reports.logPage(await actorOf(e, ctx), { date, to: to ?? null, counterId, offset, limit });
    return { ...page, rows: page.rows.map((x) => ({ ...x })) as Array<Record<string, unknown>> };
  },
  'report.export': async ({ date, to, counterId, format }, ctx) => {
    const progress = (done: number, total: number) => e.core.hub.emit('work.progress', { task: 'report', done, total });
    const path = await e.core.reports.export(await actorOf(e, ctx), { date, to: to ?? null, counterId, format, progress });
    // The export is the user's own clear copy in their Documents folder: the OS viewer may open it.
    return { path, opened: format === 'pdf' ? await e.shell.openPdf(path) : true };
  },
  'day.close': async ({ date, notes, sign }, ctx) => {
    const r = await e.core.reports.closeDay(await actorOf(e, ctx), { date, notes: notes ?? null, sign: sign ?? null });
    void e.core.sync.trigger('dayClose'); // the close's anchor goes to the province now, not at the next timer
    return r;
  },
  'audit.verify': () => e.core.audit.verify(),
});

import { vietnamDate } from '../../../common/domain/time';
import { failure } from '../../../common/ipc/result';
import { searchProcedures } from '../../catalog/catalog-repo';
import { voidDossier } from '../../intake/void-dossier';
import { toVietnamRfc3339 } from '../../../common/domain/time';
import { actorOf, printKept, type AreaHandlers, type HandlerEnv } from './env';

type C =
  | 'catalog.search'
  | 'intake.previewDue'
  | 'intake.receive'
  | 'intake.turnBack'
  | 'intake.applicant'
  | 'dossier.listDay'
  | 'dossier.search'
  | 'dossier.get'
  | 'dossier.void'
  | 'receipt.print'
  | 'print.document'
  | 'attachments.pick'
  | 'attachments.scanFolder'
  | 'attachments.preview';

export const intakeHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'catalog.search': ({ query }) => e.core.store.exec('catalog.search', (db) => searchProcedures(db, query, 20)),
  'intake.previewDue': ({ maTthc }) => e.core.intake.previewDue(maTthc),
  'intake.receive': async ({ draft, attachments, override }, ctx) => {
    const r = await e.core.intake.receive(await actorOf(e, ctx), {
      draft,
      attachments: attachments.map((a) => ({ path: e.core.inbox.pathOf(a.token), documentCode: a.MaThanhPhanHoSo })),
      override: override ?? null,
      answerFirst: true,
    });
    return { code: r.code, receivedAt: r.receivedAt, dueAt: r.dueAt, hasReceipt: false, warnings: [...r.warnings], warningKeys: [...r.warningKeys] };
  },
  'intake.turnBack': async (input, ctx) => {
    const { id, pdfPath } = await e.core.intake.turnBack(await actorOf(e, ctx), input);
    return { id, ...(await printKept(e, pdfPath)) };
  },
  'intake.applicant': async ({ idNumber }, ctx) => e.core.intake.reuseApplicant(await actorOf(e, ctx), idNumber),
  'dossier.listDay': ({ date }) => e.core.intake.ofDay(date ?? vietnamDate(e.core.now())),
  'dossier.search': async ({ text }, ctx) => e.core.intake.find(await actorOf(e, ctx), text, 30),
  'dossier.get': async ({ code }, ctx) => e.core.intake.open(await actorOf(e, ctx), code),
  'dossier.void': async ({ code, reason }, ctx) => {
    const actor = await actorOf(e, ctx);
    const r = await e.core.store.exec('dossier.void', (db) => voidDossier(db, { code, reason, actor: actor.officerId, at: toVietnamRfc3339(e.core.now()) }));
    void e.core.sync.trigger('void');
    return r;
  },
  'receipt.print': async ({ code }, ctx) => printKept(e, await e.core.intake.receiptPath(await actorOf(e, ctx), code)),
  'print.document': ({ token }) => e.core.printOffers.bytes(token),
  'attachments.pick': async () => e.core.inbox.registerAll(await e.shell.pickFiles()),
  'attachments.scanFolder': async () => {
    const dir = await e.core.settings.get('intake.scanFolder');
    if (!dir) throw failure('not_found', 'attachments.noScanFolder');
    return e.core.inbox.scanFolder(dir);
  },
  'attachments.preview': ({ token }) => e.core.inbox.preview(token),
});

import type { Command } from 'commander';
import { AppFailure, failure } from '../common/ipc/result';
import { cliText, helpFlagText, jsonFlagText, say } from './cli-locale';
import type { CliContext } from './motcua';

// Repositories and the sync engine are import()ed by the commands that use them (see motcua.ts).

export function registerSyncCommands(program: Command, ctx: CliContext): void {
  const sync = program
    .command('sync')
    .description(say('đồng bộ với máy chủ hồ sơ của tỉnh', "sync with the province's dossier server"))
    .helpOption('-h, --help', helpFlagText())
    .option('--once', say('gửi tới khi hàng đợi trống (hoặc chỉ còn mục chờ/bị trả lại) rồi thoát', 'send until the queue is empty (or holds only paused or rejected items), then exit'))
    .option('--api <url>', say('địa chỉ API (mặc định MOTCUA_API_URL hoặc cấu hình)', 'API address (default MOTCUA_API_URL or the settings)'))
    .option('--timeout <seconds>', say('thời gian tối đa của một lần chạy', 'the longest a run may take'), '600')
    .option('--json', jsonFlagText())
    .action(async (o: { once?: boolean; api?: string; timeout: string; json?: boolean }) => {
      if (!o.once) throw failure('invalid_input', 'cli.syncOnce');
      const { report, retried, heldForCorrection } = await ctx
        .withStore(() => ctx.core().sync.syncOnce(ctx.actor(), { ...(o.api ? { apiUrl: o.api } : {}), deadlineMs: Number(o.timeout) * 1000 }))
        .catch((e: unknown) => {
          // On the command line the refusal names the three ways to give the address.
          throw e instanceof AppFailure && e.key === 'sync.notConfigured' ? failure('conflict', 'cli.syncNotConfigured') : e;
        });
      if (o.json) return ctx.printJson({ ...report, retried, heldForCorrection });
      if (retried || heldForCorrection) {
        ctx.io.out(
          say(
            `Thử lại ngay ${retried} hồ sơ đang chờ lần thử sau; ${heldForCorrection} hồ sơ bị trả lại chờ sửa, không gửi lại.`,
            `Retried now ${retried} dossiers that were waiting to retry; ${heldForCorrection} rejected dossiers wait for a correction and were not resent.`,
          ),
        );
      }
      ctx.io.out(
        say(
          `Đã gửi ${report.sent} mục; còn ${report.remaining} hồ sơ chờ gửi, ${report.rejected} bị trả lại; áp dụng ${report.changesApplied} thay đổi từ máy chủ.`,
          `Sent ${report.sent} items; ${report.remaining} dossiers still waiting, ${report.rejected} rejected; applied ${report.changesApplied} changes from the server.`,
        ),
      );
      for (const e of report.errors) ctx.io.err(`  ${cliText(e.text, e.wording)}`);
    });

  sync
    .command('status')
    .description(say('số hồ sơ chờ gửi, bị trả lại, đã gửi xong; lần đồng bộ thành công gần nhất, con trỏ thay đổi', 'how many dossiers are waiting, rejected and sent; the last successful sync, the changes cursor'))
    .option('--json', jsonFlagText())
    .action(async (o: { json?: boolean }) => {
      const { readSetting } = await import('../node/settings/settings-repo');
      const { outboxCounts, sentDossierCount } = await import('../node/sync/outbox-repo');
      const s = await ctx.withStore((store) =>
        store.exec('sync.status', (db) => {
          const { pending, rejected, waiting } = outboxCounts(db);
          return {
            counts: { pending, rejected, waiting, sent: sentDossierCount(db) },
            lastSuccessAt: readSetting(db, 'sync.lastSuccessAt'),
            cursor: readSetting(db, 'sync.changesCursor'),
          };
        }),
      );
      if (o.json) return ctx.printJson(s);
      ctx.io.out(
        say(
          `Hồ sơ chờ gửi ${s.counts.pending}, bị trả lại ${s.counts.rejected}, tạm dừng ${s.counts.waiting}, đã gửi xong ${s.counts.sent}; lần cuối: ${s.lastSuccessAt ?? 'chưa'}`,
          `Waiting to be sent ${s.counts.pending}, rejected ${s.counts.rejected}, paused ${s.counts.waiting}, sent ${s.counts.sent}; last success: ${s.lastSuccessAt ?? 'never'}`,
        ),
      );
    });

  sync
    .command('inbox')
    .description(say('hồ sơ bị máy chủ tỉnh trả lại, kèm lý do', 'dossiers the provincial server rejected, with the reasons'))
    .option('--json', jsonFlagText())
    .action(async (o: { json?: boolean }) => {
      const { rejectedInbox } = await import('../node/sync/outbox-repo');
      const items = await ctx.withStore((store) => store.exec('sync.inbox', (db) => rejectedInbox(db)));
      if (o.json) return ctx.printJson(items);
      if (!items.length) ctx.io.out(say('Không có hồ sơ nào bị trả lại.', 'No dossier was rejected.'));
      for (const i of items) {
        const fields = i.details.map((x) => [x.field, x.message].filter(Boolean).join(': ')).join('; ');
        ctx.io.out(`${i.code}\t${i.kind}\t${i.status ?? ''}\t${cliText(i.message, i.messageKey)}${fields ? ` (${fields})` : ''}`);
      }
    });
}

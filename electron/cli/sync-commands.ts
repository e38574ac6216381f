import type { Command } from 'commander';
import { AppFailure } from '../common/ipc/result';
import { dataLayout } from '../node/config/paths';
import { ContentStore } from '../node/files/content-store';
import { createLogger } from '../node/log/logger';
import { ProvincialApi } from '../node/sync/provincial-api';
import { backoffFromEnv, resolveApiConfig } from '../node/sync/sync-config';
import { SyncEngine, SyncLockedError } from '../node/sync/sync-engine';
import type { CliContext } from './motcua';

export function registerSyncCommands(program: Command, ctx: CliContext): void {
  const sync = program
    .command('sync')
    .description('đồng bộ với máy chủ hồ sơ của tỉnh')
    .helpOption('-h, --help', 'hiển thị trợ giúp')
    .option('--once', 'gửi tới khi hàng đợi trống (hoặc chỉ còn mục chờ/bị trả lại) rồi thoát')
    .option('--api <url>', 'địa chỉ API (mặc định MOTCUA_API_URL hoặc cấu hình)')
    .option('--timeout <seconds>', 'thời gian tối đa của một lần chạy', '600')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (o: { once?: boolean; api?: string; timeout: string; json?: boolean }) => {
      if (!o.once) throw new AppFailure('invalid_input', 'Dùng motcua sync --once (ứng dụng tự đồng bộ liên tục khi đang chạy).');
      const report = await ctx.withStore(async (store) => {
        const cfg = await resolveApiConfig(store, o.api ? { apiUrl: o.api } : {});
        if (!cfg) throw new AppFailure('conflict', 'Chưa cấu hình máy chủ tỉnh: đặt MOTCUA_API_URL hoặc dùng --api.');
        const engine = new SyncEngine({
          store,
          api: new ProvincialApi(cfg),
          files: new ContentStore(dataLayout(ctx.dataDir()).filesDir),
          log: createLogger({ scope: 'sync' }),
        }, backoffFromEnv());
        try {
          return await engine.runOnce({ deadlineMs: Number(o.timeout) * 1000 });
        } catch (e) {
          if (e instanceof SyncLockedError) throw new AppFailure('conflict', e.message);
          throw e;
        }
      });
      if (o.json) return ctx.printJson(report);
      ctx.io.out(`Đã gửi ${report.sent} mục; còn ${report.remaining}, bị trả lại ${report.rejected}; áp dụng ${report.changesApplied} thay đổi từ máy chủ.`);
      for (const e of report.errors) ctx.io.err(`  ${e}`);
    });

  sync
    .command('status')
    .description('số mục theo trạng thái, lần đồng bộ thành công gần nhất, con trỏ thay đổi')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (o: { json?: boolean }) => {
      const s = await ctx.withStore((store) =>
        store.exec('sync.status', (db) => {
          const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>;
          const setting = (k: string) => (db.prepare('SELECT value FROM settings WHERE key = ?').get(k) as { value: string } | undefined)?.value ?? null;
          return {
            counts: Object.fromEntries(['pending', 'in_flight', 'unknown', 'waiting', 'rejected', 'done'].map((k) => [k, rows.find((r) => r.state === k)?.n ?? 0])) as Record<'pending' | 'in_flight' | 'unknown' | 'waiting' | 'rejected' | 'done', number>,
            lastSuccessAt: setting('sync.lastSuccessAt'),
            cursor: setting('sync.changesCursor'),
          };
        }),
      );
      if (o.json) return ctx.printJson(s);
      ctx.io.out(`Chờ gửi ${s.counts.pending + s.counts.unknown + s.counts.in_flight}, bị trả lại ${s.counts.rejected}, đã gửi ${s.counts.done}; lần cuối: ${s.lastSuccessAt ?? 'chưa'}`);
    });

  sync
    .command('inbox')
    .description('hồ sơ bị máy chủ tỉnh trả lại, kèm lý do')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (o: { json?: boolean }) => {
      const items = await ctx.withStore((store) =>
        store.exec('sync.inbox', (db) =>
          (db.prepare("SELECT ma_ho_so, kind, last_error, updated_at FROM outbox WHERE state = 'rejected' ORDER BY updated_at").all() as Array<{ ma_ho_so: string; kind: string; last_error: string | null; updated_at: string }>).map(
            (r) => ({ code: r.ma_ho_so, kind: r.kind, at: r.updated_at, reason: r.last_error ? (JSON.parse(r.last_error) as unknown) : null }),
          ),
        ),
      );
      if (o.json) return ctx.printJson(items);
      if (!items.length) ctx.io.out('Không có hồ sơ nào bị trả lại.');
      for (const i of items) ctx.io.out(`${i.code}\t${i.kind}\t${JSON.stringify(i.reason)}`);
    });
}

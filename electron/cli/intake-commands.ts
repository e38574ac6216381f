import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { copyFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { durationUnitSchema, makeWorkRules } from '../common/domain/calendar';
import { parseCccdQr } from '../common/domain/cccd';
import { parseNationalTime } from '../common/domain/intake';
import { catalogPageSchema } from '../common/domain/procedure';
import { toVietnamRfc3339 } from '../common/domain/time';
import { AppFailure } from '../common/ipc/result';
import { seedDefaults } from '../node/app/seed';
import { importCalendarYear, loadWorkCalendar, workRules } from '../node/calendar/calendar-repo';
import { importCatalog } from '../node/catalog/catalog-repo';
import { dataLayout } from '../node/config/paths';
import { resourcesDir } from '../node/config/resources';
import { ContentStore } from '../node/files/content-store';
import { IntakeService } from '../node/intake/intake-service';
import { voidDossier } from '../node/intake/void-dossier';
import { SqliteStore } from '../node/store/sqlite-store';
import { requireRole } from './cli-role';
import type { CliContext } from './motcua';

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AppFailure('not_found', `Không đọc được tệp ${path}.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppFailure('invalid_input', `Tệp ${path} không phải JSON hợp lệ: ${(e as Error).message}`);
  }
}

/** Opens the store with first-run data (seeded calendar, sample catalog) and an intake service on it. */
async function openIntake(dataDir: string) {
  const layout = dataLayout(dataDir);
  const store = SqliteStore.open(layout.dbPath);
  const resources = resourcesDir();
  await seedDefaults(store, resources);
  const intake = new IntakeService({
    store,
    files: new ContentStore(layout.filesDir),
    receiptsDir: `${layout.filesDir}/receipts`,
    fontsDir: `${resources}/fonts`,
  });
  return { store, intake };
}

export function registerIntakeCommands(program: Command, ctx: CliContext): void {
  const withIntake = async <T>(fn: (s: Awaited<ReturnType<typeof openIntake>>) => Promise<T>): Promise<T> => {
    const s = await openIntake(ctx.dataDir());
    try {
      return await fn(s);
    } finally {
      await s.store.close();
    }
  };
  const help = (c: Command) => c.helpOption('-h, --help', 'hiển thị trợ giúp');

  const cccd = help(program.command('cccd').description('mã QR trên căn cước công dân'));
  cccd
    .command('parse <payload>')
    .description('đọc nội dung mã QR căn cước, in JSON')
    .action((payload: string) => {
      const r = parseCccdQr(payload);
      if (!r.ok) throw new AppFailure('invalid_input', r.error);
      ctx.printJson(r.value);
    });

  const calendar = help(program.command('calendar').description('lịch ngày làm việc và ngày hẹn trả'));
  calendar
    .command('due')
    .description('tính ngày hẹn trả theo lịch làm việc')
    .requiredOption('--received <RFC3339>', 'thời điểm tiếp nhận, ví dụ 2026-11-20T15:30:00+07:00')
    .requiredOption('--duration <n>', 'thời hạn giải quyết (số)')
    .requiredOption('--unit <unit>', 'NgayLamViec | Ngay | Gio | Thang')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (o: { received: string; duration: string; unit: string; json?: boolean }) => {
      const received = parseNationalTime(o.received);
      if (!received) throw new AppFailure('invalid_input', `--received "${o.received}" phải là RFC 3339 có múi giờ, ví dụ 2026-11-20T15:30:00+07:00.`);
      const amount = Number(o.duration);
      if (!Number.isFinite(amount) || amount < 0) throw new AppFailure('invalid_input', `--duration "${o.duration}" phải là số không âm.`);
      const unit = durationUnitSchema.safeParse(o.unit);
      if (!unit.success) throw new AppFailure('invalid_input', `--unit "${o.unit}" phải là NgayLamViec, Ngay, Gio hoặc Thang.`);
      const due = await withIntake(({ store }) => store.exec('calendar.due', (db) => loadWorkCalendar(db).dueDate(received, amount, unit.data)));
      const out = toVietnamRfc3339(due);
      if (o.json) ctx.printJson({ received: toVietnamRfc3339(received), duration: amount, unit: unit.data, due: out });
      else ctx.io.out(out);
    });
  calendar
    .command('import <file>')
    .description('nhập lịch một năm (định dạng của máy chủ tỉnh); thay thế cả năm đó')
    .action(async (file: string) => {
      const raw = await readJsonFile(file);
      const r = await withIntake(({ store }) => store.exec('calendar.import', (db) => importCalendarYear(db, raw)));
      await withIntake(({ store }) => store.audit({ actor: 'cli', action: 'calendar.import', subject: String(r.year), details: { days: r.days } }));
      ctx.io.out(`Đã nhập lịch năm ${r.year}: ${r.days} ngày ngoại lệ.`);
    });

  calendar
    .command('hours')
    .description('giờ làm việc của đơn vị và giờ chốt nhận hồ sơ buổi chiều (tùy chọn)')
    .option('--set <periods>', 'các ca, ví dụ 07:00-11:30,13:30-17:00')
    .option('--cutoff <HH:mm|off>', 'nhận sau giờ này thì tính từ ngày làm việc kế tiếp; off để bỏ')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (o: { set?: string; cutoff?: string; json?: boolean }) => {
      const result = await withIntake(({ store }) =>
        store.exec('calendar.hours', (db) => {
          const unit = db.prepare('SELECT unit_code FROM counters WHERE is_this_pc = 1').get() as { unit_code: string } | undefined;
          if (o.set !== undefined) {
            if (!unit) throw new AppFailure('conflict', 'Chưa cấu hình đơn vị (motcua unit set …).');
            const periods = o.set.split(',').map((p) => {
              const [from = '', to = ''] = p.split('-').map((x) => x.trim());
              return { from, to };
            });
            makeWorkRules(periods); // validates, with a Vietnamese message
            db.prepare('UPDATE units SET work_hours = ? WHERE unit_code = ?').run(JSON.stringify(periods), unit.unit_code);
          }
          if (o.cutoff !== undefined) {
            if (o.cutoff === 'off') db.prepare("DELETE FROM settings WHERE key = 'intake.cutoff'").run();
            else {
              makeWorkRules([{ from: '07:00', to: '17:00' }], o.cutoff);
              db.prepare("INSERT INTO settings (key, value) VALUES ('intake.cutoff', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(o.cutoff);
            }
          }
          const rules = workRules(db);
          const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          return { periods: rules.periods.map((p) => ({ from: hhmm(p.from), to: hhmm(p.to) })), cutoff: rules.cutoffMinutes === null ? null : hhmm(rules.cutoffMinutes) };
        }),
      );
      if (o.set !== undefined || o.cutoff !== undefined) {
        await withIntake(({ store }) => store.audit({ actor: 'cli', action: 'settings.change', subject: 'work_hours', details: result }));
      }
      if (o.json) return ctx.printJson(result);
      ctx.io.out(`Giờ làm việc: ${result.periods.map((p) => `${p.from}–${p.to}`).join(', ')}; chốt nhận: ${result.cutoff ?? 'không'}`);
    });

  const catalog = help(program.command('catalog').description('danh mục thủ tục hành chính'));
  catalog
    .command('import <file>')
    .description('nhập danh mục TTHC (định dạng của máy chủ tỉnh); thay thế các thủ tục cùng mã')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      const raw = await readJsonFile(file);
      const page = catalogPageSchema.safeParse(raw);
      if (!page.success) throw new AppFailure('invalid_input', 'Tệp danh mục phải có dạng {"items": [...]} theo hợp đồng API.');
      const r = await withIntake(({ store }) =>
        store.exec('catalog.import', (db) => importCatalog(db, page.data.items, { sample: page.data.sample === true, at: toVietnamRfc3339(new Date()) })),
      );
      if (o.json) return ctx.printJson(r);
      ctx.io.out(`Đã nhập ${r.imported} thủ tục${r.rejected.length ? `, bỏ qua ${r.rejected.length} mục lỗi` : ''}.`);
      for (const x of r.rejected) ctx.io.err(`  mục ${x.index}${x.MaTTHC ? ` (${x.MaTTHC})` : ''}: ${x.reason}`);
    });

  help(program.command('intake'))
    .description('tiếp nhận một hồ sơ từ tệp JSON (tên trường theo chuẩn quốc gia), in mã hồ sơ')
    .requiredOption('--json <file>', 'tệp JSON của hồ sơ')
    .option('--officer <id>', 'mã cán bộ tiếp nhận')
    .option('--allow-backdate', 'cho phép NgayTiepNhan trong quá khứ (chuyển dữ liệu); có ghi nhật ký')
    .option('--no-receipt', 'không tạo giấy tiếp nhận PDF ngay')
    .action(async (o: { json: string; officer?: string; allowBackdate?: boolean; receipt: boolean }) => {
      const raw = (await readJsonFile(o.json)) as Record<string, unknown>;
      if (raw && typeof raw === 'object' && Array.isArray(raw.attachments)) {
        // Attachment paths are relative to the JSON file, as a migration bundle would have them.
        const base = resolve(o.json, '..');
        raw.attachments = raw.attachments.map((a: unknown) =>
          typeof a === 'string' ? resolve(base, a) : a && typeof a === 'object' && 'path' in a ? { ...(a as object), path: resolve(base, String((a as { path: unknown }).path)) } : a,
        );
      }
      const r = await withIntake(({ intake }) =>
        intake.receive(raw, { actor: o.officer ?? 'cli', officerId: o.officer ?? null, allowBackdate: o.allowBackdate ?? false, skipReceipt: !o.receipt }),
      );
      ctx.io.out(r.code);
    });

  const receipt = help(program.command('receipt').description('giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)'));
  receipt
    .command('pdf <code>')
    .description('xuất giấy tiếp nhận của một hồ sơ ra tệp PDF')
    .requiredOption('--out <file>', 'tệp PDF đích')
    .option('--reprint', 'in lại (ghi "BẢN IN LẠI", có ghi nhật ký)')
    .option('--reason <text>', 'lý do in lại')
    .action(async (code: string, o: { out: string; reprint?: boolean; reason?: string }) => {
      await withIntake(async ({ intake }) => {
        const d = await intake.detail(code);
        if (!d) throw new AppFailure('not_found', `Không có hồ sơ mã ${code}.`);
        const path =
          !o.reprint && d.receiptPath ? d.receiptPath : await intake.writeReceipt(code, { reprint: Boolean(o.reprint), officerId: null, reason: o.reason ?? 'in lại từ dòng lệnh', actor: 'cli' });
        await copyFile(path, o.out);
      });
      ctx.io.out(o.out);
    });

  const dossier = help(program.command('dossier').description('hồ sơ đã tiếp nhận'));
  dossier
    .command('show <code>')
    .description('in chi tiết một hồ sơ')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (code: string, o: { json?: boolean }) => {
      const d = await withIntake(({ intake }) => intake.detail(code));
      if (!d) throw new AppFailure('not_found', `Không có hồ sơ mã ${code}.`);
      if (o.json) return ctx.printJson(d);
      ctx.io.out(`${d.code}  ${d.procedureName}\n${d.applicantName}  tiếp nhận ${d.receivedAt}  hẹn trả ${d.dueAt ?? '—'}`);
    });

  dossier
    .command('void <code>')
    .description('hủy phiếu tiếp nhận trong ngày (cần MOTCUA_OFFICER / MOTCUA_PASSWORD)')
    .requiredOption('--reason <text>', 'lý do hủy phiếu')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (code: string, o: { reason: string; json?: boolean }) => {
      const r = await withIntake(async ({ store }) => {
        const actor = await requireRole(store, 'officer');
        return store.exec('dossier.void', (db) => voidDossier(db, { code, reason: o.reason, actor, at: toVietnamRfc3339(new Date()) }));
      });
      if (o.json) return ctx.printJson(r);
      ctx.io.out(`Đã hủy phiếu ${r.code} lúc ${r.voidedAt}. Tỉnh sẽ nhận sự kiện rút hồ sơ khi đồng bộ.`);
    });

  help(program.command('search <text>'))
    .description('tìm hồ sơ theo mã, tên (không dấu), số định danh, số điện thoại')
    .option('--json', 'in kết quả dạng JSON')
    .option('--limit <n>', 'số kết quả tối đa', '20')
    .action(async (text: string, o: { json?: boolean; limit: string }) => {
      const hits = await withIntake(({ intake }) => intake.search(text, Math.max(1, Math.min(200, Number(o.limit) || 20))));
      if (o.json) return ctx.printJson(hits);
      if (!hits.length) ctx.io.out('Không tìm thấy hồ sơ nào.');
      for (const h of hits) ctx.io.out(`${h.code}\t${h.applicantName}\t${h.procedureName}\t${h.receivedAt}`);
    });
}

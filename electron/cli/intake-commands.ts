import type { Command } from 'commander';
import { resolve } from 'node:path';
import { parseCccdQr } from '../common/domain/cccd';
import { DEFAULT_SAME_DAY_CUTOFF } from '../common/domain/same-day';
import { toVietnamRfc3339 } from '../common/domain/time';
import { AppFailure, failure } from '../common/ipc/result';
import type { CoreServices } from '../node/core/core-services';
import type { CliContext } from './motcua';
import { helpFlagText, jsonFlagText, say } from './cli-locale';
import { countOf } from '../common/domain/english-plural';

// Schemas, repositories and services are import()ed by the commands that use them (see motcua.ts).

/** Intake, catalog and calendar files: at most 10 MB, strictly UTF-8 (an offending byte is named by its offset), then JSON. */
const readJsonFile = async (path: string): Promise<unknown> => {
  const { MAX_JSON_BYTES, readJsonInput } = await import('../node/files/input-file');
  return readJsonInput(path, MAX_JSON_BYTES);
};

export function registerIntakeCommands(program: Command, ctx: CliContext): void {
  // First-run data (seeded calendar, sample catalog) is in place before any intake command reads it.
  const withIntake = async <T>(fn: (core: CoreServices) => Promise<T>): Promise<T> => {
    const core = ctx.core();
    await core.seed();
    return fn(core);
  };
  const help = (c: Command) => c.helpOption('-h, --help', helpFlagText());

  const cccd = help(program.command('cccd').description(say('mã QR trên căn cước công dân', 'the QR code on the citizen identity card (CCCD)')));
  cccd
    .command('parse <payload>')
    .description(say('đọc nội dung mã QR căn cước, in JSON', 'read the content of a CCCD QR code, print JSON'))
    .action((payload: string) => {
      const r = parseCccdQr(payload);
      if (!r.ok) throw new AppFailure('invalid_input', r.error, undefined, r.reason);
      ctx.printJson(r.value);
    });

  const calendar = help(program.command('calendar').description(say('lịch ngày làm việc và ngày hẹn trả', 'the working-day calendar and due dates')));
  calendar
    .command('due')
    .description(say('tính ngày hẹn trả theo lịch làm việc', 'compute the due date by the working calendar'))
    .requiredOption('--received <RFC3339>', say('thời điểm tiếp nhận, ví dụ 2026-11-20T15:30:00+07:00', 'time of receipt, e.g. 2026-11-20T15:30:00+07:00'))
    .option('--duration <n>', say('thời hạn giải quyết (số); không dùng với TrongNgay', 'processing time limit (a number); not with TrongNgay'))
    .requiredOption('--unit <unit>', 'NgayLamViec | Ngay | Gio | Thang | TrongNgay')
    .option('--cut-off <HH:mm>', say(`giờ cắt ngày của thủ tục TrongNgay (GioCatNgay), mặc định ${DEFAULT_SAME_DAY_CUTOFF}`, `the day's cut-off time of a TrongNgay procedure (GioCatNgay), default ${DEFAULT_SAME_DAY_CUTOFF}`))
    .option('--json', jsonFlagText())
    .action(async (o: { received: string; duration?: string; unit: string; cutOff?: string; json?: boolean }) => {
      const { parseNationalTime } = await import('../common/domain/intake');
      const { durationUnitSchema, parseHhMm } = await import('../common/domain/calendar');
      const { loadWorkCalendar } = await import('../node/calendar/calendar-repo');
      const received = parseNationalTime(o.received);
      if (!received) throw failure('invalid_input', 'cli.receivedFormat', { value: o.received });
      const unit = durationUnitSchema.safeParse(o.unit);
      if (!unit.success) throw failure('invalid_input', 'cli.durationUnit', { value: o.unit });
      // A same-day procedure (NĐ 23/2015 Điều 7) has no amount: its limit is the day and the cut-off.
      const sameDay = unit.data === 'TrongNgay';
      if (o.duration === undefined && !sameDay) throw failure('invalid_input', 'cli.durationRequired', { unit: unit.data });
      const amount = o.duration === undefined ? 0 : Number(o.duration);
      if (!Number.isFinite(amount) || amount < 0) throw failure('invalid_input', 'cli.durationNumber', { value: String(o.duration) });
      if (o.cutOff !== undefined && !sameDay) throw failure('invalid_input', 'cli.cutOffSameDay');
      const cutOff = sameDay ? (o.cutOff ?? DEFAULT_SAME_DAY_CUTOFF) : null;
      if (cutOff !== null && parseHhMm(cutOff) === null) throw failure('invalid_input', 'cli.cutOffFormat', { value: cutOff });
      const due = await withIntake(({ store }) => store.exec('calendar.due', (db) => loadWorkCalendar(db).dueDate(received, amount, unit.data, cutOff)));
      const out = toVietnamRfc3339(due);
      if (o.json) ctx.printJson({ received: toVietnamRfc3339(received), duration: amount, unit: unit.data, ...(cutOff ? { cutOff } : {}), due: out });
      else ctx.io.out(out);
    });
  calendar
    .command('import <file>')
    .description(say('nhập lịch một năm (định dạng của máy chủ tỉnh); thay thế cả năm đó', "import a year's calendar (the provincial server's format); replaces that whole year"))
    .action(async (file: string) => {
      const { importCalendarYear } = await import('../node/calendar/calendar-repo');
      const raw = await readJsonFile(file);
      const r = await withIntake(({ store }) => store.exec('calendar.import', (db) => importCalendarYear(db, raw)));
      await withIntake(({ store }) => store.audit({ actor: ctx.actor().officerId, action: 'calendar.import', subject: String(r.year), details: { days: r.days } }));
      ctx.io.out(say(`Đã nhập lịch năm ${r.year}: ${r.days} ngày ngoại lệ.`, `Calendar for ${r.year} imported: ${countOf(r.days, 'exception day')}.`));
    });

  calendar
    .command('hours')
    .description(say('giờ làm việc của đơn vị và giờ chốt nhận hồ sơ buổi chiều (tùy chọn)', "the unit's working hours and the afternoon intake cut-off (optional)"))
    .option('--set <periods>', say('các ca, ví dụ 07:00-11:30,13:30-17:00', 'working periods, e.g. 07:00-11:30,13:30-17:00'))
    .option('--cutoff <HH:mm|off>', say('nhận sau giờ này thì tính từ ngày làm việc kế tiếp; off để bỏ', 'a dossier received after this time counts from the next working day; off removes it'))
    .option('--json', jsonFlagText())
    .action(async (o: { set?: string; cutoff?: string; json?: boolean }) => {
      const { makeWorkRules } = await import('../common/domain/calendar');
      const { workRules } = await import('../node/calendar/calendar-repo');
      const { writeSetting } = await import('../node/settings/settings-repo');
      const { appendAudit } = await import('../node/store/audit');
      const { setWorkHours, thisCounter } = await import('../node/unit/unit-repo');
      const result = await withIntake(({ store }) =>
        store.exec('calendar.hours', (db) => {
          const unit = thisCounter(db);
          if (o.set !== undefined) {
            if (!unit) throw failure('conflict', 'cli.unitNotConfigured');
            const periods = o.set.split(',').map((p) => {
              const [from = '', to = ''] = p.split('-').map((x) => x.trim());
              return { from, to };
            });
            makeWorkRules(periods); // validates, with a Vietnamese message
            setWorkHours(db, unit.unitCode, JSON.stringify(periods));
          }
          if (o.cutoff !== undefined) {
            if (o.cutoff === 'off') {
              writeSetting(db, 'intake.cutoff', null);
              appendAudit(db, { actor: ctx.actor().officerId, action: 'settings.delete', subject: 'intake.cutoff' }, toVietnamRfc3339(new Date()));
            }
            else {
              makeWorkRules([{ from: '07:00', to: '17:00' }], o.cutoff);
              writeSetting(db, 'intake.cutoff', o.cutoff);
            }
          }
          const rules = workRules(db);
          const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          return { periods: rules.periods.map((p) => ({ from: hhmm(p.from), to: hhmm(p.to) })), cutoff: rules.cutoffMinutes === null ? null : hhmm(rules.cutoffMinutes) };
        }),
      );
      if (o.set !== undefined || o.cutoff !== undefined) {
        await withIntake(({ store }) => store.audit({ actor: ctx.actor().officerId, action: 'settings.change', subject: 'work_hours', details: result }));
      }
      if (o.json) return ctx.printJson(result);
      const periods = result.periods.map((p) => `${p.from}–${p.to}`).join(', ');
      ctx.io.out(say(`Giờ làm việc: ${periods}; chốt nhận: ${result.cutoff ?? 'không'}`, `Working hours: ${periods}; intake cut-off: ${result.cutoff ?? 'none'}`));
    });

  const catalog = help(program.command('catalog').description(say('danh mục thủ tục hành chính', 'the catalog of administrative procedures (TTHC)')));
  catalog
    .command('import <file>')
    .description(say('nhập danh mục TTHC (định dạng của máy chủ tỉnh); thay thế các thủ tục cùng mã', "import the TTHC catalog (the provincial server's format); replaces the procedures with the same code"))
    .option('--json', jsonFlagText())
    .action(async (file: string, o: { json?: boolean }) => {
      const { catalogPageSchema } = await import('../common/domain/procedure');
      const { importCatalog } = await import('../node/catalog/catalog-repo');
      const raw = await readJsonFile(file);
      const page = catalogPageSchema.safeParse(raw);
      if (!page.success) throw failure('invalid_input', 'catalog.badFile');
      const r = await withIntake(({ store }) =>
        store.exec('catalog.import', (db) => importCatalog(db, page.data.items, { sample: page.data.sample === true, at: toVietnamRfc3339(new Date()) })),
      );
      if (o.json) return ctx.printJson(r);
      ctx.io.out(say(`Đã nhập ${r.imported} thủ tục${r.rejected.length ? `, bỏ qua ${r.rejected.length} mục lỗi` : ''}.`, `Imported ${r.imported} procedures${r.rejected.length ? `, skipped ${r.rejected.length} faulty items` : ''}.`));
      for (const x of r.rejected) ctx.io.err(`  ${say('mục', 'item')} ${x.index}${x.MaTTHC ? ` (${x.MaTTHC})` : ''}: ${x.reason}`);
    });

  help(program.command('intake'))
    .description(say('tiếp nhận một hồ sơ từ tệp JSON (tên trường theo chuẩn quốc gia), in mã hồ sơ', "receive a dossier from a JSON file (field names of the national standard), print the dossier's code"))
    .requiredOption('--json <file>', say('tệp JSON của hồ sơ', "the dossier's JSON file"))
    .option('--override-by <supervisor>', say('giám sát cho phép tiếp nhận khi đồng bộ quá hạn (mật khẩu trong MOTCUA_SUPERVISOR_PASSWORD)', 'supervisor who allows intake while sync is overdue (password in MOTCUA_SUPERVISOR_PASSWORD)'))
    .option('--override-reason <text>', say('lý do cho phép', 'why it is allowed'))
    .option('--allow-backdate', say('cho phép NgayTiepNhan trong quá khứ (chuyển dữ liệu); có ghi nhật ký', 'allow a NgayTiepNhan in the past (data migration); written to the audit log'))
    .option('--no-receipt', say('không tạo giấy tiếp nhận PDF ngay', 'do not make the receipt PDF now'))
    .action(async (o: { json: string; overrideBy?: string; overrideReason?: string; allowBackdate?: boolean; receipt: boolean }) => {
      const { SavedWithoutReceipt } = await import('../node/intake/intake-service');
      const raw = await readJsonFile(o.json);
      const override = o.overrideBy
        ? { supervisor: o.overrideBy, password: process.env.MOTCUA_SUPERVISOR_PASSWORD ?? '', reason: o.overrideReason ?? '' }
        : null;
      // Attachment paths are relative to the JSON file, as a migration bundle would have them.
      const r = await withIntake(({ intake }) =>
        intake.receiveImport(ctx.actor(), raw, { baseDir: resolve(o.json, '..'), allowBackdate: o.allowBackdate ?? false, skipReceipt: !o.receipt, override }),
      ).catch((e: unknown) => {
        if (!(e instanceof SavedWithoutReceipt)) throw e;
        // The dossier exists: its code goes to stdout as on success, so a script that retries on
        // failure can see it, and the one error line says how to finish instead of receiving again.
        ctx.io.out(e.dossierCode);
        throw failure(e.code, 'cli.savedWithoutReceipt', { code: e.dossierCode, reason: e.params?.reason ?? e.reason });
      });
      ctx.io.out(r.code);
    });

  const receipt = help(program.command('receipt').description(say('giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)', 'the receipt and appointment slip (Mẫu 01)')));
  receipt
    .command('pdf <code>')
    .description(say('xuất giấy tiếp nhận của một hồ sơ ra tệp PDF', "export a dossier's receipt to a PDF file"))
    .requiredOption('--out <file>', say('tệp PDF đích', 'the PDF file to write'))
    .option('--reprint', say('in lại (ghi "BẢN IN LẠI", có ghi nhật ký)', 'reprint (marked "BẢN IN LẠI", written to the audit log)'))
    .option('--reason <text>', say('lý do in lại', 'reason for the reprint'))
    .action(async (code: string, o: { out: string; reprint?: boolean; reason?: string }) => {
      await withIntake(async ({ intake, docs }) => {
        const d = await intake.detail(code);
        if (!d) throw failure('not_found', 'dossier.notFound', { code });
        const path =
          !o.reprint && d.receiptPath ? d.receiptPath : await intake.writeReceipt(ctx.actor(), code, { reprint: Boolean(o.reprint), reason: o.reason ?? 'in lại từ dòng lệnh' });
        // The kept receipt is sealed; the file the user named gets it in clear, by intent.
        await docs.exportTo(path, o.out);
      });
      ctx.io.out(o.out);
    });

  const dossier = help(program.command('dossier').description(say('hồ sơ đã tiếp nhận', 'received dossiers')));
  dossier
    .command('show <code>')
    .description(say('in chi tiết một hồ sơ', "print a dossier's details"))
    .option('--json', jsonFlagText())
    .action(async (code: string, o: { json?: boolean }) => {
      const d = await withIntake(({ intake }) => intake.open(ctx.actor(), code));
      if (!d) throw failure('not_found', 'dossier.notFound', { code });
      if (o.json) return ctx.printJson(d);
      ctx.io.out(`${d.code}  ${d.procedureName}\n${d.applicantName}  ${say('tiếp nhận', 'received')} ${d.receivedAt}  ${say('hẹn trả', 'due')} ${d.dueAt ?? '—'}`);
    });

  dossier
    .command('void <code>')
    .description(say('hủy phiếu tiếp nhận trong ngày (cần MOTCUA_OFFICER / MOTCUA_PASSWORD)', 'void a receipt issued today (needs MOTCUA_OFFICER / MOTCUA_PASSWORD)'))
    .requiredOption('--reason <text>', say('lý do hủy phiếu', 'reason for voiding the receipt'))
    .option('--json', jsonFlagText())
    .action(async (code: string, o: { reason: string; json?: boolean }) => {
      const { voidDossier } = await import('../node/intake/void-dossier');
      const r = await withIntake(({ store, now }) => store.exec('dossier.void', (db) => voidDossier(db, { code, reason: o.reason, actor: ctx.actor().officerId, at: toVietnamRfc3339(now()) })));
      if (o.json) return ctx.printJson(r);
      ctx.io.out(say(`Đã hủy phiếu ${r.code} lúc ${r.voidedAt}. Tỉnh sẽ nhận sự kiện rút hồ sơ khi đồng bộ.`, `Receipt ${r.code} voided at ${r.voidedAt}. The province gets the withdrawal event at the next sync.`));
    });

  help(program.command('search <text>'))
    .description(say('tìm hồ sơ theo mã, tên (không dấu), số định danh, số điện thoại', 'find dossiers by code, name (without diacritics), ID number or phone number'))
    .option('--json', jsonFlagText())
    .option('--limit <n>', say('số kết quả tối đa', 'most results shown'), '20')
    .action(async (text: string, o: { json?: boolean; limit: string }) => {
      const hits = await withIntake(({ intake }) => intake.find(ctx.actor(), text, Math.max(1, Math.min(200, Number(o.limit) || 20))));
      if (o.json) return ctx.printJson(hits);
      if (!hits.length) ctx.io.out(say('Không tìm thấy hồ sơ nào.', 'No dossier found.'));
      for (const h of hits) ctx.io.out(`${h.code}\t${h.applicantName}\t${h.procedureName}\t${h.receivedAt}`);
    });
}

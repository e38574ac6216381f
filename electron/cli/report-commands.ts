import type { Command } from 'commander';
import { toVietnamRfc3339, vietnamDate } from '../common/domain/time';
import { failure } from '../common/ipc/result';
import type { Role } from '../node/officers/officer-repo';
import type { ReportFormat } from '../node/reports/report-service';
import type { CliContext } from './motcua';
import { helpFlagText, jsonFlagText, say } from './cli-locale';

export function registerReportCommands(program: Command, ctx: CliContext): void {
  const report = program.command('report').description(say('báo cáo (cán bộ giám sát)', 'reports (supervisors)')).helpOption('-h, --help', helpFlagText());
  report
    .command('daily')
    .description(say('báo cáo quầy trong ngày: PDF (A4 ngang, kèm Sổ theo dõi Mẫu 07; khoảng quá 31 ngày chỉ có bảng tổng hợp), CSV, XLSX hoặc JSON', "the counter's daily report: PDF (A4 landscape, with the Mẫu 07 log book; a period over 31 days has the summary only), CSV, XLSX or JSON"))
    .option('--date <YYYY-MM-DD>', say('ngày báo cáo (mặc định hôm nay)', 'day of the report (default today)'))
    .option('--to <YYYY-MM-DD>', say('đến ngày (báo cáo một khoảng ngày, từ --date đến --to)', 'last day (a report over a period, from --date to --to)'))
    .option('--counter <id>', say('chỉ một quầy (mặc định: toàn đơn vị)', 'one counter only (default: the whole unit)'))
    .requiredOption('--format <pdf|csv|xlsx|json>', say('định dạng', 'format'))
    .requiredOption('--out <file>', say('tệp đích', 'the file to write'))
    .action(async (o: { date?: string; to?: string; counter?: string; format: string; out: string }) => {
      const day = o.date ?? vietnamDate(new Date());
      const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
      if (!isDay(day)) throw failure('invalid_input', 'cli.dateFormat');
      if (o.to !== undefined && (!isDay(o.to) || o.to < day)) throw failure('invalid_input', 'cli.toFormat');
      if (!['pdf', 'csv', 'xlsx', 'json'].includes(o.format)) throw failure('invalid_input', 'cli.reportFormat');
      await ctx.core().reports.export(ctx.actor(), { date: day, to: o.to ?? null, counterId: o.counter ?? null, format: o.format as ReportFormat, out: o.out });
      ctx.io.out(o.out);
    });

  const audit = program.command('audit').description(say('nhật ký kiểm toán', 'the audit log')).helpOption('-h, --help', helpFlagText());
  audit
    .command('verify')
    .description(say('kiểm tra chuỗi HMAC của nhật ký và các mốc ngoài cơ sở dữ liệu: phát hiện dòng bị sửa, xóa, đảo thứ tự hay cắt bớt phần cuối', "check the log's HMAC chain and its anchors outside the database: finds rows changed, deleted, reordered or cut off at the end"))
    .option('--json', jsonFlagText())
    .action(async (o: { json?: boolean }) => {
      const { auditVerdictEn, auditVerdictVi, auditVerdictWording } = await import('../common/domain/audit');
      const v = await ctx.core().audit.verify();
      if (o.json) ctx.printJson(v);
      else ctx.io.out(say(auditVerdictVi(v), auditVerdictEn(v)));
      if (!v.ok) throw failure('conflict', 'audit.tampered', { verdict: auditVerdictWording(v) });
    });

  const officer = program.command('officer').description(say('tài khoản cán bộ (quản trị)', 'officer accounts (admin)')).helpOption('-h, --help', helpFlagText());
  officer
    .command('add')
    .description(say('thêm cán bộ; mật khẩu lấy từ biến môi trường (không ghi lên dòng lệnh)', 'add an officer; the password comes from an environment variable (never on the command line)'))
    .requiredOption('--id <officerId>', say('mã cán bộ', 'officer id'))
    .requiredOption('--username <name>', say('tên đăng nhập', 'username'))
    .requiredOption('--name <fullName>', say('họ và tên', 'full name'))
    .option('--title <title>', say('chức danh', 'job title'))
    .option('--role <roles>', say('officer, supervisor, admin (phân cách bằng dấu phẩy)', 'officer, supervisor, admin (comma-separated)'), 'officer')
    .requiredOption('--password-env <VAR>', say('biến môi trường chứa mật khẩu ban đầu', 'environment variable holding the first password'))
    .option('--json', jsonFlagText())
    .action(async (o: { id: string; username: string; name: string; title?: string; role: string; passwordEnv: string; json?: boolean }) => {
      const { addOfficer, countOfficers } = await import('../node/officers/officer-repo');
      const password = process.env[o.passwordEnv];
      if (!password) throw failure('invalid_input', 'cli.envNoPassword', { name: o.passwordEnv });
      const roles = o.role.split(',').map((r) => r.trim()) as Role[];
      const added = await ctx.withStore(async (store) => {
        const actor = ctx.actor().officerId;
        const count = await store.exec('officers.count', (db) => countOfficers(db));
        if (count === 0 && !roles.includes('admin')) throw failure('invalid_input', 'cli.firstOfficerAdmin');
        return store.exec('officer.add', (db) => addOfficer(db, { officerId: o.id, username: o.username, fullName: o.name, title: o.title ?? null, roles, password }, actor, toVietnamRfc3339(new Date())));
      });
      const a = await added;
      if (o.json) return ctx.printJson(a);
      ctx.io.out(say(`Đã thêm ${a.username} (${a.roles.join(', ')}).`, `Added ${a.username} (${a.roles.join(', ')}).`));
    });
  officer
    .command('list')
    .description(say('liệt kê cán bộ', 'list the officers'))
    .option('--json', jsonFlagText())
    .action(async (o: { json?: boolean }) => {
      const { listOfficers } = await import('../node/officers/officer-repo');
      const list = await ctx.withStore(async (store) => {
        return store.exec('officer.list', (db) => listOfficers(db));
      });
      if (o.json) return ctx.printJson(list);
      for (const x of list) ctx.io.out(`${x.officerId}\t${x.username}\t${x.fullName}\t${x.roles.join(',')}${x.active ? '' : `\t${say('(ngừng)', '(inactive)')}`}`);
    });
}

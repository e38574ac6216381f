import type { Command } from 'commander';
import { toVietnamRfc3339, vietnamDate } from '../common/domain/time';
import { failure } from '../common/ipc/result';
import type { Role } from '../node/officers/officer-repo';
import type { ReportFormat } from '../node/reports/report-service';
import type { CliContext } from './motcua';
import { say } from './cli-locale';

export function registerReportCommands(program: Command, ctx: CliContext): void {
  const report = program.command('report').description('báo cáo (cán bộ giám sát)').helpOption('-h, --help', 'hiển thị trợ giúp');
  report
    .command('daily')
    .description('báo cáo quầy trong ngày: PDF (A4 ngang, kèm Sổ theo dõi Mẫu 07; khoảng quá 31 ngày chỉ có bảng tổng hợp), CSV, XLSX hoặc JSON')
    .option('--date <YYYY-MM-DD>', 'ngày báo cáo (mặc định hôm nay)')
    .option('--to <YYYY-MM-DD>', 'đến ngày (báo cáo một khoảng ngày, từ --date đến --to)')
    .option('--counter <id>', 'chỉ một quầy (mặc định: toàn đơn vị)')
    .requiredOption('--format <pdf|csv|xlsx|json>', 'định dạng')
    .requiredOption('--out <file>', 'tệp đích')
    .action(async (o: { date?: string; to?: string; counter?: string; format: string; out: string }) => {
      const day = o.date ?? vietnamDate(new Date());
      const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
      if (!isDay(day)) throw failure('invalid_input', 'cli.dateFormat');
      if (o.to !== undefined && (!isDay(o.to) || o.to < day)) throw failure('invalid_input', 'cli.toFormat');
      if (!['pdf', 'csv', 'xlsx', 'json'].includes(o.format)) throw failure('invalid_input', 'cli.reportFormat');
      await ctx.core().reports.export(ctx.actor(), { date: day, to: o.to ?? null, counterId: o.counter ?? null, format: o.format as ReportFormat, out: o.out });
      ctx.io.out(o.out);
    });

  const audit = program.command('audit').description('nhật ký kiểm toán').helpOption('-h, --help', 'hiển thị trợ giúp');
  audit
    .command('verify')
    .description('kiểm tra chuỗi HMAC của nhật ký và các mốc ngoài cơ sở dữ liệu: phát hiện dòng bị sửa, xóa, đảo thứ tự hay cắt bớt phần cuối')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (o: { json?: boolean }) => {
      const { auditVerdictEn, auditVerdictVi, auditVerdictWording } = await import('../common/domain/audit');
      const v = await ctx.core().audit.verify();
      if (o.json) ctx.printJson(v);
      else ctx.io.out(say(auditVerdictVi(v), auditVerdictEn(v)));
      if (!v.ok) throw failure('conflict', 'audit.tampered', { verdict: auditVerdictWording(v) });
    });

  const officer = program.command('officer').description('tài khoản cán bộ (quản trị)').helpOption('-h, --help', 'hiển thị trợ giúp');
  officer
    .command('add')
    .description('thêm cán bộ; mật khẩu lấy từ biến môi trường (không ghi lên dòng lệnh)')
    .requiredOption('--id <officerId>', 'mã cán bộ')
    .requiredOption('--username <name>', 'tên đăng nhập')
    .requiredOption('--name <fullName>', 'họ và tên')
    .option('--title <title>', 'chức danh')
    .option('--role <roles>', 'officer, supervisor, admin (phân cách bằng dấu phẩy)', 'officer')
    .requiredOption('--password-env <VAR>', 'biến môi trường chứa mật khẩu ban đầu')
    .option('--json', 'in kết quả dạng JSON')
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
    .description('liệt kê cán bộ')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (o: { json?: boolean }) => {
      const { listOfficers } = await import('../node/officers/officer-repo');
      const list = await ctx.withStore(async (store) => {
        return store.exec('officer.list', (db) => listOfficers(db));
      });
      if (o.json) return ctx.printJson(list);
      for (const x of list) ctx.io.out(`${x.officerId}\t${x.username}\t${x.fullName}\t${x.roles.join(',')}${x.active ? '' : `\t${say('(ngừng)', '(inactive)')}`}`);
    });
}

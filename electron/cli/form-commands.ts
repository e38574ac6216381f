import type { Command } from 'commander';
import type { CliContext } from './motcua';

/** `motcua form pdf <code> --mau <01..07> --out <file>`: the same forms the Hồ sơ screen prints. */
export function registerFormCommands(program: Command, ctx: CliContext): void {
  const form = program.command('form').description('biểu mẫu của hồ sơ (Thông tư 03/2025/TT-VPCP, Mẫu 01–07)').helpOption('-h, --help', 'hiển thị trợ giúp');
  form
    .command('pdf <code>')
    .description('xuất một biểu mẫu của hồ sơ ra tệp PDF')
    .requiredOption('--mau <01..07>', 'số mẫu: 01 giấy tiếp nhận, 02/03 phiếu trả lại, 04 xin lỗi và hẹn lại, 05 dừng giải quyết, 06 phiếu kiểm soát, 07 sổ theo dõi')
    .requiredOption('--out <file>', 'tệp PDF đích')
    .option('--reason <text>', 'lý do (Mẫu 04: lý do chậm trễ; Mẫu 05: lý do dừng)')
    .option('--new-date <YYYY-MM-DD>', 'ngày hẹn trả mới (Mẫu 04)')
    .helpOption('-h, --help', 'hiển thị trợ giúp')
    .action(async (code: string, o: { mau: string; out: string; reason?: string; newDate?: string }) => {
      const path = await ctx.core().forms.write(ctx.actor(), code, o.mau, { reason: o.reason ?? null, newDueDate: o.newDate ?? null });
      // The kept form is sealed; the file the user named gets it in clear, by intent.
      await ctx.core().docs.exportTo(path, o.out);
      ctx.io.out(o.out);
    });
}

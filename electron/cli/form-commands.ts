import type { Command } from 'commander';
import type { CliContext } from './motcua';
import { helpFlagText, say } from './cli-locale';

/** `motcua form pdf <code> --mau <01..07> --out <file>`: the same forms the Hồ sơ screen prints. */
export function registerFormCommands(program: Command, ctx: CliContext): void {
  const form = program.command('form').description(say('biểu mẫu của hồ sơ (Thông tư 03/2025/TT-VPCP, Mẫu 01–07)', "a dossier's forms (Circular 03/2025/TT-VPCP, Mẫu 01–07)")).helpOption('-h, --help', helpFlagText());
  form
    .command('pdf <code>')
    .description(say('xuất một biểu mẫu của hồ sơ ra tệp PDF', "export one of a dossier's forms to a PDF file"))
    .requiredOption('--mau <01..07>', say('số mẫu: 01 giấy tiếp nhận, 02/03 phiếu trả lại, 04 xin lỗi và hẹn lại, 05 dừng giải quyết, 06 phiếu kiểm soát, 07 sổ theo dõi', 'form number: 01 receipt, 02/03 turn-back slip, 04 apology and new appointment, 05 processing stopped, 06 control slip, 07 log book'))
    .requiredOption('--out <file>', say('tệp PDF đích', 'the PDF file to write'))
    .option('--reason <text>', say('lý do (Mẫu 04: lý do chậm trễ; Mẫu 05: lý do dừng)', 'reason (Mẫu 04: why it is late; Mẫu 05: why processing stopped)'))
    .option('--new-date <YYYY-MM-DD>', say('ngày hẹn trả mới (Mẫu 04)', 'the new due date (Mẫu 04)'))
    .helpOption('-h, --help', helpFlagText())
    .action(async (code: string, o: { mau: string; out: string; reason?: string; newDate?: string }) => {
      const path = await ctx.core().forms.write(ctx.actor(), code, o.mau, { reason: o.reason ?? null, newDueDate: o.newDate ?? null });
      // The kept form is sealed; the file the user named gets it in clear, by intent.
      await ctx.core().docs.exportTo(path, o.out);
      ctx.io.out(o.out);
    });
}

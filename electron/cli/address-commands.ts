import type { Command } from 'commander';
import type { CliContext } from './motcua';
import { helpFlagText, jsonFlagText, say } from './cli-locale';

/** Issue #14: the 2025 reorganisation beside a card's address (`address import`, `address check`). */
export function registerAddressCommands(program: Command, ctx: CliContext): void {
  const address = program.command('address').description(say('địa giới hành chính sau sắp xếp năm 2025', 'administrative boundaries after the 2025 reorganisation')).helpOption('-h, --help', helpFlagText());
  address
    .command('import <file>')
    .description(say('nhập bảng xã cũ → xã mới do tỉnh công bố (JSON: {"nguon", "xa": [{"tinhCu", "huyenCu", "xaCu", "loaiXaMoi", "xaMoi", "tinhMoi"}]}); thay toàn bộ bảng đang có', 'import the province\'s table of former → new communes (JSON: {"nguon", "xa": [{"tinhCu", "huyenCu", "xaCu", "loaiXaMoi", "xaMoi", "tinhMoi"}]}); replaces the whole current table'))
    .option('--json', jsonFlagText())
    .action(async (file: string, o: { json?: boolean }) => {
      const r = await ctx.core().address.importCommunes(ctx.actor(), file);
      if (o.json) return ctx.printJson(r);
      ctx.io.out(say(`Đã nhập ${r.rows} xã (nguồn: ${r.source}).`, `Imported ${r.rows} communes (source: ${r.source}).`));
    });
  address
    .command('check <address>')
    .description(say('đơn vị hành chính hiện nay của một địa chỉ ghi theo đơn vị cũ (địa chỉ không bị sửa)', "today's administrative units of an address written with the former ones (the address itself is not changed)"))
    .option('--json', jsonFlagText())
    .action(async (text: string, o: { json?: boolean }) => {
      const r = await ctx.core().address.currentUnits(text);
      if (o.json) return ctx.printJson({ text: r.text, source: r.source });
      ctx.io.out(r.text ? `${r.text} (${r.source ?? ''})` : say('Không có thay đổi đơn vị hành chính cần ghi chú.', 'No change of administrative unit to note.'));
    });
}

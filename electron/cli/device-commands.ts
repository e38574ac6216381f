import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import type { PrinterConfig } from '../common/hardware/printer';
import { failure } from '../common/ipc/result';
import type { PrinterService } from '../node/printing/printer-service';
import type { SqliteStore } from '../node/store/sqlite-store';
import { cliText, helpFlagText, jsonFlagText, say } from './cli-locale';
import { countOf } from '../common/domain/english-plural';
import type { CliContext } from './motcua';

interface PortOpts {
  port?: string;
  file?: string;
  virtual?: string;
  width?: string;
  baud?: string;
  raster?: boolean;
  noStatus?: boolean;
  status?: boolean;
}

/** Printer settings from the command line, over the configured ones. */
function printerOverride(o: PortOpts): Partial<PrinterConfig> {
  const over: Record<string, unknown> = {};
  if (o.port) Object.assign(over, { transport: 'serial', path: o.port });
  if (o.file) Object.assign(over, { transport: 'file', path: o.file });
  if (o.virtual) Object.assign(over, { transport: 'virtual', path: o.virtual });
  if (o.width) {
    if (o.width !== '58' && o.width !== '80') throw failure('invalid_input', 'cli.widthChoice');
    over.width = Number(o.width);
  }
  if (o.baud) over.baudRate = Number(o.baud);
  if (o.raster) over.barcodes = 'raster';
  if (o.status === false) over.statusCheck = false;
  return over as Partial<PrinterConfig>;
}

function withPortOptions(c: Command): Command {
  return c
    .option('--port <path>', say('cổng nối tiếp của máy in (COM3, /dev/ttyUSB0)', "the printer's serial port (COM3, /dev/ttyUSB0)"))
    .option('--file <path>', say('thiết bị/tệp thô (/dev/usb/lp0) thay cho cổng nối tiếp', 'a raw device or file (/dev/usb/lp0) instead of a serial port'))
    .option('--virtual <dir>', say('máy in ảo: ghi ảnh PNG vào thư mục này', 'virtual printer: write PNG images to this folder'))
    .option('--width <mm>', say('khổ giấy 58 hoặc 80', 'paper width, 58 or 80'))
    .option('--baud <n>', say('tốc độ cổng nối tiếp', 'serial port speed'))
    .option('--raster', say('in mã vạch/QR dạng ảnh thay vì lệnh của máy in', "print barcodes and QR codes as images instead of the printer's own commands"))
    .option('--no-status', say('không đọc trạng thái máy in trước khi in', "do not read the printer's status before printing"));
}

export function registerDeviceCommands(program: Command, ctx: CliContext): void {
  const withPrinter = async <T>(fn: (p: PrinterService, store: SqliteStore) => Promise<T>): Promise<T> => {
    const core = ctx.core();
    return fn(core.printer, core.store);
  };

  const print = program.command('print').description(say('máy in biên nhận (ESC/POS)', 'the receipt printer (ESC/POS)')).helpOption('-h, --help', helpFlagText());

  withPortOptions(print.command('test').description(say('in trang thử (tiếng Việt, mã vạch, QR)', 'print a test page (Vietnamese text, barcode, QR)'))).action(async (o: PortOpts) => {
    const r = await withPrinter((p) => p.printTest({ printer: printerOverride(o) }));
    ctx.io.out(say(`Đã in trang thử (lệnh in số ${r.jobId}).`, `Test page printed (print job ${r.jobId}).`));
  });

  withPortOptions(print.command('receipt <code>').description(say('in giấy tiếp nhận của hồ sơ trên máy in nhiệt', "print a dossier's receipt on the thermal printer")))
    .option('--reason <text>', say('lý do in lại (bắt buộc khi in lại)', 'reason for the reprint (required when reprinting)'))
    .action(async (code: string, o: PortOpts & { reason?: string }) => {
      const r = await withPrinter((p) => p.printReceipt(code, { actor: 'cli', reason: o.reason ?? null, printer: printerOverride(o) }));
      ctx.io.out(say(`Đã in giấy tiếp nhận ${code} (lệnh in số ${r.jobId}).`, `Receipt ${code} printed (print job ${r.jobId}).`));
    });

  print
    .command('escpos <code>')
    .description(say('xuất đúng các byte ESC/POS sẽ gửi tới máy in cho giấy tiếp nhận', 'write the exact ESC/POS bytes the printer would get for the receipt'))
    .requiredOption('--out <file>', say('tệp .bin đích', 'the .bin file to write'))
    .option('--width <mm>', say('khổ giấy 58 hoặc 80', 'paper width, 58 or 80'), '80')
    .option('--raster', say('mã vạch/QR dạng ảnh', 'barcode and QR code as images'))
    .option('--reprint', say('đánh dấu BẢN IN LẠI', 'mark it BẢN IN LẠI (reprint)'))
    .action(async (code: string, o: { out: string; width: string; raster?: boolean; reprint?: boolean }) => {
      if (o.width !== '58' && o.width !== '80') throw failure('invalid_input', 'cli.widthChoice');
      const bytes = await withPrinter((p) => p.receiptBytes(code, { width: Number(o.width) as 58 | 80, barcodes: o.raster ? 'raster' : 'native', reprint: Boolean(o.reprint) }));
      await writeFile(o.out, bytes);
      ctx.io.out(`${o.out} (${say(`${bytes.length} byte`, countOf(bytes.length, 'byte'))})`);
    });

  print
    .command('jobs')
    .description(say('các lệnh in, gồm lệnh đang giữ lại chờ in lại', 'print jobs, including those held to be printed again'))
    .option('--held', say('chỉ lệnh đang giữ lại', 'held jobs only'))
    .option('--json', jsonFlagText())
    .action(async (o: { held?: boolean; json?: boolean }) => {
      const jobs = await withPrinter((p) => p.jobs(o.held ? 'held' : undefined));
      if (o.json) return ctx.printJson(jobs);
      for (const j of jobs) ctx.io.out(`${j.id}\t${j.state}\t${j.kind}\t${j.code ?? ''}\t${j.reason === null ? '' : cliText(j.reason, j.reasonKey)}`);
    });

  withPortOptions(print.command('retry <jobId>').description(say('in lại một lệnh in đang giữ lại', 'print a held print job again'))).action(async (id: string, o: PortOpts) => {
    await withPrinter((p) => p.retry(Number(id), { printer: printerOverride(o), actor: 'cli' }));
    ctx.io.out(say(`Đã in lệnh số ${id}.`, `Print job ${id} printed.`));
  });

  withPortOptions(print.command('configure').description(say('lưu máy in biên nhận vào cấu hình của máy này', "save the receipt printer in this PC's settings")))
    .option('--json', jsonFlagText())
    .action(async (o: PortOpts & { json?: boolean }) => {
      const { printerConfigSchema } = await import('../common/hardware/printer');
      const { issuesFailure } = await import('../common/domain/zod-locale');
      const cfg = printerConfigSchema.safeParse({ statusCheck: true, ...printerOverride(o) });
      if (!cfg.success) throw issuesFailure('invalid_input', cfg.error.issues);
      await withPrinter((_p, store) => store.setSetting('devices.printer', JSON.stringify(cfg.data), 'cli'));
      if (o.json) return ctx.printJson(cfg.data);
      ctx.io.out(say(`Đã lưu máy in: ${cfg.data.transport} ${cfg.data.path}, khổ ${cfg.data.width} mm.`, `Printer saved: ${cfg.data.transport} ${cfg.data.path}, ${cfg.data.width} mm paper.`));
    });
}

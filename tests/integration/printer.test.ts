import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../../electron/common/escpos/decoder';
import { printerConfigSchema } from '../../electron/common/hardware/printer';
import { resourcesDir } from '../../electron/node/config/resources';
import { PrinterService } from '../../electron/node/printing/printer-service';
import { AppFailure } from '../../electron/common/ipc/result';
import { printerFactory } from '../../native/escpos/printer-factory';
import { startPtyVirtualPrinter } from '../../native/escpos/virtual-printer';
import { CCCD, intakeFixture, OFFICER_ENV } from '../helpers/intake';
import { motcua, motcuaAsync } from '../helpers/cli';
import { tool } from '../helpers/tools';

type F = Awaited<ReturnType<typeof intakeFixture>>;

function zbar(png: Buffer, dir: string, name: string): string[] {
  const path = join(dir, name);
  writeFileSync(path, png);
  return tool('zbarimg', ['-q', '--raw', path]).stdout.split('\n').filter(Boolean).sort();
}

describe('ESC/POS receipt printer on a real pty with the virtual printer', () => {
  let f: F;
  let vp: Awaited<ReturnType<typeof startPtyVirtualPrinter>>;
  let printer: PrinterService;
  let code: string;

  beforeAll(async () => {
    f = await intakeFixture();
    code = (await f.receive({ MaTTHC: '1.001193', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] })).code;
    vp = await startPtyVirtualPrinter(f.dir);
    await f.store.setSetting('devices.printer', JSON.stringify(printerConfigSchema.parse({ transport: 'serial', path: vp.appPath, baudRate: 115200, width: 80 })), 't');
    printer = new PrinterService({ store: f.store, intake: f.intake, factory: printerFactory, fontsDir: join(resourcesDir(), 'fonts') });
  });
  afterAll(async () => {
    await printer?.close();
    await vp?.stop();
    await f?.close();
  });

  it('reads the status, sends the receipt and cuts; the rendered paper shows the code as CODE128 and QR', async () => {
    await printer.printReceipt(code, { actor: 'cb01' });
    // Each wait below is for bytes to cross the pty and be decoded; a first, cold render (canvas, fonts) or a
    // loaded machine takes seconds, so the polls allow 30 s.
    await expect.poll(() => vp.printer.documents.length, { timeout: 30_000 }).toBe(1);
    const doc = vp.printer.documents[0]!;
    expect(doc.filter((o) => o.t === 'code128').map((o) => (o as { data: string }).data)).toEqual([code]);
    expect(doc.filter((o) => o.t === 'qr').map((o) => (o as { data: string }).data)).toEqual([code]);
    expect(doc.some((o) => o.t === 'raster')).toBe(true);
    const png = await vp.printer.renderPng(doc);
    writeFileSync(join(f.dir, 'receipt.png'), png);
    expect(zbar(png, f.dir, 'r1.png')).toEqual([code, code]);
    // The status requests went out before the job.
    const first = Buffer.concat(vp.printer.received.map((b) => Buffer.from(b)));
    expect(first.subarray(0, 3)).toEqual(Buffer.from([0x10, 0x04, 0x01]));
  });

  it('paper out: a clear message, the job is kept, and a retry prints it once paper is back', async () => {
    vp.printer.state.paperOut = true;
    const err = (await printer.printReceipt(code, { actor: 'cb01', reason: 'khách xin thêm bản' }).catch((e: unknown) => e)) as AppFailure;
    expect(err).toBeInstanceOf(AppFailure);
    expect(err.message).toMatch(/hết giấy/);
    expect(err.message).toMatch(/giữ lại/);
    const held = await printer.jobs('held');
    expect(held).toHaveLength(1);
    expect(vp.printer.documents).toHaveLength(1);
    vp.printer.state.paperOut = false;
    await printer.retry(held[0]!.id, { actor: 'cb01' });
    await expect.poll(() => vp.printer.documents.length, { timeout: 30_000 }).toBe(2);
    expect(await printer.jobs('held')).toEqual([]);
  });

  it('a reprint needs a reason, is marked BẢN IN LẠI and audited', async () => {
    await expect(printer.printReceipt(code, { actor: 'cb01' })).rejects.toThrow(/lý do/);
    await printer.printReceipt(code, { actor: 'cb01', reason: 'giấy bị nhòe' });
    await expect.poll(() => vp.printer.documents.length, { timeout: 30_000 }).toBe(3);
    const audit = await f.store.exec('a', (db) => db.prepare("SELECT actor, details FROM audit_log WHERE action = 'receipt.reprint' ORDER BY id").all() as Array<{ actor: string; details: string }>);
    expect(audit.at(-1)).toEqual({ actor: 'cb01', details: JSON.stringify({ medium: 'thermal', reasonLength: 'giấy bị nhòe'.length }) });
  });

  it('cover open and a silent printer are reported, not printed over', async () => {
    vp.printer.state.coverOpen = true;
    await expect(printer.printReceipt(code, { actor: 'cb01', reason: 'x' })).rejects.toThrow(/Nắp máy in/);
    vp.printer.state.coverOpen = false;
    vp.printer.state.silent = true;
    await expect(printer.printReceipt(code, { actor: 'cb01', reason: 'x' })).rejects.toThrow(/không trả lời/);
    vp.printer.state.silent = false;
    expect((await printer.jobs('held')).length).toBe(2);
  });

  it('58 mm paper with raster barcodes still decodes', async () => {
    const bytes = await printer.receiptBytes(code, { width: 58, barcodes: 'raster', reprint: false });
    const ops = new EscPosDecoder().push(bytes);
    expect(ops.some((o) => o.t === 'code128' || o.t === 'qr')).toBe(false);
    const widths = new Set(ops.filter((o) => o.t === 'raster').map((o) => (o as { bitmap: { width: number } }).bitmap.width));
    expect([...widths]).toEqual([384]);
    const { VirtualPrinter } = await import('../../native/escpos/virtual-printer');
    const v = new VirtualPrinter(384);
    v.receive(bytes);
    expect(zbar(await v.renderPng(v.documents[0]!), f.dir, 'r58.png')).toEqual([code, code]);
  });

  it('motcua print escpos writes the exact bytes, and print test/receipt work on the pty', async () => {
    const out = join(f.dir, 'r.bin');
    const admin = OFFICER_ENV;
    const r = motcua(['print', 'escpos', code, '--width', '80', '--out', out, '--data-dir', f.dir], admin);
    expect(r.code, r.stderr).toBe(0);
    const ops = new EscPosDecoder().push(new Uint8Array(readFileSync(out)));
    expect(ops.find((o) => o.t === 'code128')).toEqual({ t: 'code128', data: code });
    expect(ops.at(-1)).toEqual({ t: 'cut' });
    const before = vp.printer.documents.length;
    const test = await motcuaAsync(['print', 'test', '--port', vp.appPath, '--baud', '115200', '--data-dir', f.dir], admin);
    expect(test.code, test.stderr).toBe(0);
    const receipt = await motcuaAsync(['print', 'receipt', code, '--port', vp.appPath, '--reason', 'in lại', '--data-dir', f.dir], admin);
    expect(receipt.code, receipt.stderr).toBe(0);
    await expect.poll(() => vp.printer.documents.length, { timeout: 30_000 }).toBe(before + 2);
    expect(motcua(['print', 'escpos', code, '--width', '70', '--out', out, '--data-dir', f.dir], admin).stderr).toMatch(/58 hoặc 80/);
  });
});

import { join } from 'node:path';
import { printerConfigSchema } from '../../electron/common/hardware/printer';
import { seedDefaults } from '../../electron/node/app/seed';
import { resourcesDir } from '../../electron/node/config/resources';
import { documentStores } from '../helpers/documents';
import { IntakeService } from '../../electron/node/intake/intake-service';
import { PrinterService } from '../../electron/node/printing/printer-service';
import { SqliteStore } from '../../electron/node/store/sqlite-store';
import { printerFactory } from '../../native/escpos/printer-factory';
import { startPtyVirtualPrinter } from '../../native/escpos/virtual-printer';
import { tempDir } from '../helpers/tmp';
import { BENCH_OFFICER, timeEach } from './stats';
import { record, BENCH_AUDIT_KEY } from './summary';

/** "Print" → last byte handed to the port, for an 80 mm receipt, over a real pty to the virtual printer. */
export async function benchPrinter(): Promise<void> {
  const t = tempDir('motcua-printbench-');
  const vp = await startPtyVirtualPrinter(t.dir);
  const store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key: null, auditKey: BENCH_AUDIT_KEY });
  try {
    await seedDefaults(store, resourcesDir());
    await store.setUnitIdentity({ unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 1, to: 9999 } }, 'bench');
    const fontsDir = join(resourcesDir(), 'fonts');
    const intake = new IntakeService({ store, ...documentStores(join(t.dir, 'files')), receiptsDir: join(t.dir, 'r'), fontsDir });
    const { code } = await intake.receiveImport(
      BENCH_OFFICER,
      { MaTTHC: '1.001193', cccd: '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1|15042021', TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] },
      { baseDir: t.dir, skipReceipt: true },
    );
    const printer = new PrinterService({ store, intake, factory: printerFactory, fontsDir });
    for (const [label, cfg] of [
      ['80 mm, native barcodes, status check, 115200 baud', { transport: 'serial', path: vp.appPath, baudRate: 115200, width: 80 }],
      ['80 mm, raster barcodes, status check, 115200 baud', { transport: 'serial', path: vp.appPath, baudRate: 115200, width: 80, barcodes: 'raster' }],
    ] as const) {
      const printerCfg = printerConfigSchema.parse(cfg);
      const bytes = await printer.receiptBytes(code, { width: 80, barcodes: printerCfg.barcodes, reprint: false });
      const timing = await timeEach(20, (i) => printer.printReceipt(code, { actor: 'bench', reason: i ? 'bench' : null, reprint: i > 0, printer: printerCfg }));
      record(`print receipt → last byte to port (${label}), p50`, timing.p50, 'ms', { op: '<', value: 300 }, `p99 ${timing.p99.toFixed(1)} ms (n=${timing.n}); ${bytes.length} bytes`);
      await printer.close();
    }
  } finally {
    await store.close();
    await vp.stop();
    t.cleanup();
  }
}

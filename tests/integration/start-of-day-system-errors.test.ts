import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printerConfigSchema } from '../../electron/common/hardware/printer';
import { serialScannerConfigSchema } from '../../electron/common/hardware/scanner';
import { openCoreServices, type CoreServices } from '../../electron/node/core/core-services';
import { silentLogger } from '../../electron/node/log/logger';
import { startOfDay } from '../../electron/node/services/start-of-day';
import { printerFactory } from '../../native/escpos/printer-factory';
import { serialScannerFactory } from '../../native/serial/serial-scanner';
import { tempDir } from '../helpers/tmp';
import { VIETNAMESE } from '../helpers/wording';

/**
 * Issue #16: the start-of-day rows of a printer and a scanner whose ports are not there, with the
 * real serial ports: the operating system's refusal is worded from its errno code and the
 * path, in each language, instead of serialport's or Node's English ("Error: No such file or
 * directory, cannot open …").
 */
describe('start-of-day: a missing printer device and scanner port, worded both ways', () => {
  const t = tempDir('motcua-sod-sys-');
  const printerPath = `${t.dir}/no-such-ttyUSB1`;
  const scannerPath = `${t.dir}/no-such-ttyUSB0`;
  let core: CoreServices;
  beforeAll(async () => {
    core = await openCoreServices(`${t.dir}/data`, { log: silentLogger, pdf: 'in-process', printerFactory, scannerFactory: serialScannerFactory });
    await core.store.setSetting('devices.printer', JSON.stringify(printerConfigSchema.parse({ transport: 'serial', path: printerPath })), 'test');
    await core.store.setSetting('devices.scanner', JSON.stringify(serialScannerConfigSchema.parse({ path: scannerPath, suffix: 'CR' })), 'test');
    await core.scans.start();
  });
  afterAll(async () => {
    await core.scans.stop();
    await core.close();
    t.cleanup();
  });

  it('the scanner is disconnected because its port does not exist, and the printer cannot be opened for the same reason', async () => {
    await expect.poll(() => core.scans.state.detailKey, { timeout: 10_000 }).toEqual({ key: 'sys.notFound', params: { path: scannerPath } });
    expect(core.scans.state).toMatchObject({ state: 'disconnected', detail: `không có ${scannerPath}` });
    const rows = await startOfDay({ store: core.store, printer: core.printer, scans: core.scans, audit: core.audit, dataDir: t.dir, now: core.now });
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row('scanner')).toMatchObject({ status: 'fail', detail: `mất kết nối (không có ${scannerPath})`, en: { detail: `disconnected (${scannerPath} does not exist)` } });
    expect(row('printer')).toMatchObject({
      status: 'fail',
      detail: `Không mở được máy in tại ${printerPath}: không có ${printerPath}. Kiểm tra cáp và cổng.`,
      en: { detail: `The printer at ${printerPath} cannot be opened: ${printerPath} does not exist. Check the cable and the port.` },
    });
    for (const id of ['scanner', 'printer']) expect(`${row(id).en!.label}: ${row(id).en!.detail}`).not.toMatch(VIETNAMESE);
  });
});

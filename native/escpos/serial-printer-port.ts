import { open, type FileHandle } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { PrinterConfig, PrinterPort } from '../../electron/common/hardware/printer';
import { portError } from '../serial/port-errors';

/** ESC/POS over a serial (USB-serial, CDC) port; answers to DLE EOT come back on the same line. */
export async function openSerialPrinter(cfg: PrinterConfig): Promise<PrinterPort> {
  const port = new SerialPort({ path: cfg.path, baudRate: cfg.baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? void portError(cfg.path, e).then(reject) : resolve())));
  let waiter: ((b: number) => void) | null = null;
  port.on('data', (d: Buffer) => {
    if (waiter && d.length) {
      const w = waiter;
      waiter = null;
      w(d[d.length - 1]!);
    }
  });
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(bytes), (e) => (e ? reject(e) : port.drain((e2) => (e2 ? reject(e2) : resolve()))));
      }),
    query: (request, timeoutMs) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiter = null;
          resolve(null);
        }, timeoutMs);
        waiter = (b) => {
          clearTimeout(timer);
          resolve(b);
        };
        port.write(Buffer.from(request));
      }),
    close: () => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

/** A raw device node or file (e.g. /dev/usb/lp0, \\\\.\\USB001 shares): write-only, no status. */
export async function openFilePrinter(cfg: PrinterConfig): Promise<PrinterPort> {
  const fh: FileHandle = await open(cfg.path, 'a');
  return {
    write: async (bytes) => {
      await fh.write(bytes);
      await fh.sync().catch(() => undefined);
    },
    query: async () => null,
    close: () => fh.close(),
  };
}

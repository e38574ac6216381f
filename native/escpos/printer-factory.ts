import type { PrinterFactory } from '../../electron/common/hardware/printer';
import type { VirtualPrinter } from './virtual-printer';

const virtuals = new Map<string, VirtualPrinter>();

/**
 * Opens the configured receipt printer; the virtual one keeps its state per output folder. The
 * ports load when a printer is first opened: serialport, and the virtual printer's canvas and
 * barcode packages, are not part of starting the app.
 */
export const printerFactory: PrinterFactory = async (cfg) => {
  if (cfg.transport === 'serial') return (await import('./serial-printer-port')).openSerialPrinter(cfg);
  if (cfg.transport === 'file') return (await import('./serial-printer-port')).openFilePrinter(cfg);
  const { openVirtualPrinter, VirtualPrinter } = await import('./virtual-printer');
  let v = virtuals.get(cfg.path);
  if (!v) virtuals.set(cfg.path, (v = new VirtualPrinter(cfg.width === 58 ? 384 : 576)));
  return openVirtualPrinter(cfg, v);
};

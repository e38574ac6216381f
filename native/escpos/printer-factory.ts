import type { PrinterFactory } from '../../electron/common/hardware/printer';
import { openFilePrinter, openSerialPrinter } from './serial-printer-port';
import { openVirtualPrinter, VirtualPrinter } from './virtual-printer';

const virtuals = new Map<string, VirtualPrinter>();

/** Opens the configured receipt printer; the virtual one keeps its state per output folder. */
export const printerFactory: PrinterFactory = (cfg) => {
  if (cfg.transport === 'serial') return openSerialPrinter(cfg);
  if (cfg.transport === 'file') return openFilePrinter(cfg);
  let v = virtuals.get(cfg.path);
  if (!v) virtuals.set(cfg.path, (v = new VirtualPrinter(cfg.width === 58 ? 384 : 576)));
  return openVirtualPrinter(cfg, v);
};

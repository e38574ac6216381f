import { z } from 'zod';
import '../domain/zod-locale';

/** A byte pipe to a receipt printer: serial, a raw device/file, or the virtual printer. */
export interface PrinterPort {
  write(bytes: Uint8Array): Promise<void>;
  /** Sends a real-time request and waits for one reply byte; null when the printer does not answer. */
  query(request: Uint8Array, timeoutMs: number): Promise<number | null>;
  close(): Promise<void>;
}

export const printerConfigSchema = z.object({
  transport: z.enum(['serial', 'file', 'virtual']),
  /** COM port / tty for serial; device or file path for `file`; output folder for `virtual`. */
  path: z.string().trim().min(1, 'Chưa chọn cổng hoặc đường dẫn máy in.'),
  baudRate: z.number().int().min(1200).max(921600).default(9600),
  width: z.union([z.literal(58), z.literal(80)]).default(80),
  barcodes: z.enum(['native', 'raster']).default('native'),
  /** Read DLE EOT before each job; clones that never answer need this off. */
  statusCheck: z.boolean().default(true),
  name: z.string().max(100).optional(),
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

export type PrinterFactory = (cfg: PrinterConfig) => Promise<PrinterPort>;

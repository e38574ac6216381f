import type { ScanEvent } from '../domain/scan';
import type { KeyedText } from '../ipc/error-messages';

export type SuffixMode = 'CR' | 'LF' | 'CRLF' | 'none';

export interface SerialScannerConfig {
  readonly path: string;
  readonly baudRate: number;
  readonly dataBits: 5 | 6 | 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
  readonly suffix: SuffixMode;
  /** With suffix `none`, a scan ends after this many quiet milliseconds. */
  readonly interByteTimeoutMs: number;
  /** USB identity to find the scanner again when it comes back on another port. */
  readonly vendorId?: string | null;
  readonly productId?: string | null;
  readonly serialNumber?: string | null;
}

export type ScannerState = 'unconfigured' | 'connecting' | 'connected' | 'disconnected';

/** A scanner the app listens to; implemented over serialport (native/) and by an in-process fake. */
export interface ScannerPort {
  start(): void;
  stop(): Promise<void>;
  readonly state: ScannerState;
  onScan(cb: (raw: string) => void): () => void;
  /** `detail`: why it is not connected, keyed so the start-of-day row words it in the officer's language. */
  onState(cb: (s: ScannerState, detail: KeyedText | null) => void): () => void;
}

export type ScannerFactory = (cfg: SerialScannerConfig) => ScannerPort;

export type { ScanEvent };

import { z } from 'zod';
import '../domain/zod-locale';

export const serialScannerConfigSchema = z.object({
  path: z.string().trim().min(1, 'Chưa chọn cổng máy quét.'),
  baudRate: z.number().int().min(1200).max(921600).default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  suffix: z.enum(['CR', 'LF', 'CRLF', 'none']).default('CR'),
  interByteTimeoutMs: z.number().int().min(5).max(1000).default(50),
  vendorId: z.string().nullable().optional(),
  productId: z.string().nullable().optional(),
  serialNumber: z.string().nullable().optional(),
});

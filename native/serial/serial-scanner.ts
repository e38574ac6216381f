import { existsSync } from 'node:fs';
import type { SerialPort } from 'serialport';
import { normalizeUsbId } from '../../electron/common/hardware/serial';
import type { ScannerPort, ScannerState, SerialScannerConfig } from '../../electron/common/hardware/scanner';
import type { KeyedText } from '../../electron/common/ipc/error-messages';
import { systemWording } from '../../electron/common/ipc/system-wording';
import { portError } from './port-errors';

const DELIMITERS = { CR: '\r', LF: '\n', CRLF: '\r\n' } as const;
const RECONNECT_MS = 1000;
const HEALTH_MS = 500;

/**
 * A USB-CDC (virtual COM) barcode/QR scanner over node-serialport. Frames scans by the configured
 * suffix, or by an inter-byte pause when there is none. Loss is detected by the port closing or by
 * its device path vanishing (polled, since close events are unreliable on some OSes), and the
 * scanner is reopened — by its USB identity if it came back on another port.
 */
export class SerialScanner implements ScannerPort {
  #port: SerialPort | null = null;
  #state: ScannerState = 'disconnected';
  #stopped = true;
  #timer: NodeJS.Timeout | null = null;
  #health: NodeJS.Timeout | null = null;
  #currentPath: string;
  readonly #scan = new Set<(raw: string) => void>();
  readonly #stateCbs = new Set<(s: ScannerState, detail: KeyedText | null) => void>();

  constructor(readonly cfg: SerialScannerConfig) {
    this.#currentPath = cfg.path;
  }

  get state(): ScannerState {
    return this.#state;
  }

  onScan(cb: (raw: string) => void): () => void {
    this.#scan.add(cb);
    return () => this.#scan.delete(cb);
  }

  onState(cb: (s: ScannerState, detail: KeyedText | null) => void): () => void {
    this.#stateCbs.add(cb);
    return () => this.#stateCbs.delete(cb);
  }

  #setState(s: ScannerState, detail: KeyedText | null = null): void {
    if (s === this.#state && detail === null) return;
    this.#state = s;
    for (const cb of this.#stateCbs) cb(s, detail);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.#open();
    this.#health = setInterval(() => {
      if (this.#state === 'connected' && !existsSync(this.#currentPath)) this.#lost({ key: 'scanner.portGone' });
    }, HEALTH_MS);
    this.#health.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#health) clearInterval(this.#health);
    this.#timer = this.#health = null;
    const p = this.#port;
    this.#port = null;
    if (p?.isOpen) await new Promise<void>((res) => p.close(() => res()));
    this.#setState('disconnected');
  }

  async #resolvePath(): Promise<string> {
    const vid = normalizeUsbId(this.cfg.vendorId);
    const pid = normalizeUsbId(this.cfg.productId);
    if (!vid || !pid) return this.cfg.path;
    const ports = await (await import('serialport')).SerialPort.list().catch(() => []);
    const match = ports.find(
      (p) => normalizeUsbId(p.vendorId) === vid && normalizeUsbId(p.productId) === pid && (!this.cfg.serialNumber || p.serialNumber === this.cfg.serialNumber),
    );
    return match?.path ?? this.cfg.path;
  }

  async #open(): Promise<void> {
    if (this.#stopped) return;
    this.#setState('connecting');
    this.#currentPath = await this.#resolvePath();
    // serialport loads with the first port opened, after the app's window is up, not with its start.
    const { InterByteTimeoutParser, ReadlineParser, SerialPort } = await import('serialport');
    const port = new SerialPort({
      path: this.#currentPath,
      baudRate: this.cfg.baudRate,
      dataBits: this.cfg.dataBits,
      parity: this.cfg.parity,
      stopBits: this.cfg.stopBits,
      autoOpen: false,
    });
    port.open((err) => {
      if (err) {
        void portError(this.#currentPath, err).then((why) => {
          if (this.#stopped) return;
          this.#setState('disconnected', portWording(why, this.#currentPath));
          this.#schedule();
        });
        return;
      }
      if (this.#stopped) {
        port.close();
        return;
      }
      this.#port = port;
      const parser =
        this.cfg.suffix === 'none'
          ? port.pipe(new InterByteTimeoutParser({ interval: this.cfg.interByteTimeoutMs, maxBufferSize: 4096 }))
          : port.pipe(new ReadlineParser({ delimiter: DELIMITERS[this.cfg.suffix], encoding: 'utf8' }));
      parser.on('data', (chunk: Buffer | string) => {
        const text = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).replace(/^[\r\n]+|[\r\n]+$/g, '');
        if (text) for (const cb of this.#scan) cb(text);
      });
      port.on('close', () => this.#lost({ key: 'scanner.portClosed' }));
      port.on('error', (e: Error) => this.#lost(portWording(e, this.#currentPath)));
      this.#setState('connected');
    });
  }

  #lost(detail: KeyedText): void {
    if (this.#stopped || this.#state === 'disconnected') return;
    const p = this.#port;
    this.#port = null;
    if (p?.isOpen) p.close(() => undefined);
    this.#setState('disconnected', detail);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#open();
    }, RECONNECT_MS);
    this.#timer.unref();
  }
}

export const serialScannerFactory = (cfg: SerialScannerConfig): ScannerPort => new SerialScanner(cfg);

/** A port's failure keyed by its errno code where it has one; else the driver's own words, framed. */
function portWording(e: unknown, path: string): KeyedText {
  return systemWording(e, path) ?? { key: 'scanner.portError', params: { detail: (e as Error)?.message ?? String(e) } };
}

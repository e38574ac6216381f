import { classifyScan, type ScanEvent } from '../../common/domain/scan';
import { serialScannerConfigSchema, type ScannerFactory, type ScannerPort, type ScannerState } from '../../common/hardware/scanner';
import { formatError, type KeyedText } from '../../common/ipc/error-messages';
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../log/logger';
import type { AppStore } from '../store/app-store';

export const SCANNER_SETTING = 'devices.scanner';

/**
 * Owns the configured serial scanner: turns raw payloads into typed scan events for the
 * renderer (`scan.received`) and reports the scanner's state (`devices.state`).
 */
export class ScanService {
  #port: ScannerPort | null = null;
  #offs: Array<() => void> = [];
  #state: ScannerState = 'unconfigured';
  #detail: KeyedText | null = null;
  readonly #listeners = new Set<(e: ScanEvent) => void>();

  constructor(private readonly d: { store: AppStore; hub: EventHub; factory: ScannerFactory; log: Logger }) {}

  /** `detail` in Vietnamese (the window's state, logs); `detailKey` for the start-of-day row in either language. */
  get state(): { state: ScannerState; detail: string | null; detailKey: KeyedText | null } {
    return { state: this.#state, detail: this.#detailText(), detailKey: this.#detail };
  }

  onScan(cb: (e: ScanEvent) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  async start(): Promise<void> {
    await this.stop();
    const raw = await this.d.store.getSetting(SCANNER_SETTING);
    if (!raw) return this.#setState('unconfigured', null);
    const cfg = serialScannerConfigSchema.safeParse(JSON.parse(raw));
    if (!cfg.success) return this.#setState('unconfigured', { key: 'scanner.configInvalid' });
    const port = this.d.factory(cfg.data);
    this.#port = port;
    this.#offs.push(
      port.onScan((text) => this.publish(text, 'serial')),
      port.onState((s, detail) => this.#setState(s, detail)),
    );
    port.start();
  }

  /** Classifies a payload and pushes it to the window; the text never goes to the log. */
  publish(text: string, source: ScanEvent['source']): ScanEvent {
    const e = classifyScan(text, source);
    this.d.log.info('scan', { source, kind: e.kind, length: text.length });
    this.d.hub.emit('scan.received', e);
    for (const l of this.#listeners) l(e);
    return e;
  }

  #setState(s: ScannerState, detail: KeyedText | null): void {
    this.#state = s;
    this.#detail = detail;
    this.d.hub.emit('devices.state', { scanner: s, detail: this.#detailText() });
  }

  #detailText(): string | null {
    return this.#detail && formatError(this.#detail.key, this.#detail.params, 'vi');
  }

  async stop(): Promise<void> {
    for (const off of this.#offs) off();
    this.#offs = [];
    const p = this.#port;
    this.#port = null;
    if (p) await p.stop();
  }
}

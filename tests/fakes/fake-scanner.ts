import type { KeyedText } from '../../electron/common/ipc/error-messages';
import type { ScannerFactory, ScannerPort, ScannerState, SerialScannerConfig } from '../../electron/common/hardware/scanner';

/** In-process scanner double: the test "scans" by calling `scan(text)`, and can unplug/replug it. */
export class FakeScanner implements ScannerPort {
  state: ScannerState = 'disconnected';
  readonly #scan = new Set<(raw: string) => void>();
  readonly #stateCbs = new Set<(s: ScannerState, d: KeyedText | null) => void>();
  constructor(readonly cfg: SerialScannerConfig) {}
  start(): void {
    this.#set('connected');
  }
  async stop(): Promise<void> {
    this.#set('disconnected');
  }
  onScan(cb: (raw: string) => void) {
    this.#scan.add(cb);
    return () => this.#scan.delete(cb);
  }
  onState(cb: (s: ScannerState, d: KeyedText | null) => void) {
    this.#stateCbs.add(cb);
    return () => this.#stateCbs.delete(cb);
  }
  scan(text: string): void {
    if (this.state !== 'connected') throw new Error('fake scanner is not connected');
    for (const cb of this.#scan) cb(text);
  }
  unplug(): void {
    this.#set('disconnected', { key: 'scanner.portGone' });
  }
  #set(s: ScannerState, d: KeyedText | null = null) {
    this.state = s;
    for (const cb of this.#stateCbs) cb(s, d);
  }
}

export function fakeScannerFactory(): { factory: ScannerFactory; last: () => FakeScanner | null } {
  let last: FakeScanner | null = null;
  return {
    factory: (cfg) => (last = new FakeScanner(cfg)),
    last: () => last,
  };
}

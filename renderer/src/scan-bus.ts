import type { ScanEvent } from '../../electron/common/domain/scan';
import { api } from './api';
import { installWedgeDetector } from './wedge';

const listeners = new Set<(e: ScanEvent) => void>();
let installed = false;

/** One stream of scan events for the screens: serial scanners (from main) and keyboard wedges. */
export function onScan(cb: (e: ScanEvent) => void): () => void {
  if (!installed) {
    installed = true;
    api().on('scan.received', (e) => listeners.forEach((l) => l(e)));
    installWedgeDetector((e) => listeners.forEach((l) => l(e)));
  }
  listeners.add(cb);
  return () => listeners.delete(cb);
}

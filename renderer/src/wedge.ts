import type { ScanEvent } from '../../electron/common/domain/scan';
import { classifyScan } from '../../electron/common/domain/scan-classify';
import { isWedgeGap, WEDGE_GAP_DEFAULT_MS, WEDGE_MIN_CHARS, type KeyStamp } from '../../electron/common/domain/wedge-timing';
import { formatError } from '../../electron/common/ipc/error-messages';

export type { KeyStamp } from '../../electron/common/domain/wedge-timing';

/**
 * Keyboard-wedge scanners "type" a whole payload in a few milliseconds per key and end with
 * Enter; people do not. A burst is at least WEDGE_MIN_CHARS characters, each within the threshold
 * of the previous one, ended by Enter within the threshold too. The threshold is
 * WEDGE_GAP_DEFAULT_MS until this PC's scanner is calibrated from the test scan in
 * Cài đặt → Thiết bị (setWedgeGap).
 */
let gapMs = WEDGE_GAP_DEFAULT_MS;

/** This PC's calibrated threshold (from app.info or a calibration just made); null: the default. */
export function setWedgeGap(ms: number | null | undefined): void {
  gapMs = isWedgeGap(ms) ? ms : WEDGE_GAP_DEFAULT_MS;
}

export const wedgeGap = (): number => gapMs;

/** Elements whose keys the detector leaves alone: the test-scan box measures a scanner's keys itself. */
export const WEDGE_OFF_ATTR = 'data-wedge-off';

/** Decides whether the keys before an Enter were a scanner burst; pure, unit-tested. */
export function burstText(keys: readonly KeyStamp[], enterAt: number, maxGap: number = WEDGE_GAP_DEFAULT_MS): { text: string; imeSuspected: boolean } | null {
  if (keys.length < WEDGE_MIN_CHARS) return null;
  let prev = enterAt;
  for (let i = keys.length - 1; i >= 0; i--) {
    if (prev - keys[i]!.t > maxGap) return null;
    prev = keys[i]!.t;
  }
  return {
    text: keys.map((k) => (k.key.length === 1 ? k.key : '')).join(''),
    imeSuspected: keys.some((k) => k.composing || k.key === 'Process' || k.key === 'Unidentified'),
  };
}

/**
 * The burst the detector takes for a scan. One that only a calibrated threshold lets in (slower
 * than the default) counts only when it reads as a card or a dossier code: at that pace a fast
 * typist's word and Enter could pass too, and what an officer typed must never be taken out of
 * the field and refused as an unknown barcode.
 */
export function acceptedBurst(keys: readonly KeyStamp[], enterAt: number, maxGap: number): { event: ScanEvent; imeSuspected: boolean } | null {
  const burst = burstText(keys, enterAt, maxGap);
  if (!burst) return null;
  const event = classifyScan(burst.text, 'wedge');
  const fastEnough = maxGap <= WEDGE_GAP_DEFAULT_MS || burstText(keys, enterAt, WEDGE_GAP_DEFAULT_MS) !== null;
  return fastEnough || isCodeScan(event) ? { event, imeSuspected: burst.imeSuspected } : null;
}

const isCodeScan = (e: ScanEvent): boolean => e.kind === 'cccd' || e.kind === 'dossierCode';

type Listener = (e: ScanEvent) => void;

/**
 * Watches keystrokes on the whole window. When a burst ends, the characters it put into the
 * focused field are taken out again, the Enter does not submit, and one scan event is emitted —
 * whatever field had focus.
 */
export function installWedgeDetector(onScan: Listener, win: Window = window): () => void {
  let keys: KeyStamp[] = [];
  let snapshot: { el: HTMLInputElement | HTMLTextAreaElement; value: string } | null = null;
  const onKey = (e: KeyboardEvent) => {
    const now = e.timeStamp || performance.now();
    const last = keys[keys.length - 1];
    if (last && now - last.t > gapMs) {
      keys = [];
      snapshot = null;
    }
    if (e.key === 'Enter') {
      const burst = acceptedBurst(keys, now, gapMs);
      keys = [];
      if (!burst) {
        snapshot = null;
        return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      if (snapshot) {
        // Put back what the field held before the scanner typed into it.
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(snapshot.el), 'value')?.set;
        setter?.call(snapshot.el, snapshot.value);
        snapshot.el.dispatchEvent(new Event('input', { bubbles: true }));
      }
      snapshot = null;
      const ev = burst.event;
      onScan(
        burst.imeSuspected && !isCodeScan(ev)
          ? { ...ev, kind: 'invalid', imeSuspected: true, error: formatError('scan.ime', undefined, 'vi'), reason: { key: 'scan.ime' } }
          : ev,
      );
      return;
    }
    if (e.key.length !== 1 && e.key !== 'Process' && e.key !== 'Unidentified') return;
    // A shortcut (Alt+1, Ctrl+P) types nothing, though its key is a character: counted, the "1" of an
    // Alt+1 pressed just before a scan would lead the card number. AltGr (Ctrl+Alt on Windows) types.
    if ((e.ctrlKey || e.altKey || e.metaKey) && !e.getModifierState?.('AltGraph')) return;
    // A password manager types as fast as a scanner; nothing typed into a password field is a scan.
    const target = e.target instanceof HTMLInputElement ? e.target : win.document.activeElement;
    if (target instanceof HTMLInputElement && (target.type === 'password' || target.hasAttribute(WEDGE_OFF_ATTR))) {
      keys = [];
      snapshot = null;
      return;
    }
    if (!keys.length) {
      const el = win.document.activeElement;
      snapshot = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? { el, value: el.value } : null;
    }
    keys.push({ key: e.key, t: now, composing: e.isComposing });
  };
  win.addEventListener('keydown', onKey, true);
  return () => win.removeEventListener('keydown', onKey, true);
}

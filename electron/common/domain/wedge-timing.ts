import type { KeyedText } from '../ipc/error-messages';

/**
 * How fast a keyboard-wedge scanner "types", and how a counter PC learns its own scanner's pace
 * from the test scan in Cài đặt → Thiết bị. Shared by the renderer (which measures the gaps and
 * runs the detector) and the settings service (which decides and stores the threshold).
 */

/** A burst shorter than this is not a scan: no card, dossier code or other barcode we read is shorter. */
export const WEDGE_MIN_CHARS = 8;

/** The threshold before any calibration: what common USB scanners do out of the box (2–15 ms a key). */
export const WEDGE_GAP_DEFAULT_MS = 35;

/**
 * The calibrated threshold is kept within these bounds whatever the test scan measured.
 * - 20 ms floor: the OS delivers USB keyboard reports on an 8 ms poll and the page may be busy for
 *   a frame, so a threshold much under two polls would drop real scans on an ordinary day.
 * - 120 ms ceiling: a burst needs every one of at least 8 keys and the Enter within the threshold.
 *   Typing at the counter (digits read off a card, names through Telex, which adds keys) runs at
 *   150–300 ms a key, and even a practised typist at ~100 words a minute averages ~120 ms with
 *   slower gaps among them; a higher threshold would start taking people for scanners, whose text
 *   the detector then takes out of the field.
 */
export const WEDGE_GAP_FLOOR_MS = 20;
export const WEDGE_GAP_CEILING_MS = 120;

/**
 * The test scan is one sample; the same scanner's gaps vary with USB scheduling and the load on
 * the PC, so the threshold is the slowest gap seen with half as much again to spare.
 */
export const WEDGE_GAP_MARGIN = 1.5;

export const isWedgeGap = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= WEDGE_GAP_FLOOR_MS && n <= WEDGE_GAP_CEILING_MS;

/** A key pressed at `t` (ms), as the detector and the test scan record it. */
export interface KeyStamp {
  readonly key: string;
  readonly t: number;
  readonly composing?: boolean;
}

/** The gaps (ms) between consecutive typed keys, and from the last one to the Enter that ended them. */
export function keyGaps(keys: readonly KeyStamp[], enterAt: number): number[] {
  return keys.map((k, i) => (i + 1 < keys.length ? keys[i + 1]!.t : enterAt) - k.t);
}

export type Calibration = { ok: true; gapMs: number; measuredMs: number } | { ok: false; reason: KeyedText };

/**
 * The threshold for this PC from the gaps of one test scan (each key to the next, the last to the
 * Enter). Refused, never clamped into a guess, when the sample cannot be a scan: too short, or
 * slower than the ceiling (a person typing, or a scanner set to a delay no safe threshold covers).
 */
export function calibratedGap(gapsMs: readonly number[]): Calibration {
  if (gapsMs.length < WEDGE_MIN_CHARS) return { ok: false, reason: { key: 'scan.calibrateShort', params: { min: WEDGE_MIN_CHARS } } };
  const measuredMs = Math.round(Math.max(...gapsMs));
  if (measuredMs > WEDGE_GAP_CEILING_MS) return { ok: false, reason: { key: 'scan.calibrateSlow', params: { measured: measuredMs, max: WEDGE_GAP_CEILING_MS } } };
  const gapMs = Math.min(WEDGE_GAP_CEILING_MS, Math.max(WEDGE_GAP_FLOOR_MS, Math.ceil(measuredMs * WEDGE_GAP_MARGIN)));
  return { ok: true, gapMs, measuredMs };
}

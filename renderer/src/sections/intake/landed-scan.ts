import type { ScanEvent } from '../../../../electron/common/domain/scan';
import { classifyScan } from '../../../../electron/common/domain/scan-classify';

/**
 * A card QR typed into a text field by a wedge scanner slower than the detector's threshold (an
 * uncalibrated scanner, a busy PC): the text of the field before the scan started, and the scan.
 * Only a card is taken out of an ordinary field — its 12-digit number and "|" cannot be an address
 * or a name — while in the procedure box, where no name holds a "|", any "|" text is a scan, so
 * an IME-garbled card is reported rather than searched for.
 */
export function landedScan(value: string, field: string): { before: string; event: ScanEvent } | null {
  if (!value.includes('|')) return null;
  const at = value.search(/\d{12}\|/);
  const card = at >= 0;
  if (!card && field !== 'procedure') return null;
  const event = classifyScan(card ? value.slice(at) : value, 'wedge');
  if (event.kind === 'cccd' || event.kind === 'invalid') return { before: card ? value.slice(0, at).trimEnd() : '', event };
  return null;
}

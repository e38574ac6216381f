import { formatError, type KeyedText } from '../ipc/error-messages';
import { parseCccdQr } from './cccd';
import { parseDossierCode } from './dossier-code';
import { checkMojibake } from './mojibake';
import type { ScanEvent } from './scan';

/**
 * Telex/VNI leave tell-tale results when they eat scanner keystrokes: letters with tone marks
 * in what should be digits and separators, or digit runs broken by composed vowels.
 */
export function looksImeGarbled(text: string): boolean {
  const head = text.split('|')[0] ?? text;
  return /[\u00c0-\u1ef9]/.test(head) && /\d/.test(head);
}

export const GARBLED_ENCODING = formatError('scan.garbled', undefined, 'vi');
export const TRUNCATED_CCCD = formatError('scan.truncated', undefined, 'vi');

/** An invalid scan: its Vietnamese text for logs and older readers, its key for the officer's language. */
const refused = (reason: KeyedText): { kind: 'invalid'; error: string; reason: KeyedText } => ({ kind: 'invalid', error: formatError(reason.key, reason.params, 'vi'), reason });

export function classifyScan(raw: string, source: ScanEvent['source']): ScanEvent {
  const read = raw.normalize('NFC').replace(/[\r\n\0]+/g, '').trim();
  // A wrong code page is repaired when the bytes can be rebuilt, and refused when they cannot:
  // a garbled name must never fill the form behind a green "Đã đọc căn cước".
  const enc = checkMojibake(read);
  const text = enc.kind === 'repaired' ? enc.text : read;
  const base = { source, text, cccd: null, code: null, error: null, reason: null, imeSuspected: false, encodingRepaired: enc.kind === 'repaired' };
  if (enc.kind === 'garbled') return { ...base, ...refused({ key: 'scan.garbled' }) };
  // The ID number alone, or a cut-off start of one: the scanner stopped before the first "|".
  if (/^\d{12}\|?$/.test(text)) return { ...base, ...refused({ key: 'scan.truncated' }) };
  if (/^\d{12}\|/.test(text) || (text.split('|').length >= 6 && /^\S/.test(text) && /\|\d{8}\|/.test(text))) {
    const r = parseCccdQr(text);
    if (!r.ok && text.split('|').length < 6) return { ...base, ...refused({ key: 'scan.truncatedWith', params: { reason: r.reason } }) };
    return r.ok ? { ...base, kind: 'cccd', cccd: { ...r.value, extra: [...r.value.extra] } } : { ...base, ...refused(r.reason), imeSuspected: looksImeGarbled(text) };
  }
  const code = parseDossierCode(text);
  if (code) return { ...base, kind: 'dossierCode', code: text };
  if (looksImeGarbled(text)) {
    return { ...base, ...refused({ key: 'scan.ime' }), imeSuspected: true };
  }
  return { ...base, kind: 'other' };
}

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

export const GARBLED_ENCODING =
  'Mã quét bị đọc sai bảng mã (chữ có dấu bị lỗi, ví dụ "Nguyá»…n"): hãy đặt máy quét ở chế độ UTF-8 rồi quét lại.';
export const TRUNCATED_CCCD = 'Mã QR căn cước bị thiếu dữ liệu (quét chưa hết): hãy quét lại, giữ thẻ yên trước máy quét.';

export function classifyScan(raw: string, source: ScanEvent['source']): ScanEvent {
  const read = raw.normalize('NFC').replace(/[\r\n\0]+/g, '').trim();
  // A wrong code page is repaired when the bytes can be rebuilt, and refused when they cannot:
  // a garbled name must never fill the form behind a green "Đã đọc căn cước".
  const enc = checkMojibake(read);
  const text = enc.kind === 'repaired' ? enc.text : read;
  const base = { source, text, cccd: null, code: null, error: null, imeSuspected: false, encodingRepaired: enc.kind === 'repaired' };
  if (enc.kind === 'garbled') return { ...base, kind: 'invalid', error: GARBLED_ENCODING };
  // The ID number alone, or a cut-off start of one: the scanner stopped before the first "|".
  if (/^\d{12}\|?$/.test(text)) return { ...base, kind: 'invalid', error: TRUNCATED_CCCD };
  if (/^\d{12}\|/.test(text) || (text.split('|').length >= 6 && /^\S/.test(text) && /\|\d{8}\|/.test(text))) {
    const r = parseCccdQr(text);
    if (!r.ok && text.split('|').length < 6) return { ...base, kind: 'invalid', error: `${TRUNCATED_CCCD} (${r.error})` };
    return r.ok ? { ...base, kind: 'cccd', cccd: { ...r.value, extra: [...r.value.extra] } } : { ...base, kind: 'invalid', error: r.error, imeSuspected: looksImeGarbled(text) };
  }
  const code = parseDossierCode(text);
  if (code) return { ...base, kind: 'dossierCode', code: text };
  if (looksImeGarbled(text)) {
    return { ...base, kind: 'invalid', imeSuspected: true, error: 'Bộ gõ tiếng Việt (Telex/VNI) đang bật đã làm sai dữ liệu quét. Hãy tắt bộ gõ (chuyển sang E) rồi quét lại.' };
  }
  return { ...base, kind: 'other' };
}

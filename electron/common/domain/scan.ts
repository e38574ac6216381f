import { z } from 'zod';
import { parseCccdQr } from './cccd';
import { parseDossierCode } from './dossier-code';

/** One typed event for every scan, from a serial scanner or a keyboard-wedge burst. */
export const scanEventSchema = z.object({
  source: z.enum(['serial', 'wedge']),
  kind: z.enum(['cccd', 'dossierCode', 'other', 'invalid']),
  /** The decoded text (NFC); kept out of logs, it may hold personal data. */
  text: z.string(),
  cccd: z
    .object({
      SoDinhDanh: z.string(),
      SoCMND: z.string().nullable(),
      HoTen: z.string(),
      NgaySinh: z.string(),
      GioiTinh: z.enum(['Nam', 'Nữ']),
      NoiThuongTru: z.string(),
      NgayCap: z.string(),
      extra: z.array(z.string()),
    })
    .nullable(),
  code: z.string().nullable(),
  error: z.string().nullable(),
  /** A Vietnamese IME (Telex/VNI) has probably rewritten the keystrokes of a wedge scanner. */
  imeSuspected: z.boolean(),
});
export type ScanEvent = z.infer<typeof scanEventSchema>;

/**
 * Telex/VNI leave tell-tale results when they eat scanner keystrokes: letters with tone marks
 * in what should be digits and separators, or digit runs broken by composed vowels.
 */
export function looksImeGarbled(text: string): boolean {
  const head = text.split('|')[0] ?? text;
  return /[\u00c0-\u1ef9]/.test(head) && /\d/.test(head);
}

export function classifyScan(raw: string, source: ScanEvent['source']): ScanEvent {
  const text = raw.normalize('NFC').replace(/[\r\n\0]+/g, '').trim();
  const base = { source, text, cccd: null, code: null, error: null, imeSuspected: false };
  if (/^\d{12}\|/.test(text) || (text.split('|').length >= 6 && /^\S/.test(text) && /\|\d{8}\|/.test(text))) {
    const r = parseCccdQr(text);
    return r.ok ? { ...base, kind: 'cccd', cccd: { ...r.value, extra: [...r.value.extra] } } : { ...base, kind: 'invalid', error: r.error, imeSuspected: looksImeGarbled(text) };
  }
  const code = parseDossierCode(text);
  if (code) return { ...base, kind: 'dossierCode', code: text };
  if (looksImeGarbled(text)) {
    return { ...base, kind: 'invalid', imeSuspected: true, error: 'Bộ gõ tiếng Việt (Telex/VNI) đang bật đã làm sai dữ liệu quét. Hãy tắt bộ gõ (chuyển sang E) rồi quét lại.' };
  }
  return { ...base, kind: 'other' };
}

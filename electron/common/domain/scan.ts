import { z } from 'zod';
import { isErrorKey, type KeyedText } from '../ipc/error-messages';

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
  /** The refusal's catalog key and parameters (`error` is its Vietnamese wording): the renderer words it per language. */
  reason: z
    .custom<KeyedText>((v) => typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string' && isErrorKey((v as { key: string }).key))
    .nullable()
    .default(null),
  /** A Vietnamese IME (Telex/VNI) has probably rewritten the keystrokes of a wedge scanner. */
  imeSuspected: z.boolean(),
  /** The scanner sent UTF-8 that was read as Windows-1252/Latin-1, and `text` is the repaired reading: check it against the card. */
  encodingRepaired: z.boolean().default(false),
});
export type ScanEvent = z.infer<typeof scanEventSchema>;

// The classifier has no schema in it, so the renderer's intake screen loads no zod.
export { classifyScan, GARBLED_ENCODING, looksImeGarbled, TRUNCATED_CCCD } from './scan-classify';

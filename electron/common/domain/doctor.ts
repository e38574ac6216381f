import { z } from 'zod';
import { formatError, type KeyedText } from '../ipc/error-messages';
import { AppFailure, errorText } from '../ipc/result';
import { systemWording } from '../ipc/system-wording';

export const doctorCheckSchema = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['ok', 'warn', 'fail', 'unconfigured']),
  detail: z.string(),
  /** The same row in English, for rows that carry it (shown when the UI or MOTCUA_LANG is English). */
  en: z.object({ label: z.string(), detail: z.string() }).optional(),
});

export const doctorReportSchema = z.object({
  appVersion: z.string(),
  dataDir: z.string(),
  dbPath: z.string(),
  dbVersion: z.number().int(),
  appSchemaVersion: z.number().int(),
  integrity: z.string(),
  freeDiskBytes: z.number().nullable(),
  clock: z.object({ now: z.string(), timeZone: z.string(), utcOffsetMinutes: z.number().int(), vietnamTime: z.string() }),
  devices: z.object({ scanner: z.string().nullable(), printer: z.string().nullable(), tokenModule: z.string().nullable() }),
  unit: z.object({ unitCode: z.string(), unitName: z.string(), counterId: z.string() }).nullable(),
  checks: z.array(doctorCheckSchema),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;
export type DoctorCheck = z.infer<typeof doctorCheckSchema>;

/** A row's text in both languages: Vietnamese as the counter reads it, English for an English UI or MOTCUA_LANG=en. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** A doctor / start-of-day row; the English travels beside the Vietnamese, so every reader can pick its language. */
export function checkRow(id: string, status: DoctorCheck['status'], label: Bilingual, detail: Bilingual): DoctorCheck {
  return { id, label: label.vi, status, detail: detail.vi, en: { label: label.en, detail: detail.en } };
}

/** A keyed text (a notice, where a secret is kept) worded both ways. */
export function bilingual(k: KeyedText): Bilingual {
  return { vi: formatError(k.key, k.params, 'vi'), en: formatError(k.key, k.params, 'en') };
}

/**
 * What a check caught: a keyed failure's wording both ways; a common system error (a missing file,
 * no permission, a port in use) worded from its errno code with the path or address it names; else
 * the error's own text in both, which has no key to word it by.
 */
export function errorBilingual(e: unknown): Bilingual {
  if (e instanceof AppFailure) return { vi: e.message, en: errorText(e, 'en') };
  const sys = systemWording(e);
  if (sys) return bilingual(sys);
  const message = e instanceof Error ? e.message : String(e);
  return { vi: message, en: message };
}

/** Joins words pairwise: `join(a, ' — ', b)` in each language. */
export function joinBilingual(...parts: ReadonlyArray<string | Bilingual>): Bilingual {
  return { vi: parts.map((p) => (typeof p === 'string' ? p : p.vi)).join(''), en: parts.map((p) => (typeof p === 'string' ? p : p.en)).join('') };
}

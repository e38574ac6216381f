import { z } from 'zod';

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

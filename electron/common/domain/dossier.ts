import { z } from 'zod';

export const dossierSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  status: z.string(),
  syncState: z.string(),
  counterId: z.string(),
  voided: z.boolean(),
});
export type DossierSummary = z.infer<typeof dossierSummarySchema>;

export const dossierDetailSchema = dossierSummarySchema.extend({
  applicantType: z.string(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  summary: z.string().nullable(),
  sets: z.number().int(),
  officerId: z.string().nullable(),
  documents: z.array(z.object({ code: z.string(), name: z.string(), originals: z.number().int(), copies: z.number().int() })),
  fees: z.array(z.object({ code: z.string(), name: z.string(), amountVnd: z.number().int() })),
  attachments: z.array(
    z.object({ id: z.number().int(), fileName: z.string(), contentType: z.string(), sha256: z.string(), sizeBytes: z.number().int(), documentCode: z.string().nullable() }),
  ),
  idempotencyKey: z.string().nullable(),
  receiptPath: z.string().nullable(),
  /** Số thứ tự trong sổ theo dõi hồ sơ (Mẫu 01 and Mẫu 07), per unit and year; null before it existed. */
  logNumber: z.number().int().nullable(),
});
export type DossierDetail = z.infer<typeof dossierDetailSchema>;

// Kept apart from the schemas so the renderer's first screens load no zod.
export { STATUS_LABEL } from './dossier-status';

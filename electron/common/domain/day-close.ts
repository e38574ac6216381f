import { z } from 'zod';
import { vi } from './zod-locale';

const dayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, vi('field.isoDay'));

export const dayCloseInputSchema = z.strictObject({
  date: dayString,
  notes: z.string().max(2000).nullable(),
  sign: z.strictObject({ tokenId: z.string(), certId: z.string().nullable(), pin: z.string().max(64).nullable() }).nullable(),
});

/** What a close recorded; `anchor` is the audit head it printed in the report and sent to the province. */
export const dayCloseResultSchema = z.object({
  closedAt: z.string(),
  pdfPath: z.string(),
  signed: z.boolean(),
  anchor: z.object({ at: z.string(), rows: z.number().int(), lastId: z.number().int(), head: z.string(), keyedFrom: z.number().int() }).nullable(),
});

import { z } from 'zod';
import { satisfactionSchema } from './citizen-display';

/** The daily counter report as `report.daily` returns it (totals, KPI breakdowns, the Mẫu 07 log, the day's review). */
export const reportSchema = z.object({
  date: z.string(),
  dateTo: z.string(),
  counterId: z.string().nullable(),
  unitCode: z.string().nullable(),
  generatedAt: z.string(),
  unitDataAsOf: z.string().nullable(),
  totals: z.record(z.string(), z.number()),
  byChannel: z.object({ direct: z.number(), online: z.number(), post: z.number() }),
  byProcedure: z.array(z.object({ maTthc: z.string(), tenTthc: z.string(), received: z.number(), returned: z.number(), onTime: z.number(), late: z.number() })),
  byCounter: z.array(z.object({ counterId: z.string(), received: z.number(), returned: z.number(), feesCollected: z.number(), source: z.enum(['local', 'feed']) })),
  byOfficer: z.array(z.object({ officerId: z.string(), received: z.number() })),
  byHour: z.array(z.number()),
  log: z.array(z.record(z.string(), z.unknown())),
  logTotal: z.number(),
  logOffset: z.number(),
  review: z.array(z.object({ kind: z.enum(['void', 'reprint', 'override']), code: z.string().nullable(), at: z.string(), by: z.string().nullable(), reason: z.string().nullable() })),
  closed: z.object({ at: z.string(), by: z.string() }).nullable(),
  changedAfterClose: z.number(),
  kpi766: z.object({
    truocHan: z.number(),
    dungHan: z.number(),
    treHan: z.number(),
    dangTrongHan: z.number(),
    dangQuaHan: z.number(),
    khongRoHan: z.number(),
    tyLeDungHan: z.number().nullable(),
    judgedAt: z.string(),
  }),
  trend: z.array(z.object({ day: z.string(), received: z.number(), finished: z.number(), tyLeDungHan: z.number().nullable() })),
  satisfaction: satisfactionSchema.optional(),
});

/** A page of a report's Mẫu 07 log as `report.log` returns it, with the count of the whole log. */
export const reportLogPageSchema = z.object({ rows: z.array(z.record(z.string(), z.unknown())), total: z.number(), offset: z.number() });

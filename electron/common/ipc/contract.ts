import { z } from 'zod';
import '../domain/zod-locale';
import { doctorReportSchema } from '../domain/doctor';
import { unitIdentitySchema } from '../domain/unit';

/**
 * The one IPC contract. Every renderer→main call is a row here; main registers a handler for
 * each row through one wrapper (sender check + input validation), and the preload exposes one
 * function per row. Types for all three sides are inferred from this table, so they cannot drift.
 */
const empty = z.strictObject({});

export const localeSchema = z.enum(['vi', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const appInfoSchema = z.object({
  appName: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'chromium-host']),
  dataDir: z.string(),
  dbVersion: z.number().int(),
  locale: localeSchema,
  unit: unitIdentitySchema.nullable(),
  officer: z.object({ officerId: z.string(), fullName: z.string() }).nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const syncStateSchema = z.object({
  online: z.boolean(),
  apiConfigured: z.boolean(),
  pending: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  lastSuccessAt: z.string().nullable(),
  checkedAt: z.string(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const contract = {
  'app.info': { input: empty, output: appInfoSchema },
  'app.setLocale': { input: z.strictObject({ locale: localeSchema }), output: z.object({ locale: localeSchema }) },
  'app.doctor': { input: empty, output: doctorReportSchema },
  'unit.get': { input: empty, output: unitIdentitySchema.nullable() },
  'unit.set': { input: unitIdentitySchema.strict(), output: unitIdentitySchema },
  'sync.state': { input: empty, output: syncStateSchema },
  'shell.openExternal': {
    input: z.strictObject({ url: z.string().max(2048) }),
    output: z.object({ opened: z.boolean() }),
  },
} as const;

/** Main→renderer pushes. The renderer subscribes with `motcua.on(name, cb)`. */
export const events = {
  'sync.state': syncStateSchema,
  'app.notice': z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string() }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channels = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

/** The IPC channel name on the wire; the prefix lets main ignore anything that is not ours. */
export const wireChannel = (c: Channel | EventName): string => `motcua:${c}`;

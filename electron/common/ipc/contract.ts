import { z } from 'zod';
import { keyedTextSchema, noticeSchema } from './notice';
import { vi } from '../domain/zod-locale';
import { auditVerdictSchema } from '../domain/audit';
import { dayCloseInputSchema, dayCloseResultSchema } from '../domain/day-close';
import { reportLogPageSchema, reportSchema } from '../domain/report';
import { dossierDetailSchema, dossierSummarySchema } from '../domain/dossier';
import { formChoiceSchema, formIdSchema, formInputSchema } from '../domain/forms';
import { intakeDraftSchema } from '../domain/intake';
import { procedureSchema } from '../domain/procedure';
import { scanEventSchema } from '../domain/scan';
import { counterIdSchema, unitCodeSchema, unitDeskSchema, unitIdentitySchema } from '../domain/unit';
import { serialScannerConfigSchema } from '../hardware/scanner';
import { printerConfigSchema } from '../hardware/printer';
import { doctorCheckSchema, doctorReportSchema } from '../domain/doctor';
import { displayStateSchema } from '../domain/citizen-display';
import { displayContract } from './display-contract';
import type { Access } from './roles';
import { signingChannels } from './contract-signing';
import { deskChannels, deskEvents, textScaleSchema, type TextScale } from './contract-desk';

export { textScaleSchema, type TextScale };

/**
 * The one IPC contract. Every renderer→main call is a row here; main registers a handler for
 * each row through one wrapper (sender check + input validation), and the preload exposes one
 * function per row. Types for all three sides are inferred from this table, so they cannot drift.
 */
const empty = z.strictObject({});
// `firstRun: true` opens a row without a sign-in while this PC has no officer at all: nobody can
// sign in before the PC reaches the province, whose admin then signs in online (access.ts).

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
  textScale: z.number().int().optional(),
  /** This PC's calibrated keyboard-wedge threshold (ms); absent or null: the default. */
  wedgeGapMs: z.number().int().nullable().optional(),
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

const inboxFileSchema = z.object({ token: z.string(), fileName: z.string(), sizeBytes: z.number().int(), contentType: z.string() });
/** A kept document offered to the print view: an opaque token and the file's name, never its path. */
export const printOfferSchema = z.object({ token: z.uuid(), name: z.string() });
const dayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, vi('field.isoDay'));
export const scannerStateSchema = z.object({ scanner: z.enum(['unconfigured', 'connecting', 'connected', 'disconnected']), detail: z.string().nullable() });

const officerSchema = z.object({ officerId: z.string(), fullName: z.string(), roles: z.array(z.enum(['officer', 'supervisor', 'admin'])) });
const officerAccountSchema = officerSchema.extend({ username: z.string(), active: z.boolean() });
const officerIdInput = z.strictObject({ officerId: z.string().trim().min(1).max(40) });
const secretStoreSchema = z.enum(['safe-storage', 'os-keyring', 'key-file']);

export const contract = {
  'app.info': { access: 'public', input: empty, output: appInfoSchema },
  'auth.state': {
    access: 'public',
    input: empty,
    // noOfficerYet: the first run, whatever the API; needsSetup: the local bootstrap (no officer and no API).
    output: z.object({ officer: officerSchema.nullable(), needsSetup: z.boolean(), noOfficerYet: z.boolean(), apiConfigured: z.boolean(), idleMinutes: z.number(), warnMinutes: z.number() }),
  },
  'auth.login': { access: 'public', input: z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }), output: officerSchema },
  'auth.logout': { access: 'public', input: empty, output: z.object({ ok: z.boolean() }) },
  'auth.lock': { access: 'public', input: empty, output: z.object({ ok: z.boolean() }) },
  'auth.setup': {
    access: 'public',
    input: z.strictObject({
      unit: unitIdentitySchema.strict(),
      admin: z.strictObject({ username: z.string().trim().min(3).max(40), fullName: z.string().trim().min(1).max(200), password: z.string().min(8, vi('field.password8')).max(200) }),
    }),
    output: officerSchema,
  },
  'officer.add': {
    access: 'admin',
    input: z.strictObject({
      officerId: z.string().trim().min(1).max(40),
      username: z.string().trim().min(3).max(40),
      fullName: z.string().trim().min(1).max(200),
      roles: z.array(z.enum(['officer', 'supervisor', 'admin'])).min(1),
      password: z.string().min(8, vi('field.password8')).max(200),
    }),
    output: officerSchema,
  },
  'officer.list': { access: 'admin', input: empty, output: z.array(officerAccountSchema) },
  /** Switches an account off at this PC at once (its offline password too), even before the province does. */
  'officer.deactivate': { access: 'admin', input: officerIdInput, output: officerAccountSchema },
  'officer.activate': { access: 'admin', input: officerIdInput, output: officerAccountSchema },
  /** Local accounts only: with a provincial API the province owns passwords (refused with a message). */
  'officer.resetPassword': {
    access: 'admin',
    input: z.strictObject({ officerId: z.string().trim().min(1).max(40), password: z.string().min(8, vi('field.password8')).max(200) }),
    output: officerAccountSchema,
  },
  /** The provincial API as configured: never the client secret, only where it is kept. */
  'api.state': {
    access: 'admin',
    firstRun: true,
    input: empty,
    output: z.object({
      apiUrl: z.string().nullable(),
      clientId: z.string().nullable(),
      fromEnv: z.object({ apiUrl: z.boolean(), clientId: z.boolean(), clientSecret: z.boolean() }),
      secret: z.object({ stored: z.boolean(), store: secretStoreSchema, where: noticeSchema, warning: noticeSchema.nullable() }),
    }),
  },
  /** Saves the address and client id (settings) and the client secret (OS keyring/safeStorage, else the key file). */
  'api.configure': {
    access: 'admin',
    firstRun: true,
    input: z.strictObject({ apiUrl: z.string().url().max(500), clientId: z.string().trim().min(1).max(100), clientSecret: z.string().min(1).max(500) }),
    output: z.object({ apiUrl: z.string(), clientId: z.string(), store: secretStoreSchema, where: noticeSchema, warning: noticeSchema.nullable() }),
  },
  /** What is saved, or a candidate typed on the setup screen (with its own secret) before it is saved. */
  'api.test': {
    access: 'officer',
    firstRun: true,
    input: z.strictObject({ candidate: z.strictObject({ apiUrl: z.string().url().max(500), clientId: z.string().trim().min(1).max(100), clientSecret: z.string().min(1).max(500) }).optional() }),
    output: z.object({
      ok: z.boolean(),
      apiUrl: z.string(),
      clientId: z.string(),
      reachable: z.boolean(),
      latencyMs: z.number(),
      credentials: z.enum(['ok', 'refused', 'unchecked']),
      tokenMs: z.number().nullable(),
      lines: z.array(z.string()),
      linesEn: z.array(z.string()),
    }),
  },
  'report.daily': { access: 'supervisor', input: z.strictObject({ date: dayString, to: dayString.nullable().optional(), counterId: counterIdSchema.nullable() }), output: reportSchema },
  // Further pages of a report's Mẫu 07 log: report.daily carries the first page and the count.
  'report.log': {
    access: 'supervisor',
    input: z.strictObject({
      date: dayString,
      to: dayString.nullable().optional(),
      counterId: counterIdSchema.nullable(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
    }),
    output: reportLogPageSchema,
  },
  'report.export': {
    access: 'supervisor',
    // A counter id is a counter id (letters, digits, - and _), never a path: it names the exported file.
    input: z.strictObject({ date: dayString, to: dayString.nullable().optional(), counterId: counterIdSchema.nullable(), format: z.enum(['pdf', 'csv', 'xlsx']) }),
    output: z.object({ path: z.string(), opened: z.boolean() }),
  },
  'day.close': { access: 'supervisor', input: dayCloseInputSchema, output: dayCloseResultSchema },
  'audit.verify': { access: 'supervisor', input: empty, output: auditVerdictSchema },
  'app.setLocale': { access: 'public', input: z.strictObject({ locale: localeSchema }), output: z.object({ locale: localeSchema }) },
  'app.doctor': { access: 'officer', input: empty, output: doctorReportSchema },
  'unit.get': { access: 'officer', input: empty, output: unitIdentitySchema.nullable() },
  'unit.set': { access: 'admin', input: unitIdentitySchema.strict(), output: unitIdentitySchema },
  /** The unit's name, address, hours and this counter's offline block (and the desk, when sent) from `GET /units/{unitCode}`. */
  'unit.pull': {
    access: 'admin',
    input: z.strictObject({ counterId: counterIdSchema, unitCode: unitCodeSchema.nullable().optional() }),
    output: z.object({
      unit: unitIdentitySchema,
      address: z.string().nullable(),
      workHours: z.array(z.object({ from: z.string(), to: z.string() })).nullable(),
      desk: unitDeskSchema,
      deskFromProvince: z.boolean(),
    }),
  },
  'unit.desk': { access: 'officer', input: empty, output: unitDeskSchema },
  'unit.setDesk': { access: 'admin', input: unitDeskSchema.partial().strict(), output: unitDeskSchema },
  'sync.state': { access: 'public', input: empty, output: syncStateSchema },
  'catalog.search': { access: 'officer', input: z.strictObject({ query: z.string().max(200) }), output: z.array(procedureSchema) },
  'intake.previewDue': {
    access: 'officer',
    input: z.strictObject({ maTthc: z.string().min(1).max(60) }),
    output: z.object({ receivedAt: z.string(), dueAt: z.string(), durationText: z.string() }),
  },
  'intake.receive': {
    access: 'officer',
    input: z.strictObject({
      draft: intakeDraftSchema,
      attachments: z.array(z.strictObject({ token: z.uuid(), MaThanhPhanHoSo: z.string().max(60).nullable() })).max(50),
      /**
       * Receiving although sync is stale needs a second person: a supervisor signs the permission
       * with their own credentials, checked in the intake service (audited with both ids).
       */
      override: z
        .strictObject({
          supervisor: z.string().trim().min(1).max(100),
          password: z.string().min(1).max(200),
          reason: z.string().trim().min(5, vi('intake.overrideReasonShort')).max(500),
        })
        .nullable()
        .optional(),
    }),
    output: z.object({
      code: z.string(),
      receivedAt: z.string(),
      dueAt: z.string(),
      hasReceipt: z.boolean(),
      /** What to check on the applicant's card (Vietnamese); the dossier is received all the same. */
      warnings: z.array(z.string()),
      /** The same warnings keyed, for the officer's language (warnings[i] is warningKeys[i] in Vietnamese). */
      warningKeys: z.array(keyedTextSchema),
    }),
  },
  'intake.turnBack': {
    access: 'officer',
    input: z.strictObject({
      form: z.enum(['02', '03']),
      MaTTHC: z.string().min(1).max(60),
      ChuHoSo: z.string().trim().min(1, vi('intake.noApplicant')).max(300),
      DiaChiChuHoSo: z.string().max(500).nullable(),
      SoDienThoai: z.string().max(20).nullable(),
      SoGiayToChuHoSo: z.string().max(30).nullable(),
      reasons: z.array(z.string().trim().min(1).max(1000)).min(1, vi('intake.reasonsMissing')).max(20),
      /** Mẫu 02's "Lý do" line (why the dossier is incomplete). */
      reason: z.string().trim().max(1000).nullable().optional(),
    }),
    /** The form is offered to the print view at once (`print.document`), as the receipt is: the citizen leaves with it. */
    output: z.object({ id: z.number().int(), document: printOfferSchema }),
  },
  'intake.applicant': {
    access: 'officer',
    input: z.strictObject({ idNumber: z.string().regex(/^\d{9}(\d{3})?$/) }),
    output: z.object({ dossiers: z.array(dossierSummarySchema), phone: z.string().nullable(), email: z.string().nullable() }),
  },
  'dossier.listDay': { access: 'officer', input: z.strictObject({ date: dayString.optional() }), output: z.array(dossierSummarySchema) },
  'dossier.search': { access: 'officer', input: z.strictObject({ text: z.string().max(200) }), output: z.array(dossierSummarySchema) },
  'dossier.get': { access: 'officer', input: z.strictObject({ code: z.string().min(1).max(60) }), output: dossierDetailSchema.nullable() },
  'dossier.void': {
    access: 'officer',
    input: z.strictObject({ code: z.string().min(1).max(60), reason: z.string().trim().min(5, vi('void.reasonShort')).max(500) }),
    output: z.object({ code: z.string(), voidedAt: z.string() }),
  },
  /** Renders the receipt if needed and offers it to the print view (`print.document`): main never writes it in clear. */
  'receipt.print': { access: 'officer', input: z.strictObject({ code: z.string().min(1).max(60) }), output: z.object({ document: printOfferSchema }) },
  /** The clear bytes of an offered document, for the renderer's print view: unsealed in main's memory, never on disk. */
  'print.document': { access: 'officer', input: z.strictObject({ token: z.uuid() }), output: z.object({ contentType: z.literal('application/pdf'), dataUrl: z.string() }) },
  /** The forms (TT 03/2025 Mẫu 01–07) that apply to a dossier, for the Hồ sơ screen's "In mẫu…". */
  'form.list': { access: 'officer', input: z.strictObject({ code: z.string().min(1).max(60) }), output: z.array(formChoiceSchema) },
  /** Renders one form of a dossier and offers it to the print view; Mẫu 04 takes the reason and the new day. */
  'form.print': { access: 'officer', input: formInputSchema.extend({ code: z.string().min(1).max(60), mau: formIdSchema }), output: z.object({ document: printOfferSchema }) },
  'attachments.pick': { access: 'officer', input: empty, output: z.array(inboxFileSchema) },
  'attachments.scanFolder': { access: 'officer', input: empty, output: z.array(inboxFileSchema) },
  'attachments.preview': { access: 'officer', input: z.strictObject({ token: z.uuid() }), output: z.object({ contentType: z.string(), dataUrl: z.string() }) },
  'devices.state': { access: 'officer', input: empty, output: scannerStateSchema },
  'devices.setScanner': { access: 'admin', input: z.strictObject({ config: serialScannerConfigSchema.nullable() }), output: scannerStateSchema },
  'devices.list': {
    access: 'officer',
    input: empty,
    output: z.array(z.object({ path: z.string(), manufacturer: z.string().nullable(), serialNumber: z.string().nullable(), vendorId: z.string().nullable(), productId: z.string().nullable() })),
  },
  'devices.config': {
    access: 'officer',
    input: empty,
    output: z.object({ scanner: serialScannerConfigSchema.nullable(), printer: printerConfigSchema.nullable(), scanFolder: z.string().nullable(), tokenModule: z.string().nullable(), trustDir: z.string().nullable() }),
  },
  'devices.setPrinter': { access: 'admin', input: z.strictObject({ config: printerConfigSchema.nullable() }), output: z.object({ saved: z.boolean() }) },
  'devices.setScanFolder': { access: 'admin', input: z.strictObject({ path: z.string().max(1000).nullable() }), output: z.object({ saved: z.boolean() }) },
  'devices.startOfDay': { access: 'officer', input: empty, output: z.array(doctorCheckSchema) },
  'printer.test': { access: 'officer', input: empty, output: z.object({ jobId: z.number().int() }) },
  'printer.receipt': {
    access: 'officer',
    input: z.strictObject({ code: z.string().min(1).max(60), reason: z.string().trim().max(500).nullable() }),
    output: z.object({ jobId: z.number().int() }),
  },
  'printer.jobs': {
    access: 'officer',
    input: empty,
    output: z.array(z.object({ id: z.number().int(), kind: z.string(), code: z.string().nullable(), state: z.string(), reason: z.string().nullable(), reasonKey: keyedTextSchema.nullable(), attempts: z.number().int(), createdAt: z.string() })),
  },
  'printer.retry': { access: 'officer', input: z.strictObject({ jobId: z.number().int().positive() }), output: z.object({ printed: z.boolean() }) },
  'sync.now': {
    access: 'officer',
    input: empty,
    // retried: dossiers whose backoff the press cut short; heldForCorrection: rejected or waiting ones it left.
    output: z.object({ ran: z.boolean(), sent: z.number().int(), remaining: z.number().int(), rejected: z.number().int(), retried: z.number().int(), heldForCorrection: z.number().int(), message: z.string().nullable(), messageKey: keyedTextSchema.nullable() }),
  },
  'sync.queue': {
    access: 'officer',
    input: empty,
    output: z.array(z.object({ code: z.string(), kind: z.string(), state: z.string(), attempts: z.number().int(), nextAttemptAt: z.string().nullable(), lastError: z.string().nullable(), lastErrorKey: keyedTextSchema.nullable() })),
  },
  'sync.inbox': {
    access: 'officer',
    input: empty,
    output: z.array(z.object({ code: z.string(), kind: z.string(), at: z.string(), status: z.number().nullable(), message: z.string(), messageKey: keyedTextSchema.nullable(), details: z.array(z.object({ field: z.string().optional(), message: z.string().optional() })) })),
  },
  'sync.resend': { access: 'officer', input: z.strictObject({ code: z.string().min(1).max(60) }), output: z.object({ queued: z.boolean() }) },
  'sync.informed': {
    access: 'officer',
    input: z.strictObject({ code: z.string().min(1).max(60), note: z.string().trim().min(1, vi('sync.informedNote')).max(1000) }),
    output: z.object({ recorded: z.boolean() }),
  },
  'sync.staleness': {
    access: 'officer',
    input: empty,
    output: z.object({ level: z.enum(['ok', 'warn', 'block']), message: z.string().nullable(), messageKey: keyedTextSchema.nullable(), hoursSinceSync: z.number().nullable(), pending: z.number().int() }),
  },
  'sync.configure': {
    access: 'admin',
    input: z.strictObject({ apiUrl: z.string().url().max(500).nullable(), clientId: z.string().trim().max(100).nullable() }),
    output: z.object({ saved: z.boolean() }),
  },
  'returns.open': {
    access: 'officer',
    input: z.strictObject({ code: z.string().trim().min(1).max(60) }),
    output: z.object({
      dossier: dossierDetailSchema,
      results: z.array(z.object({ id: z.number().int(), fileName: z.string(), kind: z.enum(['result', 'signed_result']), sizeBytes: z.number().int(), resultCode: z.string().nullable() })),
      returnable: z.boolean(),
      reason: z.string().nullable(),
      reasonKey: keyedTextSchema.nullable(),
      delivery: z.object({ method: z.enum(['0', '1']), postalAddress: z.string().nullable(), postedAt: z.string().nullable(), trackingNo: z.string().nullable(), postedBy: z.string().nullable() }),
    }),
  },
  'returns.importResult': { access: 'officer', input: z.strictObject({ code: z.string().min(1).max(60), token: z.uuid() }), output: z.object({ id: z.number().int() }) },
  'returns.sign': {
    access: 'officer',
    input: z.strictObject({
      code: z.string().min(1).max(60),
      tokenId: z.string().min(1).max(100),
      certId: z.string().regex(/^[0-9a-fA-F]{1,128}$/).nullable(),
      pin: z.string().min(1).max(64).nullable(),
      confirmFinalTry: z.boolean(),
      attachmentIds: z.array(z.number().int().positive()).min(1, vi('returns.pickResults')).max(20),
    }),
    output: z.object({ signed: z.array(z.number().int()), warning: noticeSchema.nullable() }),
  },
  'returns.handOver': {
    access: 'officer',
    input: z.strictObject({ code: z.string().min(1).max(60), receivedBy: z.string().trim().min(1, vi('returns.noReceiver')).max(200), idChecked: z.boolean(), note: z.string().max(500).nullable() }),
    output: z.object({ document: printOfferSchema }),
  },
  // Issue #14: a postal return handed to the post, and today's units beside a card's address (2025 reorganisation).
  'returns.postOut': { access: 'officer', input: z.strictObject({ code: z.string().min(1).max(60), trackingNo: z.string().trim().min(1, vi('returns.trackingMissing')).max(40) }), output: z.object({ postedAt: z.string() }) },
  'address.currentUnits': { access: 'officer', input: z.strictObject({ address: z.string().max(500) }), output: z.object({ text: z.string().nullable(), source: z.string().nullable() }) },
  'shell.openExternal': {
    access: 'officer',
    input: z.strictObject({ url: z.string().max(2048) }),
    output: z.object({ opened: z.boolean() }),
  },
  /** An admin changes an officer's roles on this PC; the last active admin keeps the admin role. */
  'officer.setRoles': {
    access: 'admin',
    input: z.strictObject({ officerId: z.string().trim().min(1).max(40), roles: z.array(z.enum(['officer', 'supervisor', 'admin'])).min(1, vi('officer.pickRole')).max(3) }),
    output: officerAccountSchema,
  },
  ...signingChannels,
  ...displayContract,
  ...deskChannels,
} as const satisfies Record<string, { readonly access: Access; readonly firstRun?: true; readonly window?: 'display'; readonly input: z.ZodType; readonly output: z.ZodType }>;

/** Main→renderer pushes. The renderer subscribes with `motcua.on(name, cb)`. */
export const events = {
  'sync.state': syncStateSchema,
  'app.notice': z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  'scan.received': scanEventSchema,
  'unit.changed': unitIdentitySchema,
  'auth.changed': z.object({ officer: z.object({ officerId: z.string(), fullName: z.string(), roles: z.array(z.string()) }).nullable() }),
  'sync.progress': z.object({ code: z.string(), fileName: z.string(), sent: z.number(), total: z.number() }),
  'devices.state': scannerStateSchema,
  'display.state': displayStateSchema,
  ...deskEvents,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channels = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export { wireChannel } from './channel-names';

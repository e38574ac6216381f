import { join } from 'node:path';
import type { Actor } from '../../common/domain/actor';
import type { PrinterFactory } from '../../common/hardware/printer';
import type { ScannerFactory } from '../../common/hardware/scanner';
import type { SignatureToken } from '../../common/hardware/token';
import { checkRow, errorBilingual, type DoctorCheck } from '../../common/domain/doctor';
import type { SecretStore } from '../../common/security/secrets';
import { SessionService } from '../auth/session';
import { dataLayout } from '../config/paths';
import { resourcesDir } from '../config/resources';
import { defaultPdfRenderer, inProcessRenderer, type PdfRenderer } from '../documents/pdf-renderer';
import { EventHub } from '../events/event-hub';
import { AttachmentInbox } from '../files/attachment-inbox';
import { ContentStore } from '../files/content-store';
import { UnsealThread } from '../files/unseal-thread';
import { FormService } from '../forms/form-service';
import { IntakeService } from '../intake/intake-service';
import type { Logger } from '../log/logger';
import { PrinterService } from '../printing/printer-service';
import { defaultReportExportDir, ReportService } from '../reports/report-service';
import { SettledWarmer } from '../reports/settled-warmer';
import { ReturnService } from '../returns/return-service';
import { AddressService } from '../address/address-service';
import { apiProbe, ConnectivityMonitor, interfaceProbe, type NetworkProbe } from '../services/connectivity';
import { ScanService } from '../services/scan-service';
import { SettingsService } from '../settings/settings-service';
import { TokenSessions } from '../signing/token-sessions';
import { encryptionCheck, keyForReading, unlockStore } from '../db/store-key';
import { SqliteStore } from '../store/sqlite-store';
import { fileMasterKey } from '../files/sealed-file';
import { sealLegacyDataDir } from '../files/seal-legacy';
import { DocumentVault } from '../files/document-vault';
import { PrintOffers } from '../files/print-offers';
import { ApiSetupService } from '../sync/api-setup';
import { ProvincialApi } from '../sync/provincial-api';
import { keyFileStore, keyFilePath } from '../secrets/key-file-store';
import { forcedSecretStore, SecretVault } from '../secrets/secret-vault';
import { OfficerService } from '../officers/officer-service';
import { UnitService } from '../unit/unit-service';
import { resolveApiConfig } from '../sync/sync-config';
import { SyncService } from '../sync/sync-service';
import { findWorkerScript } from '../workers/worker-script';
import { OutboxService } from '../sync/outbox-service';
import { thisCounter } from '../unit/unit-repo';
import { countOfficers } from '../officers/officer-repo';
import { authorize } from './authorize';
import { AuditService, auditKeyOrFailure, loadAuditKey } from '../audit/audit-service';
import { seedDefaults } from '../app/seed';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { sealPendingRecords } from '../auth/integrity-repo';
import { AUDIT_LABEL } from '../services/check-words';
import { recordsDoctorCheck } from '../services/doctor';
import { provinceChecks } from '../services/setup-checks';
import { DisplayService } from '../display/display-service';
import { defaultSignedDir, SignedOutputService } from '../signing/signed-output';

/** What differs between the app, the Chromium host and the CLI: hardware, the clock, the PDF thread, logs. */
export interface CoreAdapters {
  readonly log: Logger;
  readonly scannerFactory?: ScannerFactory;
  readonly printerFactory?: PrinterFactory;
  readonly tokenFactory?: (modulePath: string) => SignatureToken;
  readonly probe?: NetworkProbe;
  readonly now?: () => Date;
  /** The app renders PDFs on a worker thread; a short-lived CLI process renders in-process. */
  readonly pdf?: 'worker' | 'in-process';
  /**
   * Where this entry point can keep secrets, best first (Electron: safeStorage, then the OS keyring;
   * the Chromium host and the CLI: the OS keyring). The key file is always added last.
   */
  readonly secretStores?: readonly SecretStore[];
  /** The user's Documents folder (signed copies default to a folder inside it); tests give a temp dir. */
  readonly documentsDir?: string;
}

/** The vault a command uses on its own (the key backup), with this entry point's stores. */
export function keyVault(dataDir: string, stores: readonly SecretStore[]): SecretVault {
  return secretVault(dataDir, stores, () => new Date());
}

/** The entry point's secret stores, best first, then the key file (always available). */
function secretVault(dataDir: string, stores: readonly SecretStore[], now: () => Date): SecretVault {
  return new SecretVault({ indexPath: join(dataDir, 'secrets.json'), stores: [...stores, keyFileStore(keyFilePath(dataDir))], now, force: forcedSecretStore() });
}

/**
 * `motcua doctor`'s encryption, provincial-API and secret checks over a store doctor opened
 * read-only: the same as the core's doctorChecks, without building (and so migrating) the whole core.
 */
export async function doctorChecksReadOnly(store: SqliteStore, dataDir: string, stores: readonly SecretStore[]): Promise<DoctorCheck[]> {
  const now = () => new Date();
  const secrets = secretVault(dataDir, stores, now);
  return [
    await encryptionCheck(store.dbPath, secrets),
    ...(await new ApiSetupService({ store, settings: new SettingsService({ store, now }), secrets }).doctorChecks()),
    await recordsDoctorCheck(store, () => loadAuditKey(secrets, { create: false })),
    ...(await provinceChecks({ store, secrets, now })),
  ];
}

/** The append-only anchor file of the audit chain, beside the database. */
export const auditAnchorPath = (dataDir: string) => join(dataDir, 'audit-anchors.jsonl');

/** doctor's audit row over its read-only store: the key is read, never created (doctor writes nothing). */
export function auditDoctorCheck(store: SqliteStore, dataDir: string, stores: readonly SecretStore[]): Promise<DoctorCheck> {
  const now = () => new Date();
  const vault = secretVault(dataDir, stores, now);
  return new AuditService({ store, anchorPath: auditAnchorPath(dataDir), key: () => loadAuditKey(vault, { create: false }), now })
    .check()
    .catch((e: unknown): DoctorCheck => {
      const m = errorBilingual(e);
      return checkRow('audit', 'fail', AUDIT_LABEL, { vi: `không kiểm tra được: ${m.vi}`, en: `could not be checked: ${m.en}` });
    });
}

const noHardware = (what: string) => () => {
  throw new Error(`${what} is not available in this entry point`);
};

/**
 * Every service, built once over one data directory. Electron main, the Chromium host and the
 * `motcua` CLI all start here, so a rule lives in exactly one service and every entry point
 * reaches it the same way; handlers and commands only adapt input and output.
 */
export function createCoreServices(dataDir: string, a: CoreAdapters, dbKey: string) {
  const now = a.now ?? (() => new Date());
  const layout = dataLayout(dataDir);
  const resources = resourcesDir();
  const fontsDir = join(resources, 'fonts');
  const secrets = secretVault(dataDir, a.secretStores ?? [], now);
  // Asked once; the store holds writes that need it until the vault has answered.
  let auditKey: Promise<Buffer> | null = null;
  const keyOnce = () => (auditKey ??= auditKeyOrFailure(secrets));
  const store = SqliteStore.open(layout.dbPath, { now, key: dbKey, auditKey: keyOnce });
  // Officer rows and security settings from before their MACs: sealed once, ahead of any other work on the store.
  void store.exec('integrity.seal', (db) => sealPendingRecords(db, toVietnamRfc3339(now()))).catch(() => a.log.warn('sealing officer and setting records failed'));
  const audit = new AuditService({ store, anchorPath: auditAnchorPath(dataDir), key: keyOnce, now });
  audit.startInterval(undefined, () => a.log.warn('audit anchor failed'));
  const hub = new EventHub();
  const settings = new SettingsService({ store, now });
  const apiConfigured = async () => Boolean(await settings.apiUrl());
  const probe: NetworkProbe =
    a.probe ??
    (async () => {
      const url = await settings.apiUrl();
      return url ? apiProbe(url)() : interfaceProbe();
    });
  const monitor = new ConnectivityMonitor({ store, hub, probe, apiConfigured });
  const pdf: PdfRenderer = a.pdf === 'in-process' ? inProcessRenderer(fontsDir) : defaultPdfRenderer(fontsDir);
  const master = fileMasterKey(dbKey);
  const unsealScript = findWorkerScript('unseal-worker');
  const unsealer = unsealScript ? new UnsealThread(unsealScript) : null;
  const files = new ContentStore(layout.filesDir, master, unsealer);
  const docs = new DocumentVault(master, layout.viewerDir);
  // Plain copies an older version left behind go before anything runs: its upload or signature copies, the prints its OS viewer had.
  files.temp.wipeLeftovers();
  docs.wipeViewerLeftovers();
  const printOffers = new PrintOffers(docs);
  const intake = new IntakeService({
    store,
    files,
    docs,
    receiptsDir: layout.receiptsDir,
    fontsDir,
    pdf,
    now,
    apiConfigured,
    // Best effort, after the officer saw "saved": the app may be closing by then (store shut), and an
    // unhandled rejection would end the main process; the next probe and sync pass run on their own timers.
    afterAnswer: () => {
      monitor.check().catch(() => undefined);
      Promise.resolve(sync.trigger('intake')).catch(() => undefined);
    },
  });
  const forms = new FormService({ store, intake, docs, pdf, formsDir: layout.receiptsDir, now });
  // The 766 summaries for long reports, made between other work; idle until a window host starts it.
  const settledWarmer = new SettledWarmer({ exec: (op, fn) => store.exec(op, fn), log: a.log.child('reports') });
  const sync = new SyncService({ store, files, monitor, log: a.log.child('sync'), hub, secrets, now, onPulled: () => settledWarmer.poke() });
  /** The API client, or a Vietnamese AppFailure saying what is missing; null when no API is configured. */
  const apiOrFail = async () => {
    const cfg = await resolveApiConfig(store, {}, secrets);
    return cfg ? new ProvincialApi(cfg) : null;
  };
  // Sign-in treats an unusable configuration like an unreachable server: it decides offline.
  const api = () => apiOrFail().catch(() => null);
  const session = new SessionService({ store, api, apiConfigured, now, onChange: (officer) => hub.emit('auth.changed', { officer }) });
  /** A PC with no officer at all: the first run, when the `setup` channels need no sign-in. */
  const noOfficerYet = async () => (await store.exec('core.officers', (db) => countOfficers(db))) === 0;
  const apiSetup = new ApiSetupService({ store, settings, secrets, noOfficerYet });
  const units = new UnitService({ store, settings, api: apiOrFail, now });
  const officers = new OfficerService({ store, apiConfigured, now });
  const tokens = new TokenSessions({ settings, factory: a.tokenFactory ?? noHardware('PKCS#11') });
  const returns = new ReturnService({ store, files, intake, docs, workDir: layout.returnsDir, fontsDir, now });
  const scans = new ScanService({ store, hub, factory: a.scannerFactory ?? noHardware('scanner'), log: a.log.child('scan') });
  const printer = new PrinterService({ store, intake, factory: a.printerFactory ?? noHardware('printer'), fontsDir, now });
  const reports = new ReportService({ store, pdf, tokens, audit, apiConfigured, docs, reportsDir: layout.reportsDir, exportsDir: defaultReportExportDir(a.documentsDir), fontsDir, now });
  const inbox = new AttachmentInbox();
  const outbox = new OutboxService({ store, now });
  const address = new AddressService({ store, now });
  // The citizen display; its keypad is a serial line framed like a scanner's ('1'..'5' + CR).
  const display = new DisplayService({
    store,
    settings,
    hub,
    intake,
    now,
    log: a.log.child('display'),
    keypadFactory: a.scannerFactory ?? null,
    currentActor: async () => (session.officer ? actorOf(session.officer) : null),
    apiConfigured,
  });
  hub.subscribe((name, payload) => {
    if (name === 'auth.changed' && (payload as { officer: unknown }).officer === null) {
      display.clear();
      printOffers.clear();
    }
  });

  async function actorOf(officer: { officerId: string; fullName: string; roles: Actor['roles'] }): Promise<Actor> {
    const counter = await store.exec('core.counter', (db) => thisCounter(db));
    return { officerId: officer.officerId, fullName: officer.fullName, roles: officer.roles, counterId: counter?.counterId ?? null };
  }
  const signedOutput = new SignedOutputService({ settings, defaultDir: defaultSignedDir(a.documentsDir) });

  return {
    dataDir,
    layout,
    fontsDir,
    resources,
    now,
    log: a.log,
    store,
    hub,
    settings,
    secrets,
    apiSetup,
    units,
    officers,
    monitor,
    pdf,
    files,
    docs,
    printOffers,
    inbox,
    intake,
    forms,
    sync,
    outbox,
    session,
    tokens,
    returns,
    scans,
    printer,
    reports,
    settledWarmer,
    address,
    display,
    signedOutput,
    audit,
    authorize,
    /** Staleness only applies once a provincial API is configured: one answer for the gate, the monitor and the panel. */
    apiConfigured,
    noOfficerYet,
    /** The signed-in officer of this session as the actor of a change, with this PC's counter. */
    actorOf,
    /** Doctor's lines beyond this PC's files: encryption and where its key is, the provincial API, the secrets. */
    doctorChecks: async (): Promise<DoctorCheck[]> => [
      await encryptionCheck(store.dbPath, secrets),
      ...(await apiSetup.doctorChecks()),
      await recordsDoctorCheck(store, keyOnce),
      ...(await provinceChecks({ store, secrets, now })),
    ],
    /** The start-of-day rows that ask the province: the unit and counter exist there, the clock agrees. */
    provinceChecks: (): Promise<DoctorCheck[]> => provinceChecks({ store, secrets, now }),
    /** First-run data (seeded calendar, sample catalog); idempotent. */
    seed: () => seedDefaults(store, resources),
    async close(): Promise<void> {
      // The session's last head goes outside the database before it closes (skipped when nothing changed).
      audit.stopInterval();
      await audit.anchor('close').catch(() => a.log.warn('audit anchor at close failed'));
      monitor.stop();
      sync.stop();
      settledWarmer.stop();
      await scans.stop();
      await display.stopKeypad();
      await printer.close();
      await pdf.close();
      await unsealer?.close();
      await store.close();
    },
  };
}

export type CoreServices = ReturnType<typeof createCoreServices>;

/**
 * The core over a data directory whose database is unlocked first: the key comes from the vault
 * (created for a new store, and an old clear store is sealed), so no entry point can open the
 * database in clear.
 */
export async function openCoreServices(dataDir: string, a: CoreAdapters): Promise<CoreServices> {
  const vault = secretVault(dataDir, a.secretStores ?? [], a.now ?? (() => new Date()));
  const key = await unlockStore(dataLayout(dataDir).dbPath, vault);
  sealLegacy(dataDir, key);
  return createCoreServices(dataDir, a, key);
}

/** `motcua doctor`'s key: read, never created for an existing store (see keyForReading). */
export function doctorDbKey(dataDir: string, stores: readonly SecretStore[]): Promise<string | null> {
  return keyForReading(dataLayout(dataDir).dbPath, secretVault(dataDir, stores, () => new Date()));
}

/** `db migrate` and first starts: the key, created (and a clear store sealed) when needed. */
export async function unlockDataDir(dataDir: string, stores: readonly SecretStore[]): Promise<string> {
  const key = await unlockStore(dataLayout(dataDir).dbPath, secretVault(dataDir, stores, () => new Date()));
  sealLegacy(dataDir, key);
  return key;
}

/** Scans and generated documents stored by a version before sealing: sealed once (seal-legacy.ts). */
function sealLegacy(dataDir: string, key: string): void {
  sealLegacyDataDir(dataLayout(dataDir), fileMasterKey(key));
}

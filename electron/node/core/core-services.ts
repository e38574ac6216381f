import { join } from 'node:path';
import type { Actor } from '../../common/domain/actor';
import type { PrinterFactory } from '../../common/hardware/printer';
import type { ScannerFactory } from '../../common/hardware/scanner';
import type { SignatureToken } from '../../common/hardware/token';
import type { DoctorCheck } from '../../common/domain/doctor';
import type { SecretStore } from '../../common/security/secrets';
import { SessionService } from '../auth/session';
import { dataLayout } from '../config/paths';
import { resourcesDir } from '../config/resources';
import { defaultPdfRenderer, inProcessRenderer, type PdfRenderer } from '../documents/pdf-renderer';
import { EventHub } from '../events/event-hub';
import { AttachmentInbox } from '../files/attachment-inbox';
import { ContentStore } from '../files/content-store';
import { IntakeService } from '../intake/intake-service';
import type { Logger } from '../log/logger';
import { PrinterService } from '../printing/printer-service';
import { ReportService } from '../reports/report-service';
import { ReturnService } from '../returns/return-service';
import { apiProbe, ConnectivityMonitor, interfaceProbe, type NetworkProbe } from '../services/connectivity';
import { ScanService } from '../services/scan-service';
import { SettingsService } from '../settings/settings-service';
import { TokenSessions } from '../signing/token-sessions';
import { SqliteStore } from '../store/sqlite-store';
import { ApiSetupService } from '../sync/api-setup';
import { ProvincialApi } from '../sync/provincial-api';
import { keyFileStore, keyFilePath } from '../secrets/key-file-store';
import { forcedSecretStore, SecretVault } from '../secrets/secret-vault';
import { OfficerService } from '../officers/officer-service';
import { UnitService } from '../unit/unit-service';
import { resolveApiConfig } from '../sync/sync-config';
import { SyncService } from '../sync/sync-service';
import { OutboxService } from '../sync/outbox-service';
import { thisCounter } from '../unit/unit-repo';
import { countOfficers } from '../officers/officer-repo';
import { authorize } from './authorize';
import { seedDefaults } from '../app/seed';

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
}

/** The entry point's secret stores, best first, then the key file (always available). */
function secretVault(dataDir: string, stores: readonly SecretStore[], now: () => Date): SecretVault {
  return new SecretVault({ indexPath: join(dataDir, 'secrets.json'), stores: [...stores, keyFileStore(keyFilePath(dataDir))], now, force: forcedSecretStore() });
}

/**
 * `motcua doctor`'s provincial-API and secret checks over a store doctor opened read-only: the same
 * service as the app's, without building (and so migrating) the whole core.
 */
export function apiDoctorChecks(store: SqliteStore, dataDir: string, stores: readonly SecretStore[]): Promise<DoctorCheck[]> {
  const now = () => new Date();
  return new ApiSetupService({ store, settings: new SettingsService({ store, now }), secrets: secretVault(dataDir, stores, now) }).doctorChecks();
}

const noHardware = (what: string) => () => {
  throw new Error(`${what} is not available in this entry point`);
};

/**
 * Every service, built once over one data directory. Electron main, the Chromium host and the
 * `motcua` CLI all start here, so a rule lives in exactly one service and every entry point
 * reaches it the same way; handlers and commands only adapt input and output.
 */
export function createCoreServices(dataDir: string, a: CoreAdapters) {
  const now = a.now ?? (() => new Date());
  const layout = dataLayout(dataDir);
  const resources = resourcesDir();
  const fontsDir = join(resources, 'fonts');
  const store = SqliteStore.open(layout.dbPath, { now });
  const hub = new EventHub();
  const settings = new SettingsService({ store, now });
  const secrets = secretVault(dataDir, a.secretStores ?? [], now);
  const apiConfigured = async () => Boolean(await settings.apiUrl());
  const probe: NetworkProbe =
    a.probe ??
    (async () => {
      const url = await settings.apiUrl();
      return url ? apiProbe(url)() : interfaceProbe();
    });
  const monitor = new ConnectivityMonitor({ store, hub, probe, apiConfigured });
  const pdf: PdfRenderer = a.pdf === 'in-process' ? inProcessRenderer(fontsDir) : defaultPdfRenderer(fontsDir);
  const files = new ContentStore(layout.filesDir);
  const intake = new IntakeService({ store, files, receiptsDir: join(layout.filesDir, 'receipts'), fontsDir, pdf, now, apiConfigured });
  const sync = new SyncService({ store, files, monitor, log: a.log.child('sync'), hub, secrets });
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
  const returns = new ReturnService({ store, files, intake, workDir: join(layout.filesDir, 'returns'), fontsDir, now });
  const scans = new ScanService({ store, hub, factory: a.scannerFactory ?? noHardware('scanner'), log: a.log.child('scan') });
  const printer = new PrinterService({ store, intake, factory: a.printerFactory ?? noHardware('printer'), fontsDir, now });
  const reports = new ReportService({ store, pdf, tokens, reportsDir: join(dataDir, 'reports'), fontsDir, now });
  const inbox = new AttachmentInbox();
  const outbox = new OutboxService({ store, now });

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
    inbox,
    intake,
    sync,
    outbox,
    session,
    tokens,
    returns,
    scans,
    printer,
    reports,
    authorize,
    /** Staleness only applies once a provincial API is configured: one answer for the gate, the monitor and the panel. */
    apiConfigured,
    noOfficerYet,
    /** The signed-in officer of this session as the actor of a change, with this PC's counter. */
    async actorOf(officer: { officerId: string; fullName: string; roles: Actor['roles'] }): Promise<Actor> {
      const counter = await store.exec('core.counter', (db) => thisCounter(db));
      return { officerId: officer.officerId, fullName: officer.fullName, roles: officer.roles, counterId: counter?.counterId ?? null };
    },
    /** First-run data (seeded calendar, sample catalog); idempotent. */
    seed: () => seedDefaults(store, resources),
    async close(): Promise<void> {
      monitor.stop();
      sync.stop();
      await scans.stop();
      await printer.close();
      await pdf.close();
      await store.close();
    },
  };
}

export type CoreServices = ReturnType<typeof createCoreServices>;

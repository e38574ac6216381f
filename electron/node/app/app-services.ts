import { join } from 'node:path';
import type { AppInfo } from '../../common/ipc/contract';
import type { ScannerFactory } from '../../common/hardware/scanner';
import type { PrinterFactory } from '../../common/hardware/printer';
import type { SerialPortLister } from '../../common/hardware/serial';
import { PrinterService } from '../printing/printer-service';
import { dataLayout } from '../config/paths';
import { resourcesDir } from '../config/resources';
import { EventHub } from '../events/event-hub';
import { AttachmentInbox } from '../files/attachment-inbox';
import { ContentStore } from '../files/content-store';
import { IntakeService } from '../intake/intake-service';
import { defaultPdfRenderer } from '../documents/pdf-renderer';
import { createDispatcher, type Dispatcher } from '../ipc/dispatcher';
import { createHandlers, type HostShell } from '../ipc/handlers';
import type { Logger } from '../log/logger';
import { apiProbe, ConnectivityMonitor, interfaceProbe, type NetworkProbe } from '../services/connectivity';
import { ScanService } from '../services/scan-service';
import { SqliteStore } from '../store/sqlite-store';
import { SyncService } from '../sync/sync-service';
import { ReturnService } from '../returns/return-service';
import { SessionService } from '../auth/session';
import { ProvincialApi } from '../sync/provincial-api';
import { resolveApiConfig } from '../sync/sync-config';
import type { SignatureToken } from '../../common/hardware/token';
import { seedDefaults } from './seed';

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly host: AppInfo['host'];
  readonly allowedOrigin: string;
  readonly log: Logger;
  readonly shell: HostShell;
  readonly scannerFactory: ScannerFactory;
  readonly printerFactory: PrinterFactory;
  readonly serialPorts: SerialPortLister;
  readonly tokenFactory: (modulePath: string) => SignatureToken;
  readonly probe?: NetworkProbe;
  readonly now?: () => Date;
}

export interface AppServices {
  readonly store: SqliteStore;
  readonly hub: EventHub;
  readonly monitor: ConnectivityMonitor;
  readonly intake: IntakeService;
  readonly inbox: AttachmentInbox;
  readonly scans: ScanService;
  readonly printer: PrinterService;
  readonly sync: SyncService;
  readonly returns: ReturnService;
  readonly session: SessionService;
  readonly dispatcher: Dispatcher;
  /** First-run data and devices; call once after construction. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Everything the app runs, built once. Both composition roots (Electron main and the Chromium
 * host) call this, so they serve the same handlers over the same checks.
 */
export function createAppServices(o: AppServicesOptions): AppServices {
  const layout = dataLayout(o.dataDir);
  const store = SqliteStore.open(layout.dbPath, o.now ? { now: o.now } : {});
  const hub = new EventHub();
  const resources = resourcesDir();
  const apiUrl = async () => process.env.MOTCUA_API_URL ?? (await store.getSetting('sync.apiUrl'));
  const probe: NetworkProbe =
    o.probe ??
    (async () => {
      const url = await apiUrl();
      return url ? apiProbe(url)() : interfaceProbe();
    });
  const monitor = new ConnectivityMonitor({ store, hub, probe, apiConfigured: async () => Boolean(await apiUrl()) });
  const pdf = defaultPdfRenderer(join(resources, 'fonts'));
  const files = new ContentStore(layout.filesDir);
  const intake = new IntakeService({
    store,
    files,
    receiptsDir: join(layout.filesDir, 'receipts'),
    fontsDir: join(resources, 'fonts'),
    pdf,
    ...(o.now ? { now: o.now } : {}),
  });
  const inbox = new AttachmentInbox();
  const sync = new SyncService({ store, files, monitor, log: o.log.child('sync'), hub });
  const session = new SessionService({
    store,
    api: async () => {
      try {
        const cfg = await resolveApiConfig(store);
        return cfg ? new ProvincialApi(cfg) : null;
      } catch {
        return null;
      }
    },
    ...(o.now ? { now: o.now } : {}),
    onChange: (officer) => hub.emit('auth.changed', { officer }),
  });
  const returns = new ReturnService({ store, files, intake, workDir: join(layout.filesDir, 'returns'), fontsDir: join(resources, 'fonts'), ...(o.now ? { now: o.now } : {}) });
  const scans = new ScanService({ store, hub, factory: o.scannerFactory, log: o.log.child('scan') });
  const printer = new PrinterService({ store, intake, factory: o.printerFactory, fontsDir: join(resources, 'fonts'), ...(o.now ? { now: o.now } : {}) });
  const handlers = createHandlers({
    store,
    monitor,
    intake,
    inbox,
    scans,
    printer,
    sync,
    returns,
    session,
    fontsDir: join(resources, 'fonts'),
    pdf,
    tokenFactory: o.tokenFactory,
    serialPorts: o.serialPorts,
    hub,
    dataDir: o.dataDir,
    appVersion: o.appVersion,
    host: o.host,
    shell: o.shell,
    ...(o.now ? { now: o.now } : {}),
  });
  const dispatcher = createDispatcher(handlers, { allowedOrigin: o.allowedOrigin, log: o.log.child('ipc'), officer: () => session.officer });
  return {
    store,
    hub,
    monitor,
    intake,
    inbox,
    scans,
    printer,
    sync,
    returns,
    session,
    dispatcher,
    async start() {
      await seedDefaults(store, resources);
      await scans.start();
      sync.start();
    },
    async close() {
      monitor.stop();
      sync.stop();
      await scans.stop();
      await printer.close();
      await pdf.close();
      await store.close();
    },
  };
}

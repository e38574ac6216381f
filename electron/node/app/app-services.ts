import type { AppInfo } from '../../common/ipc/contract';
import { dataLayout } from '../config/paths';
import { EventHub } from '../events/event-hub';
import { createDispatcher, type Dispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import type { Logger } from '../log/logger';
import { apiProbe, ConnectivityMonitor, interfaceProbe, type NetworkProbe } from '../services/connectivity';
import type { AppStore } from '../store/app-store';
import { SqliteStore } from '../store/sqlite-store';

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly host: AppInfo['host'];
  readonly allowedOrigin: string;
  readonly log: Logger;
  readonly openExternal: (url: string) => Promise<void>;
  readonly probe?: NetworkProbe;
}

export interface AppServices {
  readonly store: AppStore;
  readonly hub: EventHub;
  readonly monitor: ConnectivityMonitor;
  readonly dispatcher: Dispatcher;
  close(): Promise<void>;
}

/**
 * Everything the app runs, built once. Both composition roots (Electron main and the Chromium
 * host) call this, so they serve the same handlers over the same checks.
 */
export function createAppServices(o: AppServicesOptions): AppServices {
  const layout = dataLayout(o.dataDir);
  const store = SqliteStore.open(layout.dbPath);
  const hub = new EventHub();
  const apiUrl = async () => process.env.MOTCUA_API_URL ?? (await store.getSetting('sync.apiUrl'));
  const probe: NetworkProbe =
    o.probe ??
    (async () => {
      const url = await apiUrl();
      return url ? apiProbe(url)() : interfaceProbe();
    });
  const monitor = new ConnectivityMonitor({ store, hub, probe, apiConfigured: async () => Boolean(await apiUrl()) });
  const handlers = createHandlers({
    store,
    monitor,
    dataDir: o.dataDir,
    appVersion: o.appVersion,
    host: o.host,
    openExternal: o.openExternal,
  });
  const dispatcher = createDispatcher(handlers, { allowedOrigin: o.allowedOrigin, log: o.log.child('ipc') });
  return {
    store,
    hub,
    monitor,
    dispatcher,
    async close() {
      monitor.stop();
      await store.close();
    },
  };
}

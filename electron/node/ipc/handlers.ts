import type { AppInfo, Locale } from '../../common/ipc/contract';
import { AppFailure } from '../../common/ipc/result';
import { isSafeExternalUrl } from '../../common/security/external-url';
import type { ConnectivityMonitor } from '../services/connectivity';
import { runDoctor } from '../services/doctor';
import type { AppStore } from '../store/app-store';
import type { Handlers } from './dispatcher';

export interface HandlerDeps {
  readonly store: AppStore;
  readonly monitor: ConnectivityMonitor;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly host: AppInfo['host'];
  /** Provided by the host: Electron's shell.openExternal, or a recorder in the Chromium host. */
  readonly openExternal: (url: string) => Promise<void>;
}

const ACTOR = 'officer'; // replaced by the logged-in officer once accounts land (issue 7)

/** The handler table: one function per contract channel, shared by Electron and the Chromium host. */
export function createHandlers(d: HandlerDeps): Handlers {
  const locale = async (): Promise<Locale> => ((await d.store.getSetting('ui.locale')) === 'en' ? 'en' : 'vi');
  return {
    'app.info': async () => ({
      appName: 'Một Cửa Desk',
      version: d.appVersion,
      host: d.host,
      dataDir: d.dataDir,
      dbVersion: await d.store.schemaVersion(),
      locale: await locale(),
      unit: await d.store.getUnitIdentity(),
      officer: null,
    }),
    'app.setLocale': async ({ locale: l }) => {
      await d.store.setSetting('ui.locale', l, ACTOR);
      return { locale: l };
    },
    'app.doctor': () => runDoctor({ store: d.store, dataDir: d.dataDir, appVersion: d.appVersion }),
    'unit.get': () => d.store.getUnitIdentity(),
    'unit.set': async (unit) => {
      const saved = await d.store.setUnitIdentity(unit, ACTOR);
      await d.monitor.check();
      return saved;
    },
    'sync.state': () => d.monitor.check(),
    'shell.openExternal': async ({ url }) => {
      if (!isSafeExternalUrl(url)) throw new AppFailure('forbidden', 'Địa chỉ này không được phép mở ngoài ứng dụng.');
      await d.openExternal(url);
      return { opened: true };
    },
  };
}

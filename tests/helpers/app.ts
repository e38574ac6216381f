import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../electron/node/app/app-services';
import type { HostShell } from '../../electron/node/ipc/handlers/env';
import { silentLogger } from '../../electron/node/log/logger';
import { fakeScannerFactory } from '../fakes/fake-scanner';

/** The origin the IPC tests' sender claims. */
export const TEST_ORIGIN = 'app://motcua';

/** The app's services over a data directory as the IPC tests drive them: no printer, no token, online. */
export function testAppServices(dataDir: string, over: Omit<Partial<Parameters<typeof createAppServices>[0]>, 'shell'> & { shell?: Partial<HostShell> } = {}): Promise<AppServices> {
  const { shell, ...rest } = over;
  return createAppServices({
    dataDir,
    appVersion: '0.0.0-test',
    host: 'chromium-host',
    allowedOrigin: TEST_ORIGIN,
    log: silentLogger,
    shell: { openExternal: async () => undefined, pickFiles: async () => [], openPdf: async () => true, ...shell },
    scannerFactory: fakeScannerFactory().factory,
    printerFactory: async () => {
      throw new Error('no printer here');
    },
    serialPorts: { list: async () => [] },
    tokenFactory: () => {
      throw new Error('no token here');
    },
    probe: async () => true,
    documentsDir: join(dataDir, 'Documents'),
    ...rest,
  });
}

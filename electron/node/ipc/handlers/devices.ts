import type { SerialPortLister } from '../../../common/hardware/serial';
import { startOfDay } from '../../services/start-of-day';
import { calibrateWedge, resetWedge } from '../../services/wedge-calibration';
import { actorOf, type AreaHandlers, type HandlerEnv } from './env';

type C =
  | 'devices.state'
  | 'devices.setScanner'
  | 'devices.list'
  | 'devices.config'
  | 'devices.setPrinter'
  | 'devices.setScanFolder'
  | 'devices.startOfDay'
  | 'devices.calibrateWedge'
  | 'devices.resetWedge'
  | 'printer.test'
  | 'printer.receipt'
  | 'printer.jobs'
  | 'printer.retry';

export const deviceHandlers = (e: HandlerEnv, serialPorts: SerialPortLister): AreaHandlers<C> => ({
  'devices.state': async () => ({ scanner: e.core.scans.state.state, detail: e.core.scans.state.detail }),
  'devices.setScanner': async ({ config }, ctx) => {
    await e.core.settings.set('devices.scanner', config ? JSON.stringify(config) : null, await actorOf(e, ctx));
    await e.core.scans.start();
    return { scanner: e.core.scans.state.state, detail: e.core.scans.state.detail };
  },
  'devices.list': () => serialPorts.list(),
  'devices.config': async () => ({
    scanner: await e.core.settings.json('devices.scanner'),
    printer: await e.core.settings.json('devices.printer'),
    scanFolder: await e.core.settings.get('intake.scanFolder'),
    tokenModule: await e.core.settings.get('devices.tokenModule'),
    trustDir: await e.core.settings.get('signing.trustDir'),
  }),
  'devices.setPrinter': async ({ config }, ctx) => {
    await e.core.settings.set('devices.printer', config ? JSON.stringify(config) : null, await actorOf(e, ctx));
    await e.core.printer.close();
    return { saved: true };
  },
  'devices.setScanFolder': async ({ path }, ctx) => {
    await e.core.settings.set('intake.scanFolder', path || null, await actorOf(e, ctx));
    return { saved: true };
  },
  'devices.startOfDay': () => startOfDay({ store: e.core.store, printer: e.core.printer, scans: e.core.scans, audit: e.core.audit, dataDir: e.core.dataDir, now: e.core.now, province: () => e.core.provinceChecks() }),
  'devices.calibrateWedge': async ({ gapsMs }, ctx) => calibrateWedge(e.core.settings, gapsMs, await actorOf(e, ctx)),
  'devices.resetWedge': async (_input, ctx) => resetWedge(e.core.settings, await actorOf(e, ctx)),
  'printer.test': () => e.core.printer.printTest(),
  'printer.receipt': async ({ code, reason }, ctx) => e.core.printer.printReceipt(code, { actor: (await actorOf(e, ctx)).officerId, reason }),
  'printer.jobs': () => e.core.printer.jobs(),
  'printer.retry': async ({ jobId }, ctx) => {
    await e.core.printer.retry(jobId, { actor: (await actorOf(e, ctx)).officerId });
    return { printed: true };
  },
});

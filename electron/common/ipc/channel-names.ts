import type { Channel, EventName } from './contract';

/**
 * The contract's channel and event names without its schemas: what window.motcua needs in a page.
 * The contract itself builds every zod schema when loaded (~0.9 MB, most of a second on a counter
 * PC); the init script and the preload run on every page load and need only the names. The
 * Record types make the compiler refuse a list that misses or invents a channel.
 */
const CHANNELS: Record<Channel, 1> = {
  'app.info': 1,
  'auth.state': 1,
  'auth.login': 1,
  'auth.logout': 1,
  'auth.lock': 1,
  'auth.setup': 1,
  'officer.add': 1,
  'officer.list': 1,
  'officer.deactivate': 1,
  'officer.activate': 1,
  'officer.resetPassword': 1,
  'api.state': 1,
  'api.configure': 1,
  'api.test': 1,
  'report.daily': 1,
  'report.log': 1,
  'report.export': 1,
  'day.close': 1,
  'audit.verify': 1,
  'app.setLocale': 1,
  'app.doctor': 1,
  'unit.get': 1,
  'unit.set': 1,
  'unit.pull': 1,
  'unit.desk': 1,
  'unit.setDesk': 1,
  'sync.state': 1,
  'catalog.search': 1,
  'intake.previewDue': 1,
  'intake.receive': 1,
  'intake.turnBack': 1,
  'intake.applicant': 1,
  'dossier.listDay': 1,
  'dossier.search': 1,
  'dossier.get': 1,
  'dossier.void': 1,
  'receipt.print': 1,
  'print.document': 1,
  'form.list': 1,
  'form.print': 1,
  'attachments.pick': 1,
  'attachments.scanFolder': 1,
  'attachments.preview': 1,
  'devices.state': 1,
  'devices.setScanner': 1,
  'devices.list': 1,
  'devices.config': 1,
  'devices.setPrinter': 1,
  'devices.setScanFolder': 1,
  'devices.startOfDay': 1,
  'printer.test': 1,
  'printer.receipt': 1,
  'printer.jobs': 1,
  'printer.retry': 1,
  'sync.now': 1,
  'sync.queue': 1,
  'sync.inbox': 1,
  'sync.resend': 1,
  'sync.informed': 1,
  'sync.staleness': 1,
  'sync.configure': 1,
  'returns.open': 1,
  'returns.importResult': 1,
  'returns.sign': 1,
  'returns.handOver': 1,
  'returns.postOut': 1,
  'address.currentUnits': 1,
  'shell.openExternal': 1,
  'officer.setRoles': 1,
  'token.list': 1,
  'signing.signFiles': 1,
  'signing.verify': 1,
  'devices.setTokenModule': 1,
  'devices.setTrustDir': 1,
  'devices.tokenModules': 1,
  'display.show': 1,
  'display.showSaved': 1,
  'display.config': 1,
  'display.setConfig': 1,
  'display.state': 1,
  'display.rate': 1,
  'app.setTextScale': 1,
  'devices.calibrateWedge': 1,
  'devices.resetWedge': 1,
  'signing.outputFolder': 1,
  'signing.chooseOutputFolder': 1,
  'signing.openOutputFolder': 1,
};

const EVENTS: Record<EventName, 1> = {
  'sync.state': 1,
  'app.notice': 1,
  'scan.received': 1,
  'unit.changed': 1,
  'auth.changed': 1,
  'sync.progress': 1,
  'devices.state': 1,
  'display.state': 1,
  'work.progress': 1,
};

export const channelNames = Object.keys(CHANNELS) as Channel[];
export const eventNameList = Object.keys(EVENTS) as EventName[];

/** The citizen display window's whole surface (the contract rows marked `window: 'display'`). */
export const displayChannelNames = ['display.state', 'display.rate'] as const satisfies readonly Channel[];
export const displayEventNames = ['display.state'] as const satisfies readonly EventName[];

/** The IPC channel name on the wire; the prefix lets main ignore anything that is not ours. */
export const wireChannel = (c: Channel | EventName): string => `motcua:${c}`;

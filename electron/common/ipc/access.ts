import type { Channel } from './contract';

export type Role = 'officer' | 'supervisor' | 'admin';
export type Access = 'public' | Role;

/**
 * Who may call each channel — enforced in the main process for every message, whatever the
 * renderer shows. Public channels work before login (the login screen itself, first-run setup).
 * An admin may do everything; a supervisor everything an officer may.
 */
export const CHANNEL_ACCESS: Readonly<Record<Channel, Access>> = {
  'app.info': 'public',
  'app.setLocale': 'public',
  'auth.state': 'public',
  'auth.login': 'public',
  'auth.setup': 'public',
  'auth.logout': 'public',
  'auth.lock': 'public',
  'sync.state': 'public',
  'app.doctor': 'officer',
  'unit.get': 'officer',
  'unit.set': 'admin',
  'catalog.search': 'officer',
  'intake.previewDue': 'officer',
  'intake.receive': 'officer',
  'intake.turnBack': 'officer',
  'intake.applicant': 'officer',
  'dossier.listDay': 'officer',
  'dossier.search': 'officer',
  'dossier.get': 'officer',
  'dossier.void': 'officer',
  'receipt.print': 'officer',
  'attachments.pick': 'officer',
  'attachments.scanFolder': 'officer',
  'attachments.preview': 'officer',
  'devices.state': 'officer',
  'devices.setScanner': 'admin',
  'devices.list': 'officer',
  'devices.config': 'officer',
  'devices.setPrinter': 'admin',
  'devices.setScanFolder': 'admin',
  'devices.setTokenModule': 'admin',
  'devices.startOfDay': 'officer',
  'printer.test': 'officer',
  'printer.receipt': 'officer',
  'printer.jobs': 'officer',
  'printer.retry': 'officer',
  'sync.now': 'officer',
  'sync.queue': 'officer',
  'sync.inbox': 'officer',
  'sync.resend': 'officer',
  'sync.informed': 'officer',
  'sync.staleness': 'officer',
  'sync.configure': 'admin',
  'returns.open': 'officer',
  'returns.importResult': 'officer',
  'returns.sign': 'officer',
  'returns.handOver': 'officer',
  'token.list': 'officer',
  'signing.signFiles': 'officer',
  'signing.verify': 'officer',
  'report.daily': 'supervisor',
  'report.export': 'supervisor',
  'day.close': 'supervisor',
  'officer.add': 'admin',
  'officer.list': 'admin',
  'shell.openExternal': 'officer',
};

export function allowed(access: Access, roles: readonly Role[] | null): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (roles.includes('admin')) return true;
  if (access === 'officer') return roles.includes('officer') || roles.includes('supervisor');
  return roles.includes(access);
}

import { contract, type Channel } from './contract';
import { allowed, type Access, type Role } from './roles';

export { allowed, type Access, type Role } from './roles';

/** Who may call each channel: read from the `access` next to each row of the contract. */
export const CHANNEL_ACCESS: Readonly<Record<Channel, Access>> = Object.fromEntries(
  Object.entries(contract).map(([c, row]) => [c, row.access]),
) as Record<Channel, Access>;

/**
 * Rows marked `firstRun` in the contract: callable without a sign-in while this PC has no officer
 * at all (a fresh PC has nobody to ask; once anyone exists, the row's own level applies).
 */
export const FIRST_RUN_CHANNELS: ReadonlySet<Channel> = new Set(
  (Object.keys(contract) as Channel[]).filter((c) => (contract[c] as { readonly firstRun?: true }).firstRun === true),
);

/** The one decision for a channel: its level, or its first-run opening when nobody is signed in on a PC without officers. */
export function channelAllowed(channel: Channel, roles: readonly Role[] | null, o: { noOfficerYet?: boolean } = {}): boolean {
  return allowed(CHANNEL_ACCESS[channel], roles) || (!roles && o.noOfficerYet === true && FIRST_RUN_CHANNELS.has(channel));
}

/** Whether a CLI command mirrors a first-run channel (`api set`, `api show`, `api test`). */
export function cliFirstRun(command: string): boolean {
  const row = CLI_ACCESS[command];
  return Boolean(row && 'channel' in row && FIRST_RUN_CHANNELS.has(row.channel));
}

/**
 * The CLI's commands under the same rule: a command that does what a channel does names the
 * channel (so the CLI and the app cannot disagree); the rest carry their own level. Without
 * sign-in only the public ones run, and on a PC where no officer exists yet the first-run ones
 * (`api set`, `api show`, `api test`: to reach the province, whose admin then signs in online)
 * and, without a provincial API, `officer add` (to create the very first local admin).
 */
export const CLI_ACCESS: Readonly<Record<string, { readonly channel: Channel } | { readonly access: Access }>> = {
  doctor: { access: 'public' },
  'cccd parse': { access: 'public' },
  'calendar due': { access: 'public' },
  'db migrate': { access: 'admin' },
  'db key-export': { access: 'admin' },
  // Needs no sign-in: it runs when the database cannot be opened, and a key that does not open it changes nothing.
  'db key-import': { access: 'public' },
  'unit set': { channel: 'unit.set' },
  'unit show': { channel: 'unit.get' },
  'devices list': { channel: 'devices.list' },
  'calendar import': { access: 'admin' },
  'calendar hours': { access: 'admin' },
  'catalog import': { access: 'admin' },
  intake: { channel: 'intake.receive' },
  'receipt pdf': { channel: 'receipt.print' },
  'form pdf': { channel: 'form.print' },
  'dossier show': { channel: 'dossier.get' },
  'dossier void': { channel: 'dossier.void' },
  search: { channel: 'dossier.search' },
  'print test': { channel: 'printer.test' },
  'print receipt': { channel: 'printer.receipt' },
  'print escpos': { channel: 'printer.receipt' },
  'print jobs': { channel: 'printer.jobs' },
  'print retry': { channel: 'printer.retry' },
  'print configure': { channel: 'devices.setPrinter' },
  sync: { channel: 'sync.now' },
  'sync status': { channel: 'sync.queue' },
  'sync inbox': { channel: 'sync.inbox' },
  'report daily': { channel: 'report.daily' },
  'audit verify': { channel: 'audit.verify' },
  'officer add': { channel: 'officer.add' },
  'officer list': { channel: 'officer.list' },
  'officer deactivate': { channel: 'officer.deactivate' },
  'officer activate': { channel: 'officer.activate' },
  'officer reset-password': { channel: 'officer.resetPassword' },
  'api set': { channel: 'api.configure' },
  'api show': { channel: 'api.state' },
  'api test': { channel: 'api.test' },
  'unit pull': { channel: 'unit.pull' },
  'token trust': { access: 'admin' },
  'token list': { channel: 'token.list' },
  'token modules': { channel: 'devices.tokenModules' },
  'officer roles': { channel: 'officer.setRoles' },
  sign: { channel: 'signing.signFiles' },
  verify: { channel: 'signing.verify' },
  'address import': { access: 'admin' },
  'address check': { channel: 'address.currentUnits' },
};

export function cliCommandAccess(command: string): Access | null {
  const row = CLI_ACCESS[command];
  if (!row) return null;
  return 'channel' in row ? CHANNEL_ACCESS[row.channel] : row.access;
}

export function mayRunCommand(command: string, roles: readonly Role[] | null): boolean {
  const access = cliCommandAccess(command);
  return access !== null && allowed(access, roles);
}

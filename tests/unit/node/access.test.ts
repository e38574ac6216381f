import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { CHANNEL_ACCESS, channelAllowed, CLI_ACCESS, cliCommandAccess, cliFirstRun, FIRST_RUN_CHANNELS } from '../../../electron/common/ipc/access';
import { channels, contract } from '../../../electron/common/ipc/contract';
import { allowed, type Role } from '../../../electron/common/ipc/roles';
import { authorize } from '../../../electron/node/core/authorize';
import { buildProgram } from '../../../electron/cli/motcua';
import { commandPath } from '../../../electron/cli/cli-session';

const ROLE_SETS: Array<readonly Role[] | null> = [null, [], ['officer'], ['supervisor'], ['admin'], ['officer', 'supervisor']];
const quiet = { out: () => undefined, err: () => undefined };

function permits(target: Parameters<typeof authorize>[0], roles: readonly Role[] | null): boolean {
  try {
    authorize(target, roles);
    return true;
  } catch {
    return false;
  }
}

/** Every runnable command of the real program, by the path the access table uses. */
function commands(c: Command): string[] {
  const subs = c.commands as Command[];
  if (!subs.length) return c.parent ? [commandPath(c)] : [];
  // A group with its own action (e.g. `sync`) is itself a command.
  const self = c.parent && (c as unknown as { _actionHandler: unknown })._actionHandler ? [commandPath(c)] : [];
  return [...self, ...subs.flatMap(commands)];
}

describe('one access table for the app and the CLI', () => {
  it('every channel carries its level in the contract row, and the table is read from it', () => {
    for (const c of channels) expect(CHANNEL_ACCESS[c]).toBe(contract[c].access);
  });

  it('every CLI command has a row, and every row is a command', () => {
    const real = commands(buildProgram(quiet)).sort();
    expect(real).toEqual(Object.keys(CLI_ACCESS).sort());
  });

  it('without sign-in only doctor, cccd parse, calendar due and db key-import run', () => {
    // key-import runs when the database cannot be opened (so nobody can sign in), and keeps a key only if it opens the database.
    const open = Object.keys(CLI_ACCESS).filter((c) => cliCommandAccess(c) === 'public');
    expect(open.sort()).toEqual(['calendar due', 'cccd parse', 'db key-import', 'doctor']);
  });

  it.each(Object.entries(CLI_ACCESS).filter(([, row]) => 'channel' in row))('the CLI and the app decide alike for "%s"', (command, row) => {
    const channel = (row as { channel: keyof typeof CHANNEL_ACCESS }).channel;
    for (const roles of ROLE_SETS) {
      const app = allowed(CHANNEL_ACCESS[channel], roles);
      const cli = permits({ command }, roles);
      const viaChannel = permits({ channel }, roles);
      expect({ roles, cli }).toEqual({ roles, cli: app });
      expect({ roles, viaChannel }).toEqual({ roles, viaChannel: app });
    }
  });

  it('first-run rows: anyone while the PC has no officer, afterwards the row\'s own level', () => {
    expect([...FIRST_RUN_CHANNELS].sort()).toEqual(['api.configure', 'api.state', 'api.test']);
    expect(channelAllowed('api.configure', null, { noOfficerYet: true })).toBe(true);
    expect(channelAllowed('api.configure', null, { noOfficerYet: false })).toBe(false);
    expect(channelAllowed('api.configure', null)).toBe(false);
    // A first-run opening is for nobody signed in on a fresh PC, never a way round a role.
    expect(channelAllowed('api.configure', ['officer'], { noOfficerYet: true })).toBe(false);
    expect(channelAllowed('report.daily', null, { noOfficerYet: true })).toBe(false);
    // An officer may test the saved connection, not change it.
    expect(channelAllowed('api.test', ['officer'])).toBe(true);
    expect(() => authorize({ channel: 'api.configure' }, ['officer'])).toThrow(/không có vai trò admin/);
    expect(() => authorize({ command: 'api set' }, null)).toThrow(/Cần đăng nhập/);
    expect(() => authorize({ command: 'api set' }, null, { noOfficerYet: true })).not.toThrow();
    expect(() => authorize({ command: 'officer list' }, null, { noOfficerYet: true })).toThrow(/Cần đăng nhập/);
    expect(Object.keys(CLI_ACCESS).filter(cliFirstRun).sort()).toEqual(['api set', 'api show', 'api test']);
  });

  it('a supervisor may do an officer\'s work, an officer not a supervisor\'s, an admin everything', () => {
    expect(allowed('officer', ['supervisor'])).toBe(true);
    expect(allowed('supervisor', ['officer'])).toBe(false);
    expect(allowed('admin', ['supervisor'])).toBe(false);
    for (const c of channels) expect(allowed(CHANNEL_ACCESS[c], ['admin'])).toBe(true);
    expect(() => authorize({ command: 'report daily' }, ['officer'])).toThrow(/không có vai trò supervisor/);
    expect(() => authorize({ command: 'intake' }, null)).toThrow(/Cần đăng nhập/);
    expect(() => authorize({ command: 'no such command' }, ['admin'])).toThrow(/chưa có quy định quyền/);
  });
});

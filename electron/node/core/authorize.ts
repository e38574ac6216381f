import { CHANNEL_ACCESS, cliCommandAccess, cliFirstRun, FIRST_RUN_CHANNELS } from '../../common/ipc/access';
import type { Channel } from '../../common/ipc/contract';
import { failure } from '../../common/ipc/result';
import { allowed, type Role } from '../../common/ipc/roles';

export const ROLE_NAMES: Record<Role, string> = { officer: 'cán bộ tiếp nhận', supervisor: 'giám sát', admin: 'quản trị' };

/**
 * The one role decision for every entry point: an IPC channel or a CLI command, against the
 * signed-in officer's roles (null when nobody is signed in). Throws a typed refusal.
 */
export function authorize(target: { channel: Channel } | { command: string }, roles: readonly Role[] | null, o: { noOfficerYet?: boolean } = {}): void {
  const access = 'channel' in target ? CHANNEL_ACCESS[target.channel] : cliCommandAccess(target.command);
  if (access === null) throw failure('forbidden', 'auth.noRule', { command: 'command' in target ? target.command : '' });
  if (allowed(access, roles)) return;
  const firstRun = 'channel' in target ? FIRST_RUN_CHANNELS.has(target.channel) : cliFirstRun(target.command);
  if (!roles && o.noOfficerYet === true && firstRun) return;
  if (!roles || access === 'public') throw failure('forbidden', 'auth.signInRequired');
  throw failure('forbidden', 'auth.roleMissing', { role: access, roleName: ROLE_NAMES[access] });
}

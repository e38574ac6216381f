import { CHANNEL_ACCESS, cliCommandAccess } from '../../common/ipc/access';
import type { Channel } from '../../common/ipc/contract';
import { AppFailure } from '../../common/ipc/result';
import { allowed, type Role } from '../../common/ipc/roles';

const ROLE_NAMES: Record<Role, string> = { officer: 'cán bộ tiếp nhận', supervisor: 'giám sát', admin: 'quản trị' };

/**
 * The one role decision for every entry point: an IPC channel or a CLI command, against the
 * signed-in officer's roles (null when nobody is signed in). Throws a typed refusal.
 */
export function authorize(target: { channel: Channel } | { command: string }, roles: readonly Role[] | null): void {
  const access = 'channel' in target ? CHANNEL_ACCESS[target.channel] : cliCommandAccess(target.command);
  if (access === null) throw new AppFailure('forbidden', `Lệnh "${'command' in target ? target.command : ''}" chưa có quy định quyền: không được chạy.`);
  if (allowed(access, roles)) return;
  if (!roles || access === 'public') throw new AppFailure('forbidden', 'Cần đăng nhập để dùng chức năng này.');
  throw new AppFailure('forbidden', `Tài khoản của bạn không có vai trò ${access} (${ROLE_NAMES[access]}) cần cho chức năng này.`);
}

import type { Actor } from '../../common/domain/actor';
import { allowed } from '../../common/ipc/roles';
import { AppFailure } from '../../common/ipc/result';
import { loginOffline } from '../officers/officer-repo';
import type { SqliteStore } from '../store/sqlite-store';
import { staleness } from '../sync/staleness';

export interface StaleOverride {
  readonly supervisor: string;
  readonly password: string;
  readonly reason: string;
}

/** What the audit row of a permitted intake records: both people, and how stale sync was. */
export interface OverrideGrant {
  readonly supervisorId: string;
  readonly reason: string;
  readonly hoursSinceSync: number | null;
  readonly pending: number;
}

/**
 * Past the hard staleness limits a counter must not keep issuing receipts the province has never
 * seen, unless a supervisor — a second person, with their own credentials, not the receiving
 * officer's word — permits it. A wrong supervisor password counts towards that account's lockout.
 */
export async function passStaleGate(
  d: { store: SqliteStore; now: Date; apiConfigured: boolean },
  actor: Actor,
  override: StaleOverride | null | undefined,
): Promise<OverrideGrant | null> {
  const stale = await d.store.exec('intake.staleness', (db) => staleness(db, d.now, d.apiConfigured));
  if (stale.level !== 'block') return null;
  if (!override) throw new AppFailure('sync_stale', stale.message ?? 'Đồng bộ quá hạn: cần giám sát cho phép để tiếp nhận tiếp.');
  const reason = override.reason.trim();
  if (reason.length < 5) throw new AppFailure('invalid_input', 'Ghi lý do cho phép (ít nhất 5 ký tự).');
  const supervisor = await (await d.store.exec('intake.overrideBy', (db) => loginOffline(db, override.supervisor, override.password, d.now)));
  if (supervisor.officerId === actor.officerId) {
    throw new AppFailure('forbidden', 'Người cho phép phải là một giám sát khác, không phải cán bộ đang tiếp nhận.');
  }
  if (!allowed('supervisor', supervisor.roles)) throw new AppFailure('forbidden', `Tài khoản ${override.supervisor} không có vai trò giám sát.`);
  return { supervisorId: supervisor.officerId, reason, hoursSinceSync: stale.hoursSinceSync, pending: stale.pending };
}

import type { Actor } from '../../common/domain/actor';
import { allowed } from '../../common/ipc/roles';
import { failure } from '../../common/ipc/result';
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
  // A counter with no provincial API is never stale (see staleness): its outbox, which only grows
  // there, is not counted on every save (1 ms per save at 1,000 dossiers, linear).
  if (!d.apiConfigured) return null;
  const stale = await d.store.exec('intake.staleness', (db) => staleness(db, d.now, d.apiConfigured));
  if (stale.level !== 'block') return null;
  if (!override) throw failure('sync_stale', 'intake.staleSync', { hours: Math.floor(stale.hoursSinceSync ?? 0), pending: stale.pending });
  const reason = override.reason.trim();
  if (reason.length < 5) throw failure('invalid_input', 'intake.overrideReason');
  const supervisor = await (await d.store.exec('intake.overrideBy', (db) => loginOffline(db, override.supervisor, override.password, d.now)));
  if (supervisor.officerId === actor.officerId) {
    throw failure('forbidden', 'intake.overrideSamePerson');
  }
  if (!allowed('supervisor', supervisor.roles)) throw failure('forbidden', 'intake.overrideNotSupervisor', { username: override.supervisor });
  return { supervisorId: supervisor.officerId, reason, hoursSinceSync: stale.hoursSinceSync, pending: stale.pending };
}

import type Database from 'better-sqlite3';
import { formatError, type KeyedText } from '../../common/ipc/error-messages';
import { readPositive, readSetting } from '../settings/settings-repo';
import { outboxCounts } from './outbox-repo';

export interface Staleness {
  readonly level: 'ok' | 'warn' | 'block';
  readonly message: string | null;
  /** The message's key, for the sync panel in the officer's language. */
  readonly messageKey: KeyedText | null;
  readonly hoursSinceSync: number | null;
  readonly pending: number;
}

/**
 * Staleness guards (configurable): warn when the last successful sync is older than N hours or
 * more than M dossiers are pending (as `outboxCounts` counts them); past the hard limits new
 * intakes are blocked unless a supervisor overrides. Only once a provincial API is configured:
 * an offline-only counter is not "stale".
 */
export function staleness(db: Database.Database, now: Date, apiConfigured: boolean): Staleness {
  const { pending, oldestPendingAt } = outboxCounts(db);
  if (!apiConfigured) return { level: 'ok', message: null, messageKey: null, hoursSinceSync: null, pending };
  // Never synced: count from the oldest unsent dossier.
  const since = readSetting(db, 'sync.lastSuccessAt') ?? oldestPendingAt;
  const hours = since ? (now.getTime() - Date.parse(since)) / 3_600_000 : null;
  const warnH = readPositive(db, 'sync.warnHours', 8);
  const warnN = readPositive(db, 'sync.warnOutbox', 50);
  const blockH = readPositive(db, 'sync.blockHours', 72);
  const blockN = readPositive(db, 'sync.blockOutbox', 500);
  const h = hours ?? 0;
  if (h > blockH || pending > blockN) {
    return { level: 'block', ...worded('sync.staleBlock', h, pending), hoursSinceSync: hours, pending };
  }
  if (h > warnH || pending > warnN) return { level: 'warn', ...worded('sync.staleWarn', h, pending), hoursSinceSync: hours, pending };
  return { level: 'ok', message: null, messageKey: null, hoursSinceSync: hours, pending };
}

function worded(key: 'sync.staleBlock' | 'sync.staleWarn', h: number, pending: number): Pick<Staleness, 'message' | 'messageKey'> {
  const messageKey = { key, params: { hours: Math.floor(h), pending } };
  return { message: formatError(key, messageKey.params, 'vi'), messageKey };
}

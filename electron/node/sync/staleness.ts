import type Database from 'better-sqlite3';
import { readPositive, readSetting } from '../settings/settings-repo';
import { outboxCounts } from './outbox-repo';

export interface Staleness {
  readonly level: 'ok' | 'warn' | 'block';
  readonly message: string | null;
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
  if (!apiConfigured) return { level: 'ok', message: null, hoursSinceSync: null, pending };
  // Never synced: count from the oldest unsent dossier.
  const since = readSetting(db, 'sync.lastSuccessAt') ?? oldestPendingAt;
  const hours = since ? (now.getTime() - Date.parse(since)) / 3_600_000 : null;
  const warnH = readPositive(db, 'sync.warnHours', 8);
  const warnN = readPositive(db, 'sync.warnOutbox', 50);
  const blockH = readPositive(db, 'sync.blockHours', 72);
  const blockN = readPositive(db, 'sync.blockOutbox', 500);
  const h = hours ?? 0;
  if (h > blockH || pending > blockN) {
    return {
      level: 'block',
      message: `Đã ${Math.floor(h)} giờ chưa đồng bộ được, ${pending} hồ sơ đang chờ gửi. Cần cán bộ giám sát cho phép để tiếp nhận tiếp.`,
      hoursSinceSync: hours,
      pending,
    };
  }
  if (h > warnH || pending > warnN) {
    return { level: 'warn', message: `Cảnh báo: đã ${Math.floor(h)} giờ chưa đồng bộ, ${pending} hồ sơ chờ gửi. Kiểm tra kết nối mạng.`, hoursSinceSync: hours, pending };
  }
  return { level: 'ok', message: null, hoursSinceSync: hours, pending };
}

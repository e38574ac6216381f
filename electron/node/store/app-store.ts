import type { UnitIdentity } from '../../common/domain/unit';
import type { SettingKey } from '../settings/settings-repo';
import type { OutboxCounts } from '../sync/outbox-repo';
import type { AuditEntry, AuditVerification } from './audit';

export interface StoreStats {
  readonly calls: number;
  /** Longest time one synchronous SQLite call held the event loop, in ms. */
  readonly maxBlockMs: number;
  readonly maxBlockOp: string | null;
  /** WAL checkpoints run between calls (none inside a call unless the WAL reached its cap): how many, and their times in ms. */
  readonly checkpoints: { readonly n: number; readonly maxMs: number; readonly totalMs: number };
}

/**
 * What services may ask of local storage. Every method is async so the implementation can
 * move into a worker thread without touching a caller; today it runs in-process and records
 * how long each synchronous call blocks (reported by `npm run bench`).
 */
export interface AppStore {
  readonly dbPath: string;
  schemaVersion(): Promise<number>;
  integrityCheck(): Promise<string>;
  getSetting(key: SettingKey): Promise<string | null>;
  setSetting(key: SettingKey, value: string, actor: string): Promise<void>;
  getUnitIdentity(): Promise<UnitIdentity | null>;
  setUnitIdentity(unit: UnitIdentity, actor: string): Promise<UnitIdentity>;
  outboxCounts(): Promise<OutboxCounts>;
  audit(entry: AuditEntry): Promise<void>;
  verifyAudit(): Promise<AuditVerification>;
  stats(): StoreStats;
  close(): Promise<void>;
}

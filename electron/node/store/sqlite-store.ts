import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { UnitIdentity } from '../../common/domain/unit';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { openDatabase } from '../db/open';
import { outboxCounts, type OutboxCounts } from '../sync/outbox-repo';
import type { AppStore, StoreStats } from './app-store';
import { appendAudit, verifyAudit, type AuditEntry, type AuditVerification } from './audit';

type Clock = () => Date;

interface UnitRow {
  unit_code: string;
  name: string;
  counter_id: string;
  offline_block_from: number | null;
  offline_block_to: number | null;
}

export class SqliteStore implements AppStore {
  readonly dbPath: string;
  readonly #db: Database.Database;
  readonly #now: Clock;
  #calls = 0;
  #maxBlockMs = 0;
  #maxBlockOp: string | null = null;

  private constructor(dbPath: string, db: Database.Database, now: Clock) {
    this.dbPath = dbPath;
    this.#db = db;
    this.#now = now;
  }

  static open(dbPath: string, opts: { now?: Clock; migrate?: boolean } = {}): SqliteStore {
    const { db } = openDatabase(dbPath, { migrate: opts.migrate ?? true });
    return new SqliteStore(dbPath, db, opts.now ?? (() => new Date()));
  }

  /**
   * For node-layer services (intake, catalog, search): one synchronous unit of SQLite work, timed
   * like every other call. Keep `fn` short; it holds the event loop while it runs.
   */
  exec<T>(op: string, fn: (db: Database.Database) => T): Promise<T> {
    return this.#run(op, fn);
  }

  /** Runs one synchronous unit of SQLite work and records how long it held the thread. */
  #run<T>(op: string, fn: (db: Database.Database) => T): Promise<T> {
    const t0 = performance.now();
    try {
      return Promise.resolve(fn(this.#db));
    } catch (e) {
      return Promise.reject(e);
    } finally {
      const dt = performance.now() - t0;
      this.#calls++;
      if (dt > this.#maxBlockMs) {
        this.#maxBlockMs = dt;
        this.#maxBlockOp = op;
      }
    }
  }

  #at(): string {
    return toVietnamRfc3339(this.#now());
  }

  schemaVersion(): Promise<number> {
    return this.#run('schemaVersion', (db) => db.pragma('user_version', { simple: true }) as number);
  }

  integrityCheck(): Promise<string> {
    return this.#run('integrityCheck', (db) => {
      const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
      return rows.map((r) => r.integrity_check).join('; ');
    });
  }

  getSetting(key: string): Promise<string | null> {
    return this.#run('getSetting', (db) => {
      const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
      return row?.value ?? null;
    });
  }

  setSetting(key: string, value: string, actor: string): Promise<void> {
    return this.#run('setSetting', (db) =>
      db.transaction(() => {
        db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
        appendAudit(db, { actor, action: 'settings.change', subject: key }, this.#at());
      })(),
    );
  }

  getUnitIdentity(): Promise<UnitIdentity | null> {
    return this.#run('getUnitIdentity', (db) => {
      const row = db
        .prepare(
          `SELECT u.unit_code, u.name, c.counter_id, c.offline_block_from, c.offline_block_to
           FROM counters c JOIN units u ON u.unit_code = c.unit_code WHERE c.is_this_pc = 1`,
        )
        .get() as UnitRow | undefined;
      if (!row) return null;
      return {
        unitCode: row.unit_code,
        unitName: row.name,
        counterId: row.counter_id,
        offlineBlock: row.offline_block_from === null ? null : { from: row.offline_block_from, to: row.offline_block_to! },
      };
    });
  }

  setUnitIdentity(unit: UnitIdentity, actor: string): Promise<UnitIdentity> {
    return this.#run('setUnitIdentity', (db) =>
      db.transaction(() => {
        const at = this.#at();
        db.prepare(
          `INSERT INTO units (unit_code, name, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(unit_code) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
        ).run(unit.unitCode, unit.unitName, at);
        db.prepare('UPDATE counters SET is_this_pc = 0 WHERE is_this_pc = 1').run();
        db.prepare(
          `INSERT INTO counters (unit_code, counter_id, offline_block_from, offline_block_to, is_this_pc) VALUES (?, ?, ?, ?, 1)
           ON CONFLICT(unit_code, counter_id) DO UPDATE SET offline_block_from = excluded.offline_block_from,
             offline_block_to = excluded.offline_block_to, is_this_pc = 1`,
        ).run(unit.unitCode, unit.counterId, unit.offlineBlock?.from ?? null, unit.offlineBlock?.to ?? null);
        appendAudit(
          db,
          { actor, action: 'unit.set', subject: unit.unitCode, details: { counterId: unit.counterId, offlineBlock: unit.offlineBlock } },
          at,
        );
        return unit;
      })(),
    );
  }

  outboxCounts(): Promise<OutboxCounts> {
    return this.#run('outboxCounts', (db) => outboxCounts(db));
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.#run('audit', (db) => {
      db.transaction(() => appendAudit(db, entry, this.#at()))();
    });
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.#run('verifyAudit', (db) => verifyAudit(db));
  }

  stats(): StoreStats {
    return { calls: this.#calls, maxBlockMs: this.#maxBlockMs, maxBlockOp: this.#maxBlockOp };
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }
}

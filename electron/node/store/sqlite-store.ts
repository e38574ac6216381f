import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { UnitIdentity } from '../../common/domain/unit';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { storageFailure } from '../db/db-errors';
import { openDatabase } from '../db/open';
import { configureWal, DeferredCheckpoint } from '../db/wal-checkpoint';
import type { AppStore, StoreStats } from './app-store';
import { readSetting, writeSetting, type SettingKey } from '../settings/settings-repo';
import { saveUnitIdentity, unitIdentity } from '../unit/unit-repo';
import { outboxCounts, type OutboxCounts } from '../sync/outbox-repo';
import { appendAudit, bindAuditKey, boundAuditKey, verifyAudit, type AuditEntry, type AuditVerification } from './audit';

type Clock = () => Date;

export class SqliteStore implements AppStore {
  readonly dbPath: string;
  readonly #db: Database.Database;
  readonly #now: Clock;
  #calls = 0;
  #maxBlockMs = 0;
  #maxBlockOp: string | null = null;
  /** Until the vault has answered for the audit key, work waits for it (once); afterwards calls run at once. */
  #keyReady: Promise<void> | null = null;
  /** Null for a read-only store, which never writes the WAL. */
  readonly #checkpoint: DeferredCheckpoint | null;

  private constructor(dbPath: string, db: Database.Database, now: Clock, readonly: boolean) {
    this.dbPath = dbPath;
    this.#db = db;
    this.#now = now;
    this.#checkpoint = readonly
      ? null
      : new DeferredCheckpoint(db, (fn) => {
          // A checkpoint that fails (a full disk) loses nothing: the frames stay in the WAL, synced,
          // and the next checkpoint, the cap or the close copies them.
          this.#run('walCheckpoint', fn).catch(() => undefined);
        });
  }

  /**
   * `key`: the database key from the SecretVault (see db/store-key.ts), null only for a clear file.
   * `readonly`: for `doctor`, which must be able to look at a damaged or newer database without writing to it.
   * `auditKey`: the audit chain's HMAC key (from the secret vault). Without it, nothing that writes an audit
   * row can commit: an unkeyed row would break the chain. A key that cannot be read fails those writes with why.
   */
  static open(dbPath: string, opts: { key: string | null; now?: Clock; migrate?: boolean; readonly?: boolean; auditKey?: () => Promise<Buffer> }): SqliteStore {
    const readonly = opts.readonly ?? false;
    const { db } = openDatabase(dbPath, { migrate: opts.migrate ?? true, readonly, key: opts.key });
    if (!readonly) configureWal(db);
    const store = new SqliteStore(dbPath, db, opts.now ?? (() => new Date()), readonly);
    if (opts.auditKey) {
      const provide = opts.auditKey;
      store.#keyReady = Promise.resolve()
        .then(provide)
        .then(
          (k) => bindAuditKey(db, k),
          (e: unknown) => bindAuditKey(db, e instanceof Error ? e : new Error(String(e))),
        )
        .then(() => {
          store.#keyReady = null;
        });
    }
    return store;
  }

  /**
   * For node-layer services (intake, catalog, search): one synchronous unit of SQLite work, timed
   * like every other call. Keep `fn` short; it holds the event loop while it runs.
   */
  exec<T>(op: string, fn: (db: Database.Database) => T): Promise<T> {
    return this.#run(op, fn);
  }

  /**
   * Runs one synchronous unit of SQLite work and records how long it held the thread. A full
   * disk, a damaged file or a read-only folder becomes a typed failure saying what to do, for
   * every caller (app, host, CLI) at once; other errors pass through unchanged.
   */
  #run<T>(op: string, fn: (db: Database.Database) => T): Promise<T> {
    if (this.#keyReady) return this.#keyReady.then(() => this.#run(op, fn));
    const t0 = performance.now();
    try {
      return Promise.resolve(fn(this.#db));
    } catch (e) {
      return Promise.reject(storageFailure(e, this.dbPath) ?? e);
    } finally {
      const dt = performance.now() - t0;
      this.#calls++;
      this.#checkpoint?.schedule();
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

  getSetting(key: SettingKey): Promise<string | null> {
    return this.#run('getSetting', (db) => readSetting(db, key));
  }

  setSetting(key: SettingKey, value: string, actor: string): Promise<void> {
    return this.#run('setSetting', (db) =>
      db.transaction(() => {
        writeSetting(db, key, value);
        appendAudit(db, { actor, action: 'settings.change', subject: key }, this.#at());
      })(),
    );
  }

  getUnitIdentity(): Promise<UnitIdentity | null> {
    return this.#run('getUnitIdentity', (db) => unitIdentity(db));
  }

  setUnitIdentity(unit: UnitIdentity, actor: string): Promise<UnitIdentity> {
    return this.#run('setUnitIdentity', (db) =>
      db.transaction(() => {
        const at = this.#at();
        saveUnitIdentity(db, unit, at);
        appendAudit(db, { actor, action: 'unit.set', subject: unit.unitCode, details: { counterId: unit.counterId, offlineBlock: unit.offlineBlock } }, at);
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

  /** The rows' own chain with the bound key, no anchors: `AuditService.verify` is the full check. */
  verifyAudit(): Promise<AuditVerification> {
    return this.#run('verifyAudit', (db) => verifyAudit(db, { key: boundAuditKey(db) }));
  }

  stats(): StoreStats {
    return { calls: this.#calls, maxBlockMs: this.#maxBlockMs, maxBlockOp: this.#maxBlockOp, checkpoints: this.#checkpoint?.stats() ?? { n: 0, maxMs: 0, totalMs: 0 } };
  }

  close(): Promise<void> {
    this.#checkpoint?.close();
    this.#db.close();
    return Promise.resolve();
  }
}

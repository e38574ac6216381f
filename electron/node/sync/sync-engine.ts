import type Database from 'better-sqlite3';
import { formatError } from '../../common/ipc/error-messages';
import { AppFailure } from '../../common/ipc/result';
import { dossierIdByCode } from '../intake/dossier-repo';
import { writeSetting } from '../settings/settings-repo';
import { EngineLock } from './engine-lock';
import { enqueueEvent, outboxCounts } from './outbox-repo';
import { Pulls } from './pulls';
import { OutboxSender } from './push';
import { SyncContext, type SyncDeps, type SyncError, type SyncOptions } from './sync-context';

export type { SyncError, SyncOptions } from './sync-context';

export interface SyncReport {
  readonly sent: number;
  readonly rejected: number;
  readonly waiting: number;
  /** Dossiers still to send: "pending" as `outboxCounts` defines it. */
  readonly remaining: number;
  readonly changesApplied: number;
  /** Each with its key: readers word it in their language, never by matching the text. */
  readonly errors: readonly SyncError[];
}

export class SyncLockedError extends AppFailure {
  constructor() {
    super('conflict', formatError('sync.locked', undefined, 'vi'), undefined, { key: 'sync.locked' });
  }
}

/**
 * The offline-first sync engine: pulls what the province publishes (`Pulls`), pushes the outbox
 * (`OutboxSender`), and holds the per-data-dir engine lock while it does. All database work goes
 * through `store.exec` in short synchronous units, so the store can move to another thread.
 */
export class SyncEngine {
  readonly #c: SyncContext;
  readonly #lock: EngineLock;
  readonly #push: OutboxSender;
  readonly #pulls: Pulls;
  #running = false;

  constructor(d: SyncDeps, opts: SyncOptions = {}) {
    this.#c = new SyncContext(d, opts);
    this.#lock = new EngineLock(this.#c.exec);
    this.#push = new OutboxSender(this.#c);
    this.#pulls = new Pulls(this.#c);
  }

  /** Exponential backoff with full jitter; Retry-After wins when the server gives one. */
  backoff(attempts: number, retryAfterMs: number | null): number {
    return this.#push.backoff(attempts, retryAfterMs);
  }

  acquire(): Promise<boolean> {
    return this.#lock.tryAcquire();
  }

  release(): Promise<void> {
    return this.#lock.release();
  }

  /**
   * Runs until the outbox is empty or holds only waiting/rejected items, or until `deadline`.
   * Pulls (unit, catalog, calendar, leases, changes) run first and last.
   */
  async runOnce(opts: { deadlineMs?: number; pulls?: boolean; waitForBackoff?: boolean } = {}): Promise<SyncReport> {
    if (this.#running) throw new Error('sync already running');
    if (!(await this.#lock.tryAcquire())) throw new SyncLockedError();
    this.#running = true;
    this.#lock.startHeartbeat();
    const errors: SyncError[] = [];
    const deadline = Date.now() + (opts.deadlineMs ?? 10 * 60_000);
    let changesApplied = 0;
    try {
      if (opts.pulls !== false) changesApplied += await this.#pulls.pull(errors);
      const sent = await this.#push.drain({
        deadline,
        waitForBackoff: opts.waitForBackoff ?? true,
        stillOwner: () => this.#lock.heartbeat(),
        errors,
      });
      if (opts.pulls !== false) changesApplied += await this.#pulls.pullChanges(errors);
      const counts = await this.counts();
      if (counts.remaining === 0) await this.#c.exec('lastSuccess', (db) => writeSetting(db, 'sync.lastSuccessAt', this.#c.at()));
      return { sent, rejected: counts.rejected, waiting: counts.waiting, remaining: counts.remaining, changesApplied, errors: distinct(errors).slice(0, 20) };
    } finally {
      this.#running = false;
      await this.#lock.release();
    }
  }

  async counts(): Promise<{ remaining: number; rejected: number; waiting: number }> {
    const c = await this.#c.exec('counts', (db) => outboxCounts(db));
    return { remaining: c.pending, rejected: c.rejected, waiting: c.waiting };
  }

  /** Unit, catalog, calendar, code leases and the changes feed; each failure is reported, never fatal. */
  pull(errors: SyncError[] = []): Promise<number> {
    return this.#pulls.pull(errors);
  }

  /** The changes feed with a persisted cursor; stale and duplicated changes are ignored by version. */
  pullChanges(errors: SyncError[] = []): Promise<number> {
    return this.#pulls.pullChanges(errors);
  }

  /** Sends a corrected, rejected dossier again: a replacement (If-Match) under a new key. */
  resend(code: string): Promise<void> {
    return this.#push.resend(code);
  }

  /** Queues a counter event after the dossier's other items (`enqueueEvent` for callers that know the dossier's id). */
  static queueEvent(db: Database.Database, code: string, event: Record<string, unknown>, at: string): string {
    return enqueueEvent(db, { code, dossierId: dossierIdByCode(db, code), event, at });
  }
}

/** The same line once (every item that timed out says so): the first of each text, in order. */
function distinct(errors: readonly SyncError[]): SyncError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.text) && seen.add(e.text));
}

import type Database from 'better-sqlite3';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { formatError, type ErrorKey, type ErrorParams, type KeyedText } from '../../common/ipc/error-messages';
import { thrownWording } from '../../common/ipc/system-wording';
import { commitWithoutFsync } from '../db/lazy-commit';
import type { ContentStore } from '../files/content-store';
import type { Logger } from '../log/logger';
import type { SqliteStore } from '../store/sqlite-store';
import type { ProvincialApi } from './provincial-api';

export interface SyncOptions {
  readonly concurrency?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Keep at least this many leased numbers for today. */
  readonly minLeased?: number;
  readonly leaseSize?: number;
  readonly random?: () => number;
  readonly now?: () => Date;
}

export interface SyncDeps {
  readonly store: Pick<SqliteStore, 'exec'>;
  readonly api: ProvincialApi;
  readonly files: ContentStore;
  readonly log: Logger;
  readonly onChange?: () => void;
  readonly onProgress?: (p: { code: string; fileName: string; sent: number; total: number }) => void;
  /**
   * The outbox's part of a run, item by item: `done` of the `total` ready when it began, and the
   * dossier now being sent (null once the run's sending is over).
   */
  readonly onStep?: (p: { done: number; total: number; current: string | null }) => void;
}

/** One short synchronous unit of SQLite work on the store, never a handle kept across awaits. */
export type Exec = <T>(op: string, fn: (db: Database.Database) => T) => Promise<T>;

/** What the push and pull halves of the engine share. */
export class SyncContext {
  readonly o: Required<SyncOptions>;
  readonly exec: Exec;

  constructor(
    readonly d: SyncDeps,
    opts: SyncOptions,
  ) {
    this.o = {
      // Dossiers in flight at once. Each waits on round trips and on the shared commit; with 4 the
      // loopback bench spent its time waiting (160/s against 190/s with 8, 30 % faults 31/s against
      // 57/s with 12). With 16, more state changes arrive while a commit syncs and share the next
      // one: 1,000 × 200 KB took ~300 commits instead of ~440 (each an fsync that holds the thread,
      // and the pages every commit rewrites: the audit tail, the outbox index) and 4.4–4.7 ms of
      // client CPU per dossier instead of 5.1 (issue #15). 16 connections are still a small load
      // for a provincial server.
      concurrency: 16,
      baseBackoffMs: 1000,
      maxBackoffMs: 5 * 60_000,
      minLeased: 20,
      leaseSize: 50,
      random: Math.random,
      now: () => new Date(),
      ...opts,
    };
    this.exec = (op, fn) => d.store.exec(`sync.${op}`, fn);
  }

  #pending: Array<{ fn: (db: Database.Database) => unknown; durable: boolean; done: (e: unknown, v?: unknown) => void }> = [];

  /**
   * A state change that must be on disk before the send it announces: changes of concurrent sends
   * that arrive in the same turn of the event loop share one commit (group commit; the commit's
   * fsync, not the SQL, is what a state change costs). Each runs in its own savepoint, so one that
   * throws is undone alone; every caller resumes only once the shared commit is durable.
   * `durable: false` is for an acknowledgement whose loss in a power cut only makes the sender ask
   * again (push.ts `#done`, `#mark`): a commit holding nothing else is not fsynced (commitWithoutFsync).
   */
  write<T>(op: string, fn: (db: Database.Database) => T, o: { durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ fn, durable: o.durable ?? true, done: (e, v) => (e === undefined ? resolve(v as T) : reject(e)) });
      if (this.#pending.length === 1) setImmediate(() => void this.#flush(op));
    });
  }

  async #flush(op: string): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    const outcomes: Array<{ e?: unknown; v?: unknown }> = [];
    const durable = batch.some((b) => b.durable);
    try {
      await this.exec(batch.length === 1 ? op : 'groupCommit', (db) => {
        // One savepoint wrapper for the batch, not one per write: making a wrapper costs more than its savepoint.
        const savepoint = db.transaction((fn: (d: Database.Database) => unknown) => fn(db));
        const commit = db.transaction(() => {
          for (const b of batch) {
            try {
              outcomes.push({ v: savepoint(b.fn) });
            } catch (e) {
              outcomes.push({ e: e ?? new Error('write failed') });
            }
          }
        });
        return durable ? commit() : commitWithoutFsync(db, commit);
      });
    } catch (e) {
      // The commit itself failed (a full disk): nothing of the batch was written.
      for (const b of batch) b.done(e ?? new Error('commit failed'));
      return;
    }
    batch.forEach((b, i) => b.done(outcomes[i]!.e, outcomes[i]!.v));
  }

  /** Now, as stored: RFC 3339 in Asia/Ho_Chi_Minh. */
  at(): string {
    return toVietnamRfc3339(this.o.now());
  }
}

/**
 * A line of a run's report. The Vietnamese `text` is what logs and older readers print; `wording`
 * is its key, made where the failure was, so the sync panel and the CLI word it in the officer's
 * language without matching the text back to a template (a server's own words, or a reason keyed
 * outside net.* and pull.*, matched nothing and stayed Vietnamese).
 */
export interface SyncError {
  readonly text: string;
  readonly wording: KeyedText;
}

export function syncError(key: ErrorKey, params?: ErrorParams): SyncError {
  const wording: KeyedText = params ? { key, params } : { key };
  return { text: formatError(key, params, 'vi'), wording };
}

/** An exception's reason as a parameter: its key when it has one (a failure, an errno), else its own words. */
export const thrownReason = (e: unknown): KeyedText | string => thrownWording(e);

/** The message of a failed call, whichever kind of failure it was. */
export function reasonOf(r: { reason: string } | { message: string }): string {
  return 'reason' in r ? r.reason : r.message;
}

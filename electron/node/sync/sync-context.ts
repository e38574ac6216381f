import type Database from 'better-sqlite3';
import { toVietnamRfc3339 } from '../../common/domain/time';
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
      concurrency: 4,
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

  /** Now, as stored: RFC 3339 in Asia/Ho_Chi_Minh. */
  at(): string {
    return toVietnamRfc3339(this.o.now());
  }
}

/** The message of a failed call, whichever kind of failure it was. */
export function reasonOf(r: { reason: string } | { message: string }): string {
  return 'reason' in r ? r.reason : r.message;
}

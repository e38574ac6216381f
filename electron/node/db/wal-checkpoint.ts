import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';

/**
 * WAL frames (pages) past which the store folds the WAL back into the database file: SQLite's own
 * default, so the database file is written and synced as often as before, only at another moment.
 */
export const CHECKPOINT_FRAMES = 1000;

/**
 * Past this many frames the committing transaction checkpoints itself (SQLite's autocheckpoint).
 * Only a run of writes that never lets the event loop turn gets here (a bulk import chained in
 * promises); it keeps the WAL, and the time a reader needs to search it, bounded.
 */
export const WAL_CAP_FRAMES = 4000;

/**
 * After a checkpoint that let the WAL start over, SQLite cuts the file back to this size. A WAL
 * of CHECKPOINT_FRAMES (~4.2 MB at 4 KiB pages) is not cut: a save that extends the file syncs its
 * new size as well, which costs more than overwriting blocks the file already has.
 */
export const WAL_FILE_LIMIT_BYTES = 8 * 1024 * 1024;

export interface WalState {
  readonly busy: number;
  /** Frames in the WAL. */
  readonly log: number;
  /** Of those, frames already copied into the database file. */
  readonly checkpointed: number;
}

/**
 * A checkpoint copies the WAL into the database file and syncs that file: 2–4 ms clear, 4–12 ms
 * encrypted (the cipher VFS decrypts each frame and encrypts it again) on the 2-core test machine,
 * more under disk contention. Left to SQLite it runs inside the commit that crosses the threshold,
 * and a save writes ~38 pages, so one save in ~28 paid for it: those saves were the p99. The store
 * runs it after the call has answered instead (see DeferredCheckpoint). synchronous stays FULL:
 * each commit is synced in the WAL before it returns, whenever the checkpoint runs.
 */
export function configureWal(db: Database.Database): void {
  db.pragma(`wal_autocheckpoint = ${WAL_CAP_FRAMES}`);
  db.pragma(`journal_size_limit = ${WAL_FILE_LIMIT_BYTES}`);
}

/** How full the WAL is, without checkpointing anything. */
export function walState(db: Database.Database): WalState {
  return db.prepare('PRAGMA wal_checkpoint(NOOP)').get() as WalState;
}

/** PASSIVE never waits for another connection: it copies what it can and the next one does the rest. */
export function checkpointWal(db: Database.Database): WalState {
  return db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as WalState;
}

/**
 * Runs the checkpoint once the event loop turns after a store call: the caller (the save the
 * officer waits for, its IPC answer) has its result by then. Each turn costs one NOOP look at the
 * WAL (~0.05 ms) when the loop has run store calls; nothing when it has not.
 */
export class DeferredCheckpoint {
  readonly #db: Database.Database;
  readonly #run: (fn: () => void) => void;
  #pending: NodeJS.Immediate | null = null;
  #closed = false;
  /** Its own call goes through the store too, and must not schedule the next turn's look. */
  #running = false;
  #n = 0;
  #maxMs = 0;
  #totalMs = 0;

  /** `run`: how the store times and guards a synchronous call (the checkpoint counts in its stats). */
  constructor(db: Database.Database, run: (fn: () => void) => void) {
    this.#db = db;
    this.#run = run;
  }

  /** After a store call. */
  schedule(): void {
    if (this.#pending || this.#closed || this.#running) return;
    // unref: a checkpoint still to run never keeps a CLI process alive; the close checkpoints instead.
    this.#pending = setImmediate(() => {
      this.#pending = null;
      if (this.#closed) return;
      this.#running = true;
      try {
        this.#run(() => {
          const s = walState(this.#db);
          if (s.log - s.checkpointed < CHECKPOINT_FRAMES) return;
          const t0 = performance.now();
          checkpointWal(this.#db);
          const dt = performance.now() - t0;
          this.#n++;
          this.#totalMs += dt;
          this.#maxMs = Math.max(this.#maxMs, dt);
        });
      } finally {
        this.#running = false;
      }
    }).unref();
  }

  get pending(): boolean {
    return this.#pending !== null;
  }

  stats(): { n: number; maxMs: number; totalMs: number } {
    return { n: this.#n, maxMs: this.#maxMs, totalMs: this.#totalMs };
  }

  /** Before the connection closes; SQLite's close then checkpoints what is left and removes the WAL. */
  close(): void {
    this.#closed = true;
    if (this.#pending) clearImmediate(this.#pending);
    this.#pending = null;
  }
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Exec } from './sync-context';
import { beatLock, deleteLock, readLock, writeLock } from './sync-lock-repo';

const STALE_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Exactly one sync engine per data dir, across processes (two app windows, the app and the
 * CLI): a row in the database, taken in an IMMEDIATE transaction. A holder that died (its pid is
 * gone on this host) or stopped beating for 30 s loses the lock at once.
 */
export class EngineLock {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly exec: Exec,
    private readonly name = 'sync',
  ) {}

  tryAcquire(): Promise<boolean> {
    const now = Date.now();
    return this.exec('lock', (db) =>
      db
        .transaction(() => {
          const row = readLock(db, this.name);
          if (row && row.owner !== this.owner) {
            const sameHost = row.owner.startsWith(`${hostname()}:`);
            const holderGone = sameHost ? !alive(row.pid) : false;
            if (!holderGone && now - row.heartbeat < STALE_MS) return false;
          }
          writeLock(db, this.name, { owner: this.owner, pid: process.pid, heartbeat: now });
          return true;
        })
        .immediate(),
    );
  }

  /** Keeps the lock fresh while the engine runs; false once another process took it. */
  heartbeat(): Promise<boolean> {
    return this.exec('heartbeat', (db) => beatLock(db, this.name, this.owner, Date.now()));
  }

  startHeartbeat(intervalMs = 5000): void {
    // A beat that fails (the store closing under a stopped run) only lets the lock go stale.
    this.#timer ??= setInterval(() => void this.heartbeat().catch(() => undefined), intervalMs);
    this.#timer.unref();
  }

  async release(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.exec('unlock', (db) => deleteLock(db, this.name, this.owner));
  }
}

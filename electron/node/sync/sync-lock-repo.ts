import type Database from 'better-sqlite3';

/**
 * The only module that reads or writes `engine_lock`. Whether a holder is still alive is decided
 * by the engine lock itself, which runs these inside its IMMEDIATE transaction.
 */
export interface LockRow {
  readonly owner: string;
  readonly pid: number;
  readonly heartbeat: number;
}

export function readLock(db: Database.Database, name: string): LockRow | null {
  return (db.prepare('SELECT owner, pid, heartbeat FROM engine_lock WHERE name = ?').get(name) as LockRow | undefined) ?? null;
}

export function writeLock(db: Database.Database, name: string, l: LockRow): void {
  db.prepare(
    'INSERT INTO engine_lock (name, owner, pid, heartbeat) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, heartbeat = excluded.heartbeat',
  ).run(name, l.owner, l.pid, l.heartbeat);
}

/** False when `owner` no longer holds the lock. */
export function beatLock(db: Database.Database, name: string, owner: string, heartbeat: number): boolean {
  return db.prepare('UPDATE engine_lock SET heartbeat = ? WHERE name = ? AND owner = ?').run(heartbeat, name, owner).changes === 1;
}

/** Only the holder's own row goes: a lock another process took over in the meantime stays. */
export function deleteLock(db: Database.Database, name: string, owner: string): void {
  db.prepare('DELETE FROM engine_lock WHERE name = ? AND owner = ?').run(name, owner);
}

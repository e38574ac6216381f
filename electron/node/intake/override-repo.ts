import type Database from 'better-sqlite3';

/** The owner of `stale_overrides`: each permission to receive past the stale-sync limits, with its reason. */
export function saveStaleOverride(db: Database.Database, o: { code: string; officerId: string; supervisorId: string; reason: string; at: string }): void {
  db.prepare('INSERT INTO stale_overrides (ma_ho_so, officer_id, supervisor_id, reason, at) VALUES (?, ?, ?, ?, ?)').run(o.code, o.officerId, o.supervisorId, o.reason, o.at);
}


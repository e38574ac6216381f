import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/** A new dossier's queue: its scans first (the dossier refers to their upload URLs), then the dossier. */
export function enqueueNewDossier(db: Database.Database, o: { dossierId: number; code: string; idempotencyKey: string; attachmentIds: readonly number[]; at: string }): void {
  const ins = db.prepare('INSERT INTO outbox (dossier_id, ma_ho_so, seq, kind, idempotency_key, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  let seq = 0;
  for (const attachmentId of o.attachmentIds) ins.run(o.dossierId, o.code, ++seq, 'upload', randomUUID(), JSON.stringify({ attachmentId }), o.at, o.at);
  ins.run(o.dossierId, o.code, ++seq, 'dossier_put', o.idempotencyKey, JSON.stringify({ version: null }), o.at, o.at);
}

export interface QueueItem {
  readonly code: string;
  readonly kind: string;
  readonly state: string;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
}

/** What is still to send or settle, oldest first (the sync panel's queue). */
export function listQueue(db: Database.Database, limit = 500): QueueItem[] {
  return (
    db
      .prepare("SELECT ma_ho_so, kind, state, attempts, next_attempt_at, last_error FROM outbox WHERE state NOT IN ('done') ORDER BY id LIMIT ?")
      .all(limit) as Array<{ ma_ho_so: string; kind: string; state: string; attempts: number; next_attempt_at: string | null; last_error: string | null }>
  ).map((r) => ({ code: r.ma_ho_so, kind: r.kind, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error }));
}

export interface RejectedItem {
  readonly code: string;
  readonly kind: string;
  readonly at: string;
  readonly status: number | null;
  readonly message: string;
  readonly details: Array<{ field?: string; message?: string }>;
}

/** Items the province refused, with its reasons: the officer corrects and resends, or informs the citizen. */
export function rejectedInbox(db: Database.Database): RejectedItem[] {
  return (db.prepare("SELECT ma_ho_so, kind, last_error, updated_at FROM outbox WHERE state = 'rejected' ORDER BY updated_at").all() as Array<{ ma_ho_so: string; kind: string; last_error: string | null; updated_at: string }>).map((r) => {
    const e = (r.last_error ? JSON.parse(r.last_error) : {}) as { status?: number; message?: string; details?: Array<{ field?: string; message?: string }> };
    return { code: r.ma_ho_so, kind: r.kind, at: r.updated_at, status: e.status ?? null, message: e.message ?? 'Bị trả lại', details: e.details ?? [] };
  });
}

/** The citizen has been told about a rejection: the item waits for a correction instead of alarming the inbox. Returns false when nothing was rejected. */
export function markInformed(db: Database.Database, code: string, at: string): boolean {
  return db.prepare("UPDATE outbox SET state = 'waiting', updated_at = ? WHERE ma_ho_so = ? AND state = 'rejected'").run(at, code).changes > 0;
}

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  /** A dossier code or a setting key; never a citizen's personal data. */
  readonly subject?: string | null;
  readonly details?: Readonly<Record<string, unknown>> | null;
}

export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

function entryHash(prevHash: string, at: string, actor: string | null, action: string, subject: string | null, details: string | null): string {
  // Length-prefixed fields, so no two different entries serialise to the same bytes.
  const h = createHash('sha256');
  for (const f of [prevHash, at, actor ?? '', action, subject ?? '', details ?? '']) h.update(`${Buffer.byteLength(f)}:${f};`);
  return h.digest('hex');
}

/** Appends inside the caller's transaction, so the audit row commits with the change it records. */
export function appendAudit(db: Database.Database, e: AuditEntry, at: string): string {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prev = last?.hash ?? GENESIS_HASH;
  const details = e.details ? JSON.stringify(e.details) : null;
  const subject = e.subject ?? null;
  const hash = entryHash(prev, at, e.actor, e.action, subject, details);
  db.prepare('INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    at,
    e.actor,
    e.action,
    subject,
    details,
    prev,
    hash,
  );
  return hash;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** Id of the first row whose chain is broken (edited, deleted before it, or reordered). */
  readonly firstBadId: number | null;
}

export function verifyAudit(db: Database.Database): AuditVerification {
  let prev = GENESIS_HASH;
  let n = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    n++;
    if (r.prev_hash !== prev || entryHash(r.prev_hash, r.at, r.actor, r.action, r.subject, r.details) !== r.hash) {
      return { ok: false, entries: n, firstBadId: r.id };
    }
    prev = r.hash;
  }
  return { ok: true, entries: n, firstBadId: null };
}

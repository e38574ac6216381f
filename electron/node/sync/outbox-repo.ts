import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { formatError, isErrorKey, type KeyedText } from '../../common/ipc/error-messages';
import { wordingOfText } from '../../common/ipc/net-wording';
import { readStoredWording } from '../../common/ipc/notice';
import { failure } from '../../common/ipc/result';

/**
 * The only module that reads or writes the `outbox` table. Each dossier has one ordered queue
 * (`seq`): its uploads, then the dossier itself, then its events. The first item of a queue that
 * is not done is the queue's head; only heads are ever sent, so a rejected or waiting head holds
 * back everything queued after it for that dossier and nothing else.
 */

export type OutboxKind = 'upload' | 'dossier_put' | 'event';
export type OutboxState = 'pending' | 'in_flight' | 'unknown' | 'done' | 'rejected' | 'waiting';

export interface OutboxItem {
  readonly id: number;
  readonly dossierId: number | null;
  readonly code: string;
  readonly seq: number;
  readonly kind: OutboxKind;
  readonly idempotencyKey: string;
  readonly payload: string;
  readonly state: OutboxState;
  readonly attempts: number;
}

interface Row {
  id: number;
  dossier_id: number | null;
  ma_ho_so: string;
  seq: number;
  kind: OutboxKind;
  idempotency_key: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at?: string | null;
}

const toItem = (r: Row): OutboxItem => ({
  id: r.id,
  dossierId: r.dossier_id,
  code: r.ma_ho_so,
  seq: r.seq,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  payload: r.payload,
  state: r.state,
  attempts: r.attempts,
});

// Spelled out instead of `state <> 'done'` so SQLite can use the (state, next_attempt_at) index
// and skip the done rows, which are nearly all of a long-lived outbox.
const OPEN = "('pending', 'in_flight', 'unknown', 'rejected', 'waiting')";
const SENDABLE_STATES: readonly OutboxState[] = ['pending', 'in_flight', 'unknown'];
const SENDABLE = `(${SENDABLE_STATES.map((x) => `'${x}'`).join(', ')})`;
const HEADS = `SELECT o.* FROM outbox o
  JOIN (SELECT ma_ho_so, MIN(seq) AS seq FROM outbox WHERE state IN ${OPEN} GROUP BY ma_ho_so) h
    ON h.ma_ho_so = o.ma_ho_so AND h.seq = o.seq`;

// ---- enqueue --------------------------------------------------------------------------------

interface NewItem {
  readonly kind: OutboxKind;
  readonly payload: unknown;
  readonly idempotencyKey?: string;
}

/** Appends items to the end of a dossier's queue, in order; returns their idempotency keys. */
function append(db: Database.Database, code: string, dossierId: number | null, items: readonly NewItem[], at: string): string[] {
  let seq = (db.prepare('SELECT MAX(seq) AS s FROM outbox WHERE ma_ho_so = ?').get(code) as { s: number | null }).s ?? 0;
  const ins = db.prepare('INSERT INTO outbox (dossier_id, ma_ho_so, seq, kind, idempotency_key, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  return items.map((i) => {
    const key = i.idempotencyKey ?? randomUUID();
    ins.run(dossierId, code, ++seq, i.kind, key, JSON.stringify(i.payload), at, at);
    return key;
  });
}

/**
 * A dossier just received: its scans' uploads, then the dossier itself under `idempotencyKey`
 * (the key stored with the dossier). Run inside the intake transaction.
 */
export function enqueueNewDossier(db: Database.Database, o: { dossierId: number; code: string; idempotencyKey: string; attachmentIds: readonly number[]; at: string }): void {
  append(
    db,
    o.code,
    o.dossierId,
    [...o.attachmentIds.map((id) => ({ kind: 'upload' as const, payload: { attachmentId: id } })), { kind: 'dossier_put', payload: { version: null }, idempotencyKey: o.idempotencyKey }],
    o.at,
  );
}

/**
 * A counter event (3 refused, 5 supplement, 7 withdrawn, 10 returned) after everything already
 * queued for the dossier, preceded by the uploads of `uploadsFirst`: the event may refer to those
 * files as `{"$attachment": id}`, resolved to their upload URLs when it is sent. `dossierId` is
 * null for a dossier this counter does not hold. Returns the event's idempotency key.
 */
export function enqueueEvent(
  db: Database.Database,
  o: { code: string; dossierId: number | null; event: Record<string, unknown>; at: string; uploadsFirst?: readonly number[] },
): string {
  const keys = append(
    db,
    o.code,
    o.dossierId,
    [...(o.uploadsFirst ?? []).map((id) => ({ kind: 'upload' as const, payload: { attachmentId: id } })), { kind: 'event', payload: o.event }],
    o.at,
  );
  return keys[keys.length - 1]!;
}

// ---- the sender's view ----------------------------------------------------------------------

/** Items a crash left in flight: whether the server applied them is unknown until read back. */
export function markInFlightUnknown(db: Database.Database): void {
  db.prepare("UPDATE outbox SET state = 'unknown' WHERE state = 'in_flight'").run();
}

/** Queue heads that may be sent now (`now` as stored: RFC 3339 +07:00), oldest first. */
export function readyHeads(db: Database.Database, now: string, limit: number): OutboxItem[] {
  return (
    db.prepare(`${HEADS} WHERE o.state IN ${SENDABLE} AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) ORDER BY o.id LIMIT ?`).all(now, limit) as Row[]
  ).map(toItem);
}

/**
 * Items a run may send now: every sendable item of the dossiers whose queue head is ready (the
 * total of the sync panel's progress; a dossier whose head fails stops short of it).
 */
export function readyItemCount(db: Database.Database, now: string): number {
  const ready = `SELECT ma_ho_so FROM (${HEADS} WHERE o.state IN ${SENDABLE} AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?))`;
  return (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ${SENDABLE} AND ma_ho_so IN (${ready})`).get(now) as { n: number }).n;
}

/** A dossier's queue head if it may be sent now: the sender goes on with a dossier without scanning every queue. */
export function readyHeadOf(db: Database.Database, code: string, now: string): OutboxItem | null {
  const r = db.prepare(`SELECT * FROM outbox WHERE ma_ho_so = ? AND state IN ${OPEN} ORDER BY seq LIMIT 1`).get(code) as Row | undefined;
  if (!r || !SENDABLE_STATES.includes(r.state) || (r.next_attempt_at != null && r.next_attempt_at > now)) return null;
  return toItem(r);
}

/** When the earliest sendable head backing off may be tried again; null when none is waiting to be sent. */
export function nextAttemptAt(db: Database.Database): string | null {
  return (db.prepare(`SELECT MIN(o.next_attempt_at) AS t FROM (${HEADS} WHERE o.state IN ${SENDABLE}) o`).get() as { t: string | null }).t;
}

/**
 * "Sync now": the dossiers whose sendable head is put off by a backoff may go at once. Only heads:
 * an item behind a rejected or waiting head cannot go whatever its time. `attempts` is kept, so a
 * head that fails again backs off as long as it would have. Returns how many heads were freed.
 */
export function clearBackoff(db: Database.Database, now: string, at: string): number {
  return db
    .prepare(`UPDATE outbox SET next_attempt_at = NULL, updated_at = ? WHERE id IN (SELECT id FROM (${HEADS} WHERE o.state IN ${SENDABLE} AND o.next_attempt_at > ?))`)
    .run(at, now).changes;
}

export interface ItemUpdate {
  readonly state: OutboxState;
  /** Counts as one more attempt (backoff grows with attempts). */
  readonly attempt?: boolean;
  /** Not before this time (RFC 3339); null to send as soon as its turn comes. */
  readonly nextAttemptAt: string | null;
  /** A retry's reason (its key as a stored wording, or the server's text), the server's reasons as JSON for a rejection; null clears it. */
  readonly error: string | null;
  /** Replaces the stored payload: a body resolved once so every retry sends the same bytes. */
  readonly payload?: string;
}

export function updateItem(db: Database.Database, id: number, u: ItemUpdate, at: string): void {
  db.prepare(
    `UPDATE outbox SET state = ?, attempts = attempts + ?, next_attempt_at = ?, last_error = ?, updated_at = ?${u.payload !== undefined ? ', payload = ?' : ''} WHERE id = ?`,
  ).run(u.state, u.attempt ? 1 : 0, u.nextAttemptAt, u.error, at, ...(u.payload !== undefined ? [u.payload] : []), id);
}

/**
 * Where a dossier's queue stands, for the dossier's own sync state. Looked up by the dossier's code
 * too: `dossier_id` has no index, and by state alone every open row of a long backlog was visited
 * on each state change of a sync.
 */
export function dossierQueueState(db: Database.Database, dossierId: number, code: string): 'rejected' | 'open' | 'clear' {
  const r = db
    .prepare(`SELECT COUNT(*) AS open, COALESCE(SUM(state = 'rejected'), 0) AS rejected FROM outbox WHERE ma_ho_so = ? AND dossier_id = ? AND state IN ${OPEN}`)
    .get(code, dossierId) as { open: number; rejected: number };
  return r.rejected ? 'rejected' : r.open ? 'open' : 'clear';
}

/**
 * A corrected dossier goes again: its first rejected item (or waiting one, once the citizen who was
 * told came back) becomes pending under a new key (a new request, not a retry of the refused one). A dossier PUT takes `dossierPayload` (the body is
 * built again from the corrected rows); an upload or an event keeps its payload, which is the
 * file or the event itself.
 */
export function requeueRejected(db: Database.Database, code: string, o: { dossierPayload: unknown; at: string }): void {
  const item = db.prepare("SELECT id FROM outbox WHERE ma_ho_so = ? AND state IN ('rejected', 'waiting') ORDER BY seq LIMIT 1").get(code) as { id: number } | undefined;
  if (!item) throw failure('not_found', 'outbox.nothingRejected', { code });
  db.prepare(
    `UPDATE outbox SET state = 'pending', idempotency_key = ?, payload = CASE WHEN kind = 'dossier_put' THEN ? ELSE payload END,
       next_attempt_at = NULL, last_error = NULL, updated_at = ? WHERE id = ?`,
  ).run(randomUUID(), JSON.stringify(o.dossierPayload), o.at, item.id);
}

/**
 * The citizen was told about a rejection: the dossier's rejected items wait (not sent, no longer
 * in the inbox) until it is corrected and resent. The caller audits, in the same transaction.
 */
export function markInformed(db: Database.Database, code: string, at: string): void {
  const r = db.prepare("UPDATE outbox SET state = 'waiting', updated_at = ? WHERE ma_ho_so = ? AND state = 'rejected'").run(at, code);
  if (!r.changes) throw failure('not_found', 'outbox.nothingRejected', { code });
}

// ---- what people see ------------------------------------------------------------------------

export interface OutboxCounts {
  /** See `outboxCounts`. */
  readonly pending: number;
  /** Dossiers held back by a rejection nobody has acted on yet (the inbox). */
  readonly rejected: number;
  /** Dossiers held back by a rejection the citizen has been told about. */
  readonly waiting: number;
  /** When the oldest pending dossier's head was queued; null when nothing is pending. */
  readonly oldestPendingAt: string | null;
}

/**
 * "Pending" — one definition for the status bar, the start-of-day check, the staleness guard, the
 * CLI and the engine's report: the number of DOSSIERS whose queue head is pending, in flight or
 * unknown, i.e. that the engine will still send without anyone acting. Dossiers, not items,
 * because officers count dossiers ("hồ sơ chờ gửi") and a dossier with ten scans must not weigh
 * eleven times against the staleness limits. A dossier held back by a rejection counts as
 * rejected or waiting instead, even if later items of it are queued: nothing of it leaves until
 * an officer acts, and counting it as pending would stop "last successful sync" from ever moving.
 */
export function outboxCounts(db: Database.Database): OutboxCounts {
  const rows = db.prepare(`SELECT o.state, COUNT(*) AS n, MIN(o.created_at) AS oldest FROM (${HEADS}) o GROUP BY o.state`).all() as Array<{
    state: OutboxState;
    n: number;
    oldest: string;
  }>;
  const sendable = rows.filter((r) => r.state === 'pending' || r.state === 'in_flight' || r.state === 'unknown');
  return {
    pending: sendable.reduce((s, r) => s + r.n, 0),
    rejected: rows.find((r) => r.state === 'rejected')?.n ?? 0,
    waiting: rows.find((r) => r.state === 'waiting')?.n ?? 0,
    oldestPendingAt: sendable.length ? sendable.map((r) => r.oldest).reduce((a, b) => (a < b ? a : b)) : null,
  };
}

/** Dossiers whose whole queue has reached the server. */
export function sentDossierCount(db: Database.Database): number {
  return (
    db.prepare(`SELECT COUNT(*) AS n FROM (SELECT ma_ho_so FROM outbox GROUP BY ma_ho_so HAVING SUM(state IN ${OPEN}) = 0)`).get() as { n: number }
  ).n;
}

export interface QueueEntry {
  readonly code: string;
  readonly kind: OutboxKind;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  /** The last failure in Vietnamese (logs, older callers). */
  readonly lastError: string | null;
  /** Its key, for the officer's language; null for the server's own words. */
  readonly lastErrorKey: KeyedText | null;
}

/** Every item not yet done, in queue order (the `sync.queue` screen). */
export function listQueue(db: Database.Database, limit = 500): QueueEntry[] {
  return (
    db.prepare(`SELECT ma_ho_so, kind, state, attempts, next_attempt_at, last_error FROM outbox WHERE state IN ${OPEN} ORDER BY id LIMIT ?`).all(limit) as Array<{
      ma_ho_so: string;
      kind: OutboxKind;
      state: OutboxState;
      attempts: number;
      next_attempt_at: string | null;
      last_error: string | null;
    }>
  ).map((r) => ({ code: r.ma_ho_so, kind: r.kind, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, ...lastFailure(r.last_error) }));
}

/**
 * A retry's reason as the sender stores it: its key as JSON. Rows written before it was keyed hold
 * the Vietnamese text, whose key is found again from that text.
 */
function lastFailure(stored: string | null): Pick<QueueEntry, 'lastError' | 'lastErrorKey'> {
  if (stored === null) return { lastError: null, lastErrorKey: null };
  const { message, wording } = readStoredWording(stored);
  return { lastError: message, lastErrorKey: wording ?? wordingOfText(message) };
}

export interface InboxEntry {
  readonly code: string;
  readonly kind: OutboxKind;
  /** When it was rejected. */
  readonly at: string;
  /** HTTP status of the refusal; 0 when the app refused it itself (a missing or damaged file); null if unknown. */
  readonly status: number | null;
  /** The contract's machine-readable error (`validation`, `conflict`…), null if unknown. */
  readonly error: string | null;
  readonly message: string;
  /** The key of a refusal this PC made itself (a missing or damaged file), for the officer's language. */
  readonly messageKey: KeyedText | null;
  readonly details: ReadonlyArray<{ readonly field?: string; readonly message?: string }>;
}

/** Rejected items with the server's reasons, oldest first (the `sync.inbox` screen and `motcua sync inbox`). */
export function rejectedInbox(db: Database.Database): InboxEntry[] {
  const rows = db.prepare("SELECT ma_ho_so, kind, last_error, updated_at FROM outbox WHERE state = 'rejected' ORDER BY updated_at").all() as Array<{
    ma_ho_so: string;
    kind: OutboxKind;
    last_error: string | null;
    updated_at: string;
  }>;
  return rows.map((r) => ({ code: r.ma_ho_so, kind: r.kind, at: r.updated_at, ...parseRejection(r.last_error) }));
}

function parseRejection(lastError: string | null): Pick<InboxEntry, 'status' | 'error' | 'message' | 'messageKey' | 'details'> {
  const fallback = lastError ? { status: null, error: null, message: lastError, messageKey: null, details: [] } : rejectedPlain;
  if (!lastError) return fallback;
  let e: { status?: unknown; error?: unknown; message?: unknown; details?: unknown; wording?: unknown };
  try {
    e = JSON.parse(lastError) as typeof e;
  } catch {
    // Not the JSON the sender writes: show the text as it is rather than hide the reason.
    return fallback;
  }
  if (!e || typeof e !== 'object') return fallback;
  return {
    status: typeof e.status === 'number' ? e.status : null,
    error: typeof e.error === 'string' ? e.error : null,
    ...(typeof e.message === 'string' && e.message ? { message: e.message, messageKey: keyedOrNull(e.wording) } : { message: rejectedPlain.message, messageKey: rejectedPlain.messageKey }),
    details: Array.isArray(e.details) ? (e.details as InboxEntry['details']) : [],
  };
}

const rejectedPlain = { status: null, error: null, message: formatError('sync.rejected', undefined, 'vi'), messageKey: { key: 'sync.rejected' } as KeyedText, details: [] };

/** A stored wording is trusted only when its key is still in the catalog (rows outlive versions). */
function keyedOrNull(w: unknown): KeyedText | null {
  return w && typeof w === 'object' && typeof (w as KeyedText).key === 'string' && isErrorKey((w as KeyedText).key) ? (w as KeyedText) : null;
}

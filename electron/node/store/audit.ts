import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  /** A dossier code, a setting key, an officer id; never a citizen's personal data. */
  readonly subject?: string | null;
  /** Non-identifying facts only (counts, lengths, ids, codes): never free text an officer typed. */
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

/** Where the chain stands: what an anchor records and what `verify` compares with it. */
export interface AuditHead {
  /** Number of rows. */
  readonly rows: number;
  /** Id of the last row (0 when there is none). */
  readonly lastId: number;
  /** Hash of the last row (the genesis hash when there is none). */
  readonly head: string;
  /** First row id that carries an HMAC rather than a plain SHA-256. */
  readonly keyedFrom: number;
}

/** The key each open database signs its audit rows with, or why it has none (the vault could not give it). */
const keys = new WeakMap<Database.Database, Buffer | Error>();
const keyedFromCache = new WeakMap<Database.Database, number>();

/** Called by the store once the vault has answered; until then (or without it) keyed rows cannot be written. */
export function bindAuditKey(db: Database.Database, key: Buffer | Error): void {
  keys.set(db, key);
}

/** Whether the store was opened with the vault's answer (a key or why there is none); doctor's read-only look is not. */
export function auditKeyBound(db: Database.Database): boolean {
  return keys.has(db);
}

/** The key bound to this database, when the vault gave one. */
export function boundAuditKey(db: Database.Database): Buffer | null {
  const k = keys.get(db);
  return k instanceof Buffer ? k : null;
}

function fields(prevHash: string, r: Pick<AuditRow, 'at' | 'actor' | 'action' | 'subject' | 'details'>): string[] {
  return [prevHash, r.at, r.actor ?? '', r.action, r.subject ?? '', r.details ?? ''];
}

/**
 * Length-prefixed fields, so no two different entries serialise to the same bytes. Rows before
 * `keyedFrom` were written as a plain SHA-256 (the old chain); later rows as an HMAC, which nobody
 * without the vault's key can recompute after editing a row.
 */
function rowHash(key: Buffer | null, prevHash: string, r: Pick<AuditRow, 'at' | 'actor' | 'action' | 'subject' | 'details'>): string {
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  for (const f of fields(prevHash, r)) h.update(`${Buffer.byteLength(f)}:${f};`);
  return h.digest('hex');
}

/** The first keyed row id; a database not yet migrated to the keyed chain has none. */
export function keyedFrom(db: Database.Database): number {
  const cached = keyedFromCache.get(db);
  if (cached !== undefined) return cached;
  let v = Number.MAX_SAFE_INTEGER;
  try {
    const row = db.prepare('SELECT keyed_from FROM audit_chain WHERE id = 1').get() as { keyed_from: number } | undefined;
    if (row) v = row.keyed_from;
  } catch {
    return v; // no audit_chain table yet: an old schema, read by doctor; not cached, a migration may add it
  }
  keyedFromCache.set(db, v);
  return v;
}

/** Appends inside the caller's transaction, so the audit row commits with the change it records. */
export function appendAudit(db: Database.Database, e: AuditEntry, at: string): string {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const prev = last?.hash ?? GENESIS_HASH;
  const row = { at, actor: e.actor, action: e.action, subject: e.subject ?? null, details: e.details ? JSON.stringify(e.details) : null };
  let key: Buffer | null = null;
  if ((last?.id ?? 0) + 1 >= keyedFrom(db)) {
    const k = keys.get(db);
    // No change may commit without its audit row, and an unkeyed row here would break the chain: refuse.
    if (!k) throw new Error('audit key not available: the store was opened without the audit key');
    if (k instanceof Error) throw k;
    key = k;
  }
  const hash = rowHash(key, prev, row);
  db.prepare('INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.at,
    row.actor,
    row.action,
    row.subject,
    row.details,
    prev,
    hash,
  );
  return hash;
}

export function auditHead(db: Database.Database): AuditHead {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const { n } = db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
  return { rows: n, lastId: last?.id ?? 0, head: last?.hash ?? GENESIS_HASH, keyedFrom: keyedFrom(db) };
}

/** A head recorded outside the database (anchor file, day close), already checked for its own MAC. */
export interface AuditAnchorPoint extends AuditHead {
  readonly at: string;
}

export type AuditProblem =
  /** A row's content no longer matches its hash: edited. */
  | 'edited'
  /** A row does not follow the one before it: a row was deleted or rows were reordered. */
  | 'broken'
  /** Fewer rows, or another row at an anchored position, than an anchor recorded: the tail was cut or rewritten. */
  | 'truncated'
  /** The first keyed row moved since an anchor recorded it. */
  | 'keyedFromChanged'
  /** An anchor line does not carry a valid MAC (forged or damaged). */
  | 'anchorInvalid'
  /** Keyed rows exist but the audit key cannot be read here: the chain cannot be checked. */
  | 'keyMissing';

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** Id of the first row found wrong (edited, after a deletion, reordered), or of the anchored row missing. */
  readonly firstBadId: number | null;
  readonly problem: AuditProblem | null;
  readonly head: AuditHead;
  /** How many anchors were compared with the rows. */
  readonly anchorsChecked: number;
}

export function verifyAudit(db: Database.Database, o: { key: Buffer | null; anchors?: readonly AuditAnchorPoint[]; anchorsInvalid?: boolean }): AuditVerification {
  const head = auditHead(db);
  const anchors = o.anchors ?? [];
  const byLastId = new Map<number, AuditAnchorPoint[]>();
  for (const a of anchors) byLastId.set(a.lastId, [...(byLastId.get(a.lastId) ?? []), a]);
  const fail = (problem: AuditProblem, firstBadId: number | null, entries: number): AuditVerification => ({ ok: false, entries, firstBadId, problem, head, anchorsChecked: anchors.length });
  if (o.anchorsInvalid) return fail('anchorInvalid', null, head.rows);
  for (const a of anchors) if (a.keyedFrom !== head.keyedFrom) return fail('keyedFromChanged', null, head.rows);
  if (!o.key && head.lastId >= head.keyedFrom) return fail('keyMissing', null, head.rows);
  let prev = GENESIS_HASH;
  let n = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    n++;
    if (r.prev_hash !== prev) return fail('broken', r.id, n);
    const expected = rowHash(r.id >= head.keyedFrom ? o.key : null, r.prev_hash, r);
    if (!safeEqualHex(expected, r.hash)) return fail('edited', r.id, n);
    for (const a of byLastId.get(r.id) ?? []) if (a.head !== r.hash || a.rows !== n) return fail('truncated', r.id, n);
    byLastId.delete(r.id);
    prev = r.hash;
  }
  // An anchored row that is gone: the tail was cut back past it (an empty log anchored at id 0 is fine).
  for (const [lastId, list] of byLastId) if (lastId !== 0 || list.some((a) => a.rows !== 0)) return fail('truncated', lastId, n);
  return { ok: true, entries: n, firstBadId: null, problem: null, head, anchorsChecked: anchors.length };
}

/**
 * Whether the rows still agree with `anchor` and chain correctly after it, reading only the tail:
 * a new anchor is written only over a head that follows from the last one, never over a tampered tail.
 */
export function tailFollows(db: Database.Database, key: Buffer, anchor: AuditAnchorPoint): boolean {
  if (anchor.keyedFrom !== keyedFrom(db)) return false;
  let prev = GENESIS_HASH;
  if (anchor.lastId > 0) {
    const at = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(anchor.lastId) as { hash: string } | undefined;
    const { n } = db.prepare('SELECT count(*) AS n FROM audit_log WHERE id <= ?').get(anchor.lastId) as { n: number };
    if (!at || at.hash !== anchor.head || n !== anchor.rows) return false;
    prev = at.hash;
  }
  for (const r of db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').iterate(anchor.lastId) as IterableIterator<AuditRow>) {
    if (r.prev_hash !== prev || !safeEqualHex(rowHash(r.id >= anchor.keyedFrom ? key : null, prev, r), r.hash)) return false;
    prev = r.hash;
  }
  return true;
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

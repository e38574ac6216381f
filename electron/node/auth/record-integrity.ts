import { createHmac, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { failure } from '../../common/ipc/result';
import { appendAudit, auditKeyBound, boundAuditKey } from '../store/audit';

/**
 * The key that seals officer rows and security settings against edits made with only the database
 * key. Derived from the audit key rather than kept as another vault secret: it is then loaded (and
 * made on first use) exactly like the audit key, outside safeStorage, so the CLI holds it too, and
 * every store that may write an audit row may also write a sealed record.
 *
 * - `unchecked`: the store was opened without asking the vault (doctor's read-only look, bare test
 *   stores); nothing that decides access runs there.
 * - `unavailable`: the vault could not give the key: sealed records are treated as not trusted.
 */
export type RecordKey = { readonly kind: 'unchecked' } | { readonly kind: 'unavailable' } | { readonly kind: 'key'; readonly key: Buffer };

const derived = new WeakMap<Buffer, Buffer>();

export function deriveRecordKey(auditKey: Buffer): Buffer {
  let k = derived.get(auditKey);
  if (!k) {
    k = createHmac('sha256', auditKey).update('motcua/record-integrity/v1').digest();
    derived.set(auditKey, k);
  }
  return k;
}

export function recordKey(db: Database.Database): RecordKey {
  if (!auditKeyBound(db)) return { kind: 'unchecked' };
  const k = boundAuditKey(db);
  return k ? { kind: 'key', key: deriveRecordKey(k) } : { kind: 'unavailable' };
}

/**
 * The key a writer seals with. A store opened without the vault (tools and tests building an old
 * database, which the first real open seals) writes without one; a store whose vault failed writes
 * nothing, as with the audit rows: a record without its MAC would be refused at its next read.
 */
export function recordKeyForWrite(db: Database.Database): Buffer | null {
  const k = recordKey(db);
  if (k.kind === 'unavailable') throw new Error('record integrity key not available: the vault could not give the audit key');
  return k.kind === 'key' ? k.key : null;
}

export type Field = string | number | null;

/** Length-prefixed fields under the table's name, so no two records (or tables) share bytes. */
export function recordMac(key: Buffer, table: string, fields: readonly Field[]): string {
  const h = createHmac('sha256', key);
  h.update(`${table};`);
  for (const f of fields) {
    if (f === null) h.update('N;');
    else {
      const s = String(f);
      h.update(`${typeof f === 'number' ? 'I' : 'S'}${Buffer.byteLength(s)}:${s};`);
    }
  }
  return h.digest('hex');
}

export function macMatches(key: Buffer, table: string, fields: readonly Field[], mac: string | null | undefined): boolean {
  if (!mac || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(recordMac(key, table, fields), 'hex'), Buffer.from(mac, 'hex'));
}

/** Tampered records already audited by this open database: a setting read on every call must not flood the log. */
const reported = new WeakMap<Database.Database, Set<string>>();

/**
 * Records a refused record in the audit log (table and the record's id: an officer id or a setting
 * key, never its content), once per record and value per open database. A read-only store cannot
 * write: the refusal itself still holds.
 */
export function reportTampered(db: Database.Database, table: 'officers' | 'settings', subject: string, fingerprint: string | null): void {
  const seen = reported.get(db) ?? new Set<string>();
  reported.set(db, seen);
  const id = `${table}\u0000${subject}\u0000${fingerprint ?? ''}`;
  if (seen.has(id)) return;
  try {
    db.transaction(() => appendAudit(db, { actor: 'system', action: 'integrity.tampered', subject, details: { table } }, toVietnamRfc3339(new Date())))();
    seen.add(id);
  } catch {
    // read-only (doctor) or no audit key: nothing can be written, and the record is refused anyway
  }
}

/** The refusal an officer sees when their account row was changed outside the app. */
export const officerTampered = (officerId: string) => failure('forbidden', 'integrity.officerTampered', { officer: officerId });

/** The refusal when a security setting the work depends on was changed outside the app. */
export const settingTampered = (key: string) => failure('conflict', 'integrity.settingTampered', { key });

import type Database from 'better-sqlite3';

// Read only: which rows the 766 candidates query must look at. "Received by the period's end and,
// since its start, open or changed" is two open-ended ranges on two columns; the indexes of
// migration 15 group the rows by the month received and order each month by the last change, so
// the answer is one short seek per month (≈ 36 for three years) instead of a read of every row.
// The ids are a superset: the candidates query applies its own exact conditions to them.

export const OPEN_STATES = "('1', '2', '4', '5', '6')";

const INDEXES = ['remote_dossiers_open', 'remote_dossiers_span', 'dossiers_span', 'dossiers_open'];

/**
 * Past a quarter the period's dossiers are most of those the query would read anyway: fetching them
 * by id then costs more than reading in key order (a year at a million: ≈ 2.9 against 2.4 s CPU for
 * the query alone, plus 0.9 s to gather the ids), so longer periods keep the plain read.
 */
const SEEK_MAX_DAYS = 92;
const spanDays = (fromIso: string, last: string) => (Date.parse(`${last.slice(0, 10)}T00:00:00Z`) - Date.parse(`${fromIso.slice(0, 10)}T00:00:00Z`)) / 86_400_000 + 1;
const hasIndexes = new WeakMap<Database.Database, boolean>();

/**
 * False on a database that passed version 15 before that migration existed (it never ran there):
 * the candidates query then reads every row, as it did before, rather than seek without an index.
 */
function indexed(db: Database.Database): boolean {
  let ok = hasIndexes.get(db);
  if (ok === undefined) {
    const n = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND name IN (${INDEXES.map(() => '?').join(', ')})`).get(...INDEXES) as { n: number }).n;
    ok = n === INDEXES.length;
    hasIndexes.set(db, ok);
  }
  return ok;
}

/**
 * The month keys (the first characters of the received time) present in the index, in order, up to
 * `last`. A key in any other form than the expected one is kept: its rows are compared by the
 * exact query, as before, and so is the empty one.
 */
function months(next: Database.Statement, expected: RegExp, last: string): string[] {
  // An empty received time (the feed sent "") is a key of its own that the walk, from '' upwards, steps over.
  const out: string[] = [''];
  for (let k = (next.get('') as { k: string } | undefined)?.k; k !== undefined; k = (next.get(k) as { k: string } | undefined)?.k) {
    if (!expected.test(k) || k <= last) out.push(k);
  }
  return out;
}

const collect = (ids: Set<number>, rows: unknown[]) => {
  for (const r of rows as Array<{ id: number }>) ids.add(r.id);
};

/** Row ids of remote_dossiers that may be candidates for [fromIso, toNat]; null without the indexes or past a quarter. */
export function remoteCandidateIds(db: Database.Database, o: { fromIso: string; toIso: string; toNat: string }): number[] | null {
  if (!indexed(db) || spanDays(o.fromIso, o.toIso) > SEEK_MAX_DAYS) return null;
  const ids = new Set<number>();
  collect(ids, db.prepare(`SELECT rowid AS id FROM remote_dossiers WHERE status IN ${OPEN_STATES} AND received_at <= ?`).all(o.toNat));
  collect(ids, db.prepare(`SELECT rowid AS id FROM remote_dossiers WHERE status IN ${OPEN_STATES} AND received_at IS NULL`).all());
  const next = db.prepare('SELECT substr(received_at, 1, 6) AS k FROM remote_dossiers WHERE substr(received_at, 1, 6) > ? ORDER BY substr(received_at, 1, 6) LIMIT 1');
  const changed = db.prepare("SELECT rowid AS id FROM remote_dossiers WHERE substr(received_at, 1, 6) = ? AND coalesce(changed_at, '~') >= ? AND received_at <= ?");
  for (const k of months(next, /^\d{6}$/, o.toNat.slice(0, 6))) collect(ids, changed.all(k, o.fromIso, o.toNat));
  collect(ids, db.prepare("SELECT rowid AS id FROM remote_dossiers WHERE substr(received_at, 1, 6) IS NULL AND coalesce(changed_at, '~') >= ?").all(o.fromIso));
  return [...ids];
}

/** Ids of this PC's dossiers that may be candidates for [fromIso, toIso]; null without the indexes or past a quarter. */
export function localCandidateIds(db: Database.Database, o: { fromIso: string; toIso: string }): number[] | null {
  if (!indexed(db) || spanDays(o.fromIso, o.toIso) > SEEK_MAX_DAYS) return null;
  const ids = new Set<number>();
  collect(ids, db.prepare(`SELECT id FROM dossiers WHERE trang_thai IN ${OPEN_STATES} AND ngay_tiep_nhan <= ?`).all(o.toIso));
  collect(ids, db.prepare('SELECT id FROM dossiers WHERE ngay_tiep_nhan BETWEEN ? AND ?').all(o.fromIso, o.toIso));
  const next = db.prepare('SELECT substr(ngay_tiep_nhan, 1, 7) AS k FROM dossiers WHERE substr(ngay_tiep_nhan, 1, 7) > ? ORDER BY substr(ngay_tiep_nhan, 1, 7) LIMIT 1');
  const changed = db.prepare('SELECT id FROM dossiers WHERE substr(ngay_tiep_nhan, 1, 7) = ? AND updated_at >= ? AND ngay_tiep_nhan <= ?');
  for (const k of months(next, /^\d{4}-\d{2}$/, o.toIso.slice(0, 7))) collect(ids, changed.all(k, o.fromIso, o.toIso));
  return [...ids];
}

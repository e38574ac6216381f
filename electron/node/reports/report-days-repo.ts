import type Database from 'better-sqlite3';

// The report's counts of a period — dossiers received (by procedure, counter, officer, channel and
// hour), fees collected, results returned, the feed's other counters — read from the rows, or for a
// long period from the per-day counts of migration 19 (report_day_*), which this module owns.
//
// A day key is the first 10 characters of the stored time (8 of the feed's national time). Every
// time in a period [first 00:00, last T99] has a key from `first` to `last`, whatever its form, and
// the keys strictly between them hold only times inside it; so a period is its inner keys' counts
// plus its first and last day counted from the rows, exactly what one query over the rows counts.
// A key some write touched (report_day_stale, queued by the triggers) is counted again from its rows
// before it is read; a connection that cannot write then counts the whole period from the rows.

export interface CountQuery {
  readonly first: string;
  readonly last: string;
  readonly counter: string | null;
  /** False: every count from the rows (the plain path the day counts are checked against). */
  readonly days: boolean;
}

export interface ReceivedGroup {
  ma_tthc: string;
  ten_tthc: string;
  counter_id: string;
  officer_id: string | null;
  channel: string | null;
  hour: string;
  n: number;
}

type Part = 'r' | 'f' | 't' | 'n';
type Where = (col: string) => string;

/** The least string above every string starting with `k` (SQLite orders text by code point), or null: none. */
function above(k: string): string | null {
  const cps = [...k];
  for (let i = cps.length - 1; i >= 0; i--) {
    let cp = cps[i]!.codePointAt(0)! + 1;
    if (cp === 0xd800) cp = 0xe000;
    if (cp <= 0x10ffff) return cps.slice(0, i).join('') + String.fromCodePoint(cp);
  }
  return null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Each part's rows grouped as its table keeps them; `where` bounds the source time column. */
const SOURCE: Record<Part, (where: Where, counter: boolean) => string> = {
  r: (w, c) =>
    `SELECT ma_tthc, ten_tthc, counter_id, officer_id, kenh_thuc_hien AS channel, substr(ngay_tiep_nhan, 12, 2) AS hour, count(*) AS n, min(ngay_tiep_nhan) AS first_at, min(id) AS first_id
     FROM dossiers WHERE ${w('ngay_tiep_nhan')} AND voided_at IS NULL ${c ? 'AND counter_id = @counter' : ''}
     GROUP BY ma_tthc, ten_tthc, counter_id, officer_id, kenh_thuc_hien, hour`,
  f: (w, c) =>
    `SELECT d.counter_id, sum(f.amount_vnd) AS s FROM dossier_fees f JOIN dossiers d ON d.id = f.dossier_id
     WHERE ${w('f.collected_at')} AND d.voided_at IS NULL ${c ? 'AND d.counter_id = @counter' : ''} GROUP BY d.counter_id`,
  t: (w, c) =>
    `SELECT counter_id, ma_tthc, min(ten_tthc) AS ten_tthc, count(*) AS n FROM dossiers
     WHERE ${w('ngay_tra')} ${c ? 'AND counter_id = @counter' : ''} GROUP BY counter_id, ma_tthc`,
  n: (w) =>
    `SELECT 0 AS kind, counter_id, count(*) AS n, sum(coalesce(fees_vnd, 0)) AS fees FROM remote_dossiers WHERE ${w('received_at')} AND counter_id IS NOT NULL GROUP BY counter_id
     UNION ALL
     SELECT 1, counter_id, count(*), 0 FROM remote_dossiers WHERE ${w('returned_at')} AND counter_id IS NOT NULL GROUP BY counter_id`,
};
const TABLE: Record<Part, { name: string; columns: string; key: number }> = {
  r: { name: 'report_day_received', columns: 'ma_tthc, ten_tthc, counter_id, officer_id, channel, hour, n, first_at, first_id', key: 10 },
  f: { name: 'report_day_fees', columns: 'counter_id, s', key: 10 },
  t: { name: 'report_day_returned', columns: 'counter_id, ma_tthc, ten_tthc, n', key: 10 },
  n: { name: 'report_day_feed', columns: 'kind, counter_id, n, fees', key: 8 },
};

/** Counts the key `k` of `part` again from its rows, and takes it off the queue. */
function countKey(db: Database.Database, part: Part, k: string): void {
  const t = TABLE[part];
  const hi = above(k);
  const w: Where = (col) => `${col} >= @k ${hi === null ? '' : `AND ${col} < @hi`} AND substr(${col}, 1, ${t.key}) = @k`;
  db.prepare(`DELETE FROM ${t.name} WHERE day = ?`).run(k);
  db.prepare(`INSERT INTO ${t.name} (day, ${t.columns}) SELECT @k, ${t.columns} FROM (${SOURCE[part](w, false)})`).run({ k, ...(hi === null ? {} : { hi }) });
  db.prepare('DELETE FROM report_day_stale WHERE part = ? AND day = ?').run(part, k);
}

/** Counts the stale keys of `part` strictly between `a` and `b` (and up to `upTo`) again; false when they stay stale (a connection that cannot write). */
function refresh(db: Database.Database, part: Part, a: string, b: string, upTo: string | null): boolean {
  const keys = db.prepare(`SELECT day FROM report_day_stale WHERE part = ? AND day > ? AND day < ? ${upTo === null ? '' : 'AND day <= ?'}`).pluck().all(part, a, b, ...(upTo === null ? [] : [upTo])) as string[];
  if (!keys.length) return true;
  if (db.readonly) return false;
  try {
    db.transaction(() => {
      for (const k of keys) countKey(db, part, k);
    })();
  } catch (e) {
    // Counts that cannot be written must not cost the report: it counts from the rows.
    if (/^SQLITE_(FULL|READONLY|BUSY|LOCKED)/.test((e as { code?: string }).code ?? '')) return false;
    throw e;
  }
  return true;
}

// A store upgraded with rows in it is counted in the background (migration 19 leaves a cursor per
// part, the part in capitals with the last key counted), not at the upgrade: the keys after a cursor
// are not counted yet, and a report counts them from the rows — the answer is exact whatever the
// build has reached, and a report never does the build itself in one long transaction.
const CURSOR: Record<Part, string> = { r: 'R', f: 'F', t: 'T', n: 'N' };
const PARTS: readonly Part[] = ['r', 'f', 't', 'n'];
/** Where each part's keys come from: a time column with its own index, so the next key is one seek. */
const TIMES: Record<Part, ReadonlyArray<readonly [string, string]>> = {
  r: [['dossiers', 'ngay_tiep_nhan']],
  f: [['dossier_fees', 'collected_at']],
  t: [['dossiers', 'ngay_tra']],
  n: [['remote_dossiers', 'received_at'], ['remote_dossiers', 'returned_at']],
};
/** Day keys a background step counts (about a thousand rows each at a million dossiers): 20–60 ms a step there, under load. */
export const STEP_DAY_KEYS = 3;

const cursorOf = (db: Database.Database, part: Part) => (db.prepare('SELECT day FROM report_day_stale WHERE part = ?').pluck().get(CURSOR[part]) as string | undefined) ?? null;

/**
 * The source condition "key after `c`": a key of full length is followed by the strings from
 * above(c) on; a shorter one is a whole value, followed by every longer string it starts.
 */
function after(c: string, len: number): { where: Where; lo: string | null } {
  if (c.length < len) return { where: (col) => `${col} > @lo`, lo: c };
  const lo = above(c);
  return lo === null ? { where: () => '0', lo: null } : { where: (col) => `${col} >= @lo`, lo };
}

/** The least key of `part` after `c` in its rows, or null: none. */
function nextKey(db: Database.Database, part: Part, c: string): string | null {
  const len = TABLE[part].key;
  let best: string | null = null;
  for (const [table, col] of TIMES[part]) {
    const w = after(c, len);
    const k = db.prepare(`SELECT substr(min(${col}), 1, ${len}) FROM ${table} WHERE ${w.where(col)}`).pluck().get(w.lo === null ? {} : { lo: w.lo }) as string | null;
    if (k !== null && (best === null || k < best)) best = k;
  }
  return best;
}

/**
 * One background step of the build: at most `keys` day keys counted, in one transaction. True while
 * a build remains (false as well on a connection that cannot write).
 */
export function daysStep(db: Database.Database, keys: number = STEP_DAY_KEYS): boolean {
  if (db.readonly) return false;
  return db.transaction(() => {
    let left = keys;
    for (const part of PARTS) {
      for (let at = cursorOf(db, part); at !== null && left > 0; left--) {
        const k = nextKey(db, part, at);
        db.prepare('DELETE FROM report_day_stale WHERE part = ?').run(CURSOR[part]);
        if (k === null) break;
        countKey(db, part, k);
        db.prepare('INSERT INTO report_day_stale (part, day) VALUES (?, ?)').run(CURSOR[part], k);
        at = k;
      }
    }
    return db.prepare("SELECT EXISTS (SELECT 1 FROM report_day_stale WHERE part IN ('R', 'F', 'T', 'N'))").pluck().get() === 1;
  })();
}

/**
 * The part's rows for the period: one query over the rows, or its inner keys' counts (`inner`, a
 * SELECT of the table's columns) with its first and last day from the rows, grouped by `merge`.
 */
function period(db: Database.Database, part: Part, q: CountQuery, merge: (inner: string) => string): unknown[] {
  const t = TABLE[part];
  const key = t.key === 8 ? (d: string) => d.replace(/-/g, '') : (d: string) => d;
  const [from, to] = t.key === 8 ? [`${key(q.first)}000000`, `${key(q.last)}999999`] : [`${q.first}T00:00:00`, `${q.last}T99`];
  const p = { from, to, counter: q.counter };
  const [a, b] = [key(q.first), key(q.last)];
  // A build under way: its keys up to the cursor from the table, those after it (before `b`) from the rows.
  const c = q.days ? cursorOf(db, part) : null;
  const built = c !== null && c < b ? c : null;
  if (!q.days || !DAY.test(q.first) || !DAY.test(q.last) || a >= b || (built !== null && built <= a) || !refresh(db, part, a, b, built)) {
    return db.prepare(merge(SOURCE[part]((c) => `${c} BETWEEN @from AND @to`, q.counter !== null))).all(p);
  }
  const counter = q.counter !== null && part !== 'n' ? 'AND counter_id = @counter' : '';
  const rest = built === null ? null : after(built, t.key);
  const inner = [
    `SELECT ${t.columns} FROM ${t.name} WHERE day > @a AND day < @b ${built === null ? '' : 'AND day <= @built'} ${counter}`,
    SOURCE[part]((c) => `${c} >= @from AND ${c} < @aEnd`, q.counter !== null),
    SOURCE[part]((c) => `${c} >= @b AND ${c} <= @to`, q.counter !== null),
    ...(rest === null ? [] : [SOURCE[part]((c) => `${rest.where(c)} AND ${c} < @b`, q.counter !== null)]),
  ].join(' UNION ALL ');
  return db.prepare(merge(inner)).all({ ...p, a, b, aEnd: above(a), ...(built === null ? {} : { built }), ...(rest?.lo == null ? {} : { lo: rest.lo }) });
}

/** The live dossiers received in the period, one row per procedure, counter, officer, channel and hour, in the order of each group's first dossier. */
export function receivedGroups(db: Database.Database, q: CountQuery): ReceivedGroup[] {
  return period(
    db,
    'r',
    q,
    (rows) => `SELECT ma_tthc, ten_tthc, counter_id, officer_id, channel, hour, sum(n) AS n, min(first_at) AS first_at, min(first_id) AS first_id
               FROM (${rows}) GROUP BY ma_tthc, ten_tthc, counter_id, officer_id, channel, hour ORDER BY first_at, first_id`,
  ) as ReceivedGroup[];
}

/** Fees collected in the period by counter, a voided receipt's left out. */
export function feesByCounter(db: Database.Database, q: CountQuery): Array<{ counter_id: string; s: number }> {
  return period(db, 'f', q, (rows) => `SELECT counter_id, sum(s) AS s FROM (${rows}) GROUP BY counter_id ORDER BY counter_id`) as Array<{ counter_id: string; s: number }>;
}

/** Results returned in the period by procedure, with the least of the names its dossiers carry. */
export function returnedByProcedure(db: Database.Database, q: CountQuery): Array<{ ma_tthc: string; ten_tthc: string; n: number }> {
  return period(db, 't', q, (rows) => `SELECT ma_tthc, min(ten_tthc) AS ten_tthc, sum(n) AS n FROM (${rows}) GROUP BY ma_tthc ORDER BY ma_tthc`) as Array<{
    ma_tthc: string;
    ten_tthc: string;
    n: number;
  }>;
}

/** Other counters' dossiers received and returned in the period, from the feed, with the fees of those received. */
export function feedByCounter(db: Database.Database, q: CountQuery, mine: string): Array<{ counter_id: string; received: number; returned: number; fees: number }> {
  const rows = period(
    db,
    'n',
    { ...q, counter: null },
    (rows) => `SELECT counter_id, sum(CASE kind WHEN 0 THEN n ELSE 0 END) AS received, sum(CASE kind WHEN 1 THEN n ELSE 0 END) AS returned, sum(fees) AS fees
               FROM (${rows}) GROUP BY counter_id ORDER BY counter_id`,
  ) as Array<{ counter_id: string; received: number; returned: number; fees: number }>;
  return rows.filter((r) => r.counter_id !== mine);
}

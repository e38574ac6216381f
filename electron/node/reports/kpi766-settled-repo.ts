import type Database from 'better-sqlite3';
import { historyOf, LOCAL_COLUMNS, localSettledFacts, REMOTE_SELECT, settledFacts, type LocalRow, type RemoteRow, type SettledFacts } from './kpi766-candidates-repo';
import { candidateWhere, countDays, dayGroups, daysPending, type SettledPeriod } from './kpi766-days-repo';

export type { SettledPeriod } from './kpi766-days-repo';

// The 766 summaries of settled dossiers (migration 18): kpi766_settled and kpi766_stale are this
// module's. A dossier's summary holds no judgement time, only what its class for any period
// follows from, so a report judged at any "now" can use it; dossiers not settled are marked so and
// judged in JS every time, as before.
//
// Brought up to date by the writers' triggers (each change drops its dossier's summary at once and
// queues its code) and then by small steps, not by the writers: the sync pull, intake and the
// hand-over would otherwise run the 766 rules inside their own transactions (and every future
// writer would have to remember to). The steps run in the background (settled-warmer.ts) so the
// first long report after this version or a big feed pull normally finds the work done; a long
// report that still finds a rebuild or much left judges every dossier from its rows (exact, as slow
// as before the summaries) and leaves the work to the steps; a few codes it summarises itself. A
// summary present is always right (its triggers dropped it otherwise), but the table is complete
// only when kpi766_stale is empty.

/** Dossiers a background step summarises in one transaction: tens of milliseconds (README, Benchmarks). */
export const STEP_DOSSIERS = 2000;
/** A report finishing the work in one transaction pages at this size. */
const BATCH = 5000;

// A '*' rebuild under way keeps where it has reached as a row of kpi766_stale, so a restart goes
// on from there. No trigger writes these (they queue plain codes, and only while '*' itself is
// absent), so from the rebuild's start every change is queued again: a dossier changed behind the
// cursor is summarised from its queued code, one ahead of it is read by the rebuild anyway.
const REMOTE_START = '*remote';
const REMOTE_AT = '*remote>'; // + the last feed code summarised
const LOCAL_AT = '*local>'; // + the last dossiers.id summarised
const LOCAL_START = `${LOCAL_AT}${-(2 ** 53)}`;
const isCursor = (s: string) => s === REMOTE_START || s.startsWith(REMOTE_AT) || s.startsWith(LOCAL_AT);

type Verdict = 'truocHan' | 'dungHan' | 'treHan';

const pending = (db: Database.Database) => db.prepare('SELECT EXISTS (SELECT 1 FROM kpi766_stale)').pluck().get() === 1;

/** Queued codes a report summarises itself before reading: one or two background steps' worth. */
const INLINE_MAX = 2 * STEP_DOSSIERS;

/**
 * Summarises what changed since the last call, in one transaction, so the summaries can be read.
 * False when they cannot be read yet and the caller must judge every dossier from its rows: on a
 * read-only connection with something to summarise, and — unless `finish` — while a rebuild is under
 * way or more than INLINE_MAX codes wait: that work is the background steps' (settled-warmer.ts),
 * and a report that did it would hold the store for all of it (a million dossiers: tens of seconds).
 */
export function refreshSettled(db: Database.Database, finish = true): boolean {
  if (!pending(db)) return true;
  if (db.readonly) return false;
  if (!finish) {
    const rebuilding = db.prepare("SELECT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so >= '*' AND ma_ho_so < '+')").pluck().get() === 1;
    if (rebuilding || (db.prepare('SELECT count(*) FROM (SELECT 1 FROM kpi766_stale LIMIT ?)').pluck().get(INLINE_MAX + 1) as number) > INLINE_MAX) return false;
  }
  try {
    db.transaction(() => {
      while (work(db, BATCH));
    })();
  } catch (e) {
    // A cache that cannot be written (a full disk, a file or connection that refuses writes) must not
    // cost the report: the transaction rolled back, and the plain path judges every dossier.
    if (/^SQLITE_(FULL|READONLY|BUSY|LOCKED)/.test((e as { code?: string }).code ?? '')) return false;
    throw e;
  }
  return true;
}

/**
 * One background step: at most `limit` dossiers summarised, in one transaction. True while work
 * remains (false as well on a read-only connection, which can do none).
 */
export function settleStep(db: Database.Database, limit: number = STEP_DOSSIERS): boolean {
  if (db.readonly) return false;
  // Then the sums per end day of what was summarised (kpi766-days-repo), as many summaries a step.
  return db.transaction(() => (pending(db) ? work(db, limit) || daysPending(db) : countDays(db, limit)))();
}

/** Up to `limit` dossiers: queued codes first, then the rebuild's next page. True while work remains. */
function work(db: Database.Database, limit: number): boolean {
  const state = db.prepare("SELECT ma_ho_so FROM kpi766_stale WHERE ma_ho_so >= '*' AND ma_ho_so < '+'").pluck().all() as string[];
  let at = state.find(isCursor) ?? null;
  const w = writer(db);
  if (state.includes('*')) {
    // The codes queued before go (all ahead of the cursor now), and the cursor takes '*''s place, so
    // the triggers queue codes again from here on. The summaries of before go page by page
    // (remotePage): at once, on an encrypted file, that alone held the thread 1.4 s at 100,000.
    db.prepare('DELETE FROM kpi766_stale').run();
    at = REMOTE_START;
    db.prepare('INSERT INTO kpi766_stale (ma_ho_so) VALUES (?)').run(at);
  }
  const codes = db.prepare('SELECT ma_ho_so FROM kpi766_stale WHERE ma_ho_so IS NOT ? LIMIT ?').pluck().all(at, limit) as string[];
  if (codes.length) {
    const json = JSON.stringify(codes);
    w.codes(json);
    db.prepare('DELETE FROM kpi766_stale WHERE ma_ho_so IN (SELECT value FROM json_each(?))').run(json);
  } else if (at) {
    const next = at.startsWith(LOCAL_AT) ? w.localPage(Number(at.slice(LOCAL_AT.length)), limit) : w.remotePage(at === REMOTE_START ? null : at.slice(REMOTE_AT.length), limit);
    const to = next === null ? (at.startsWith(LOCAL_AT) ? null : LOCAL_START) : at.startsWith(LOCAL_AT) ? `${LOCAL_AT}${next}` : `${REMOTE_AT}${next}`;
    db.prepare('DELETE FROM kpi766_stale WHERE ma_ho_so = ?').run(at);
    if (to) db.prepare('INSERT INTO kpi766_stale (ma_ho_so) VALUES (?)').run(to);
  }
  return pending(db);
}

function writer(db: Database.Database) {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO kpi766_settled (ma_ho_so, src, rid, counter_id, ma_tthc, ten_tthc, received, status, changed, end_key, last_key, verdict, due_key, counted_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const history = historyOf(db);
  const put = (code: string, src: 0 | 1, rid: number, counter: string | null, maTthc: string | null, name: string | null, received: string | null, status: string, changed: string | null, f: SettledFacts | undefined) =>
    insert.run(code, src, rid, counter, maTthc, name, received, status, changed, f?.end ?? null, f?.last ?? null, f?.verdict ?? null, f?.due ?? null, f?.counted ?? null);
  const remote = (rows: RemoteRow[]) => {
    for (const r of rows) put(r.ma_ho_so, 0, r.rid, r.counter_id, r.ma_tthc, r.ten_tthc, r.received_at, r.status, r.changed_at, settledFacts(r, history(r)));
  };
  const local = (rows: LocalRow[]) => {
    for (const d of rows) put(d.ma_ho_so, 1, d.id, d.counter_id, d.ma_tthc, d.ten_tthc, d.ngay_tiep_nhan, d.trang_thai, d.updated_at, localSettledFacts(d));
  };
  // The candidates query's own exclusions: a feed row whose receipt was voided here, this PC's voided
  // dossiers and those the feed holds. What it leaves out has no summary, and is never looked for.
  const remoteWhere = 'r.ma_ho_so NOT IN (SELECT v.ma_ho_so FROM dossiers v WHERE v.voided_at IS NOT NULL)';
  const localWhere = 'd.voided_at IS NULL AND NOT EXISTS (SELECT 1 FROM remote_dossiers r WHERE r.ma_ho_so = d.ma_ho_so)';
  return {
    /** Each queued code summarised again from its rows (none when they are gone or left out). */
    codes(json: string): void {
      db.prepare('DELETE FROM kpi766_settled WHERE ma_ho_so IN (SELECT value FROM json_each(?))').run(json);
      remote(db.prepare(`${REMOTE_SELECT} WHERE r.ma_ho_so IN (SELECT value FROM json_each(?)) AND ${remoteWhere} GROUP BY r.ma_ho_so`).all(json) as RemoteRow[]);
      local(db.prepare(`SELECT ${LOCAL_COLUMNS} FROM dossiers d WHERE d.ma_ho_so IN (SELECT value FROM json_each(?)) AND ${localWhere}`).all(json) as LocalRow[]);
    },
    /** The feed's next page after `after` (null: from the first); its last code, or null past the end. */
    remotePage(after: string | null, limit: number): string | null {
      const rows = db.prepare(`${REMOTE_SELECT} WHERE ${after === null ? '' : 'r.ma_ho_so > @after AND'} ${remoteWhere} GROUP BY r.ma_ho_so ORDER BY r.ma_ho_so LIMIT @limit`).all({ ...(after === null ? {} : { after }), limit }) as RemoteRow[];
      const last = rows.length < limit ? null : rows.at(-1)!.ma_ho_so;
      // Whatever was there before in the codes this page covers, this PC's dossiers' too (their own
      // phase comes after): the feed's pages cover every code, so none from before the rebuild is left.
      const range = { ...(after === null ? {} : { after }), ...(last === null ? {} : { last }) };
      db.prepare(`DELETE FROM kpi766_settled WHERE ${after === null ? '1' : 'ma_ho_so > @after'} AND ${last === null ? '1' : 'ma_ho_so <= @last'}`).run(range);
      remote(rows);
      return last;
    },
    /** This PC's next `limit` dossiers after the id `after`; the last id looked at, or null past the end. */
    localPage(after: number, limit: number): number | null {
      // Bounded by the rows looked at, not those kept: where the feed holds nearly all of this PC's
      // dossiers, LIMIT over the kept ones read them all in one step (250 ms at 100,000).
      const end = db.prepare('SELECT max(id) FROM (SELECT id FROM dossiers WHERE id > ? ORDER BY id LIMIT ?)').pluck().get(after, limit) as number | null;
      if (end === null) return null;
      local(db.prepare(`SELECT ${LOCAL_COLUMNS} FROM dossiers d WHERE d.id > ? AND d.id <= ? AND ${localWhere}`).all(after, end) as LocalRow[]);
      return end;
    },
  };
}

const CANDIDATE = candidateWhere('@fromIso', '@toNat', '@toIso');
/**
 * The ten days a summary's dossier was received in, as migration 23 indexes it: the received text's
 * first 7 (the feed's yyyyMMd…) or 9 (this PC's yyyy-MM-d…) characters, its month and the tens of its day.
 */
const TEN_DAYS = 'CASE src WHEN 0 THEN substr(received, 1, 7) ELSE substr(received, 1, 9) END';

export interface SettledGroup {
  verdict: Verdict;
  maTthc: string | null;
  n: number;
  /** The group's first dossier in the candidates' order (the feed's rows, then this PC's, each by code). */
  first: { src: 0 | 1; code: string; name: string | null };
}

/** The candidates settled before the trend window and ended from the period's start, counted by verdict and procedure (their sums per day). */
export function settledGroups(db: Database.Database, p: SettledPeriod): SettledGroup[] {
  const rows = dayGroups(db, p);
  const name = settledName(db);
  return rows.map((r) => {
    const code = r.first.slice(1);
    return { verdict: r.verdict, maTthc: r.ma_tthc, n: r.n, first: { src: r.first[0] === '0' ? 0 : 1, code, name: name(code) } };
  });
}

/**
 * A settled dossier with something from the trend window on: judged per day from its facts, without
 * its history. Times as numbers (yyyyMMddHHmmss, the time keys; the day received as yyyyMMdd) and no
 * name (settledName gives it when its procedure needs one): a year holds tens of thousands of them,
 * and making a string of every key and name cost more than the query (issue #15).
 */
export interface RecentSettled {
  src: 0 | 1;
  code: string;
  maTthc: string | null;
  receivedDay: number | null;
  counted: number | null;
  end: number;
  due: number;
}

/** The name a summarised dossier carries. */
export const settledName = (db: Database.Database) => {
  const get = db.prepare('SELECT ten_tthc FROM kpi766_settled WHERE ma_ho_so = ?').pluck();
  return (code: string) => get.get(code) as string | null;
};

/**
 * The candidates not settled before the trend window: the rows the candidates query must still
 * look at (no facts: open, a supplement request, a time in another form…), and the settled ones
 * with something from the window on, with their facts.
 */
export function unsettled(db: Database.Database, p: SettledPeriod): { rows: { remote: number[]; local: number[] }; recent: RecentSettled[] } {
  const rows = { remote: [] as number[], local: [] as number[] };
  const recent: RecentSettled[] = [];
  // Rows as arrays (raw): an object per row of tens of thousands cost as much again.
  const add = (found: unknown[]) => {
    for (const [src, rid, code, maTthc, day, end, due, counted] of found as Array<[0 | 1, number, string, string | null, number | null, number | null, number, number | null]>) {
      if (end === null) (src === 0 ? rows.remote : rows.local).push(rid);
      else recent.push({ src, code, maTthc, receivedDay: day, counted, end, due });
    }
  };
  // A settled dossier's received time is in one of timeKey's two exact forms (or empty): its day as keyDay reads it.
  const day = `CASE WHEN end_key IS NULL OR coalesce(received, '') = '' THEN NULL WHEN length(received) = 14 THEN CAST(substr(received, 1, 8) AS INTEGER)
                    ELSE CAST(substr(received, 1, 4) || substr(received, 6, 2) || substr(received, 9, 2) AS INTEGER) END`;
  const columns = `src, rid, ma_ho_so, ma_tthc, ${day}, CAST(end_key AS INTEGER), CAST(due_key AS INTEGER), CAST(counted_key AS INTEGER)`;
  const where = `coalesce(last_key, '~') >= @before ${p.counter ? 'AND counter_id = @counter' : ''} AND ${CANDIDATE}`;
  // One range read per source and ten days received up to the period's end (migration 23, covering).
  const next = db.prepare(`SELECT ${TEN_DAYS} FROM kpi766_settled WHERE src = @src AND ${TEN_DAYS} > @k ORDER BY ${TEN_DAYS} LIMIT 1`).pluck();
  const inKey = db.prepare(`SELECT ${columns} FROM kpi766_settled WHERE src = @src AND ${TEN_DAYS} = @k AND ${where}`).raw();
  const noKey = db.prepare(`SELECT ${columns} FROM kpi766_settled WHERE src = @src AND ${TEN_DAYS} IS NULL AND ${where}`).raw();
  for (const src of [0, 1] as const) {
    // The key is the received text's first characters; past the bound's own first characters (a key
    // of any form, since the comparison is the text's), the received time is past the bound.
    const bound = src === 0 ? p.toNat.slice(0, 7) : p.toIso.slice(0, 9);
    add(noKey.all({ ...p, src }));
    for (let k: string | undefined = ''; k !== undefined && k <= bound; k = next.get({ src, k }) as string | undefined) add(inKey.all({ ...p, src, k }));
  }
  return { rows, recent };
}

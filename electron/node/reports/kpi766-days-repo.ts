import type Database from 'better-sqlite3';
import { OPEN_STATES as OPEN } from './kpi766-spans-repo';

// The sums of the 766 summaries per end day (migration 22): kpi766_settled_days and kpi766_day_stale
// are this module's. A period adds up the sums of its days and counts from the summaries only the
// days queued since they were last counted, those a build has not reached yet and those holding a
// dossier whose candidate conditions are not plain — so its groups are exactly what counting every
// summary gave (kpi766-settled-repo settledGroups).

/** A period as the candidates query bounds it, with the settled window: time keys of its start and of the trend window's start (whole days). */
export interface SettledPeriod {
  fromIso: string;
  toIso: string;
  toNat: string;
  counter: string | null;
  start: string;
  before: string;
}

/** The candidates query's conditions for a period, on the copies of the source columns. */
export const candidateWhere = (fromIso: string, toNat: string, toIso: string) => `CASE src WHEN 0 THEN (received IS NULL OR received <= ${toNat}) AND (status IN ${OPEN} OR changed IS NULL OR changed >= ${fromIso})
                   ELSE received <= ${toIso} AND (status IN ${OPEN} OR received >= ${fromIso} OR changed >= ${fromIso}) END`;

// Each term only gets easier as fromIso goes down and toNat, toIso go up. A period counting a settled
// dossier starts no later than its end's day and ends after its last time's day (kpi766-repo
// settledPeriod): where the conditions hold at those bounds, they hold for every such period.
const isoDay = (k: string) => `substr(${k}, 1, 4) || '-' || substr(${k}, 5, 2) || '-' || substr(${k}, 7, 2)`;
const PLAIN = `coalesce(${candidateWhere(`${isoDay('end_key')} || 'T00:00:00'`, 'last_key', `${isoDay('last_key')} || 'T99'`)}, 0)`;

const BUILD = '*';
/** Keys of one day: end_key has 14 digits, and ':' sorts after them. */
const dayEnd = (day: string) => `${day}:`;

/** True while any day waits to be counted. */
export const daysPending = (db: Database.Database) => db.prepare('SELECT EXISTS (SELECT 1 FROM kpi766_day_stale)').pluck().get() === 1;

/**
 * Counts the build's next days, then days queued again, until about `limit` summaries were read
 * (whole days: a day is ≈ 1,000 at a million). In the caller's transaction. True while days remain.
 */
export function countDays(db: Database.Database, limit: number): boolean {
  const drop = db.prepare('DELETE FROM kpi766_settled_days WHERE end_day = ?');
  const count = db.prepare(
    `INSERT INTO kpi766_settled_days (end_day, last_day, verdict, ma_tthc, counter_id, plain, n, first)
     SELECT substr(end_key, 1, 8), substr(last_key, 1, 8), verdict, ma_tthc, counter_id, ${PLAIN}, count(*), min(src || ma_ho_so) FROM kpi766_settled
     WHERE verdict IS NOT NULL AND end_key >= @day AND end_key < @end GROUP BY 1, 2, 3, 4, 5, 6`,
  );
  const sizeOf = db.prepare('SELECT count(*) FROM kpi766_settled WHERE verdict IS NOT NULL AND end_key >= ? AND end_key < ?').pluck();
  const unqueue = db.prepare('DELETE FROM kpi766_day_stale WHERE day = ?');
  const recount = (day: string) => {
    drop.run(day);
    count.run({ day, end: dayEnd(day) });
    unqueue.run(day);
    return sizeOf.get(day, dayEnd(day)) as number;
  };
  let read = 0;
  // The build first: the days it passes leave the queue with it (a rebuild of the summaries queues them all).
  const cursor = db.prepare(`SELECT day FROM kpi766_day_stale WHERE day >= '${BUILD}' AND day < '${BUILD}~'`).pluck().get() as string | undefined;
  if (cursor !== undefined) {
    const next = db.prepare('SELECT substr(end_key, 1, 8) FROM kpi766_settled WHERE verdict IS NOT NULL AND end_key >= ? ORDER BY end_key LIMIT 1').pluck();
    let after = cursor.slice(BUILD.length);
    let day: string | undefined;
    while (read < limit && (day = next.get(after === '' ? '' : dayEnd(after)) as string | undefined) !== undefined) {
      read += recount(day) + 1;
      after = day;
    }
    unqueue.run(cursor);
    if (day !== undefined) db.prepare('INSERT INTO kpi766_day_stale (day) VALUES (?)').run(`${BUILD}${after}`);
  }
  const queued = db.prepare(`SELECT day FROM kpi766_day_stale WHERE day > '${BUILD}~' LIMIT 64`).pluck();
  while (read < limit) {
    const days = queued.all() as string[];
    if (!days.length) break;
    for (const day of days) {
      if (read >= limit) break;
      read += recount(day) + 1;
    }
  }
  return daysPending(db);
}

export interface DayGroup {
  verdict: 'truocHan' | 'dungHan' | 'treHan';
  ma_tthc: string | null;
  n: number;
  first: string;
}

/**
 * The candidates settled before the trend window and ended from the period's start, counted by
 * verdict and procedure: the sums of the days counted, and the other days from their summaries.
 */
export function dayGroups(db: Database.Database, p: SettledPeriod): DayGroup[] {
  const startDay = p.start.slice(0, 8);
  const beforeDay = p.before.slice(0, 8);
  const counter = p.counter ? 'AND counter_id = @counter' : '';
  const cursor = db.prepare(`SELECT day FROM kpi766_day_stale WHERE day >= '${BUILD}' AND day < '${BUILD}~'`).pluck().get() as string | undefined;
  // Days counted: up to the build's cursor when one is under way.
  const countedTo = cursor === undefined ? beforeDay : cursor.slice(BUILD.length) === '' ? startDay : dayEnd(cursor.slice(BUILD.length)) < beforeDay ? dayEnd(cursor.slice(BUILD.length)) : beforeDay;
  const byRows = db
    .prepare(
      `SELECT day FROM kpi766_day_stale WHERE day >= @startDay AND day < @countedTo
       UNION SELECT end_day FROM kpi766_settled_days WHERE plain = 0 AND end_day >= @startDay AND end_day < @countedTo`,
    )
    .pluck()
    .all({ startDay, countedTo }) as string[];
  const summed = db
    .prepare(
      `SELECT verdict, ma_tthc, n, first FROM kpi766_settled_days
       WHERE end_day >= @startDay AND end_day < @countedTo AND last_day < @beforeDay ${counter} AND end_day NOT IN (SELECT value FROM json_each(@byRows))`,
    )
    .all({ startDay, countedTo, beforeDay, byRows: JSON.stringify(byRows), ...(p.counter ? { counter: p.counter } : {}) }) as DayGroup[];
  const rows = db.prepare(
    `SELECT verdict, ma_tthc, count(*) AS n, min(src || ma_ho_so) AS first FROM kpi766_settled
     WHERE verdict IS NOT NULL AND end_key >= @start AND end_key < @before AND end_key >= @lo AND end_key < @hi AND last_key < @before ${counter}
       AND ${candidateWhere('@fromIso', '@toNat', '@toIso')}
     GROUP BY verdict, ma_tthc`,
  );
  const read = (lo: string, hi: string) => rows.all({ ...p, lo, hi }) as DayGroup[];
  const counted = [...byRows.flatMap((day) => read(day, dayEnd(day))), ...(countedTo < beforeDay ? read(countedTo, p.before) : [])];
  // Merged as SQLite's GROUP BY would: one group per verdict and procedure, its first code bytewise.
  const merged = new Map<string, DayGroup>();
  for (const g of [...summed, ...counted]) {
    const key = JSON.stringify([g.verdict, g.ma_tthc]);
    const e = merged.get(key);
    if (!e) merged.set(key, { ...g });
    else {
      e.n += g.n;
      if (Buffer.compare(Buffer.from(g.first), Buffer.from(e.first)) < 0) e.first = g.first;
    }
  }
  return [...merged.values()];
}

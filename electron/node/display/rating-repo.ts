import type Database from 'better-sqlite3';

/** The only module that reads or writes `dossier_ratings` (the citizen display's 1–5 ratings). */

export type RatingSource = 'touch' | 'keypad';

export interface StoredRating {
  readonly code: string;
  readonly rating: number;
  readonly ratedAt: string;
  readonly counterId: string | null;
  readonly source: RatingSource;
}

export function ratingOf(db: Database.Database, code: string): StoredRating | null {
  const r = db.prepare('SELECT ma_ho_so, rating, rated_at, counter_id, source FROM dossier_ratings WHERE ma_ho_so = ?').get(code) as
    | { ma_ho_so: string; rating: number; rated_at: string; counter_id: string | null; source: RatingSource }
    | undefined;
  return r ? { code: r.ma_ho_so, rating: r.rating, ratedAt: r.rated_at, counterId: r.counter_id, source: r.source } : null;
}

/** Inserts, or replaces the dossier's rating (the caller decides whether a replacement is allowed). */
export function saveRating(db: Database.Database, r: StoredRating): void {
  db.prepare(
    `INSERT INTO dossier_ratings (ma_ho_so, rating, rated_at, counter_id, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(ma_ho_so) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at, counter_id = excluded.counter_id, source = excluded.source`,
  ).run(r.code, r.rating, r.ratedAt, r.counterId, r.source);
}

/** Counts of ratings 1..5 given between two local times (RFC 3339 strings compare in order), optionally at one counter. */
export function ratingCounts(db: Database.Database, o: { from: string; to: string; counterId: string | null }): number[] {
  const rows = db
    .prepare(`SELECT rating, COUNT(*) AS n FROM dossier_ratings WHERE rated_at BETWEEN @from AND @to ${o.counterId ? 'AND counter_id = @counter' : ''} GROUP BY rating`)
    .all({ from: o.from, to: o.to, counter: o.counterId }) as Array<{ rating: number; n: number }>;
  const counts = [0, 0, 0, 0, 0];
  for (const r of rows) counts[r.rating - 1] = r.n;
  return counts;
}

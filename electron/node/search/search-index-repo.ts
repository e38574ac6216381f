import type Database from 'better-sqlite3';

/** Leaf pages of the search index written per background step: at a million dossiers, encrypted, median 15 ms, longest 369 ms (quiet bench). */
export const REWRITE_STEP_PAGES = 64;

/**
 * One step of the one-time rewrite migration 21 asks for (its search_index_upkeep row): FTS5's
 * incremental merge, forced (a negative page count), folds every segment into one written with
 * the new leaf size. Each call continues where the last stopped, in its own transaction; searches
 * between steps read the index as it stands, whole. True while there is more to do.
 *
 * A dossier received during the pass adds a segment, and a forced merge never runs out of work
 * while segments keep coming: at a busy counter it would rewrite the whole index again and again.
 * So the pass also ends on a budget its first step sets, half again the steps one pass over the
 * index's leaves takes; what arrived meanwhile is left to FTS5's own automerge.
 */
export function rewriteStep(db: Database.Database, pages: number = REWRITE_STEP_PAGES): boolean {
  if (db.readonly) return false;
  const perStep = Math.max(1, Math.trunc(pages));
  return db.transaction(() => {
    const job = db.prepare("SELECT steps_left FROM search_index_upkeep WHERE job = 'rewrite'").get() as { steps_left: number | null } | undefined;
    if (!job) return false;
    const left = (job.steps_left ?? passBudget(db, perStep)) - 1;
    const before = totalChanges(db);
    db.prepare("INSERT INTO dossier_search (dossier_search, rank) VALUES ('merge', ?)").run(-perStep);
    // FTS5's documented test: a merge that found work changes two rows or more; one that changes
    // fewer found a single segment left, and the rewrite is done.
    if (totalChanges(db) - before >= 2 && left > 0) {
      db.prepare("UPDATE search_index_upkeep SET steps_left = ? WHERE job = 'rewrite'").run(left);
      return true;
    }
    db.prepare("DELETE FROM search_index_upkeep WHERE job = 'rewrite'").run();
    return false;
  })();
}

/**
 * Steps for one pass, and half as many again. A merge step of N pages consumes about 3N of the
 * leaves counted here (the last leaf number of each segment, from FTS5's small index of first terms:
 * 109,000 at a million dossiers, merged in 568 steps of 64), so leaves ÷ 2N leaves room.
 */
function passBudget(db: Database.Database, perStep: number): number {
  const leaves = db.prepare('SELECT total(m) FROM (SELECT max(pgno) AS m FROM dossier_search_idx GROUP BY segid)').pluck().get() as number;
  return Math.ceil(leaves / (2 * perStep)) + 8;
}

/** Migration 21 asked for the rewrite and it has not finished. */
export function rewritePending(db: Database.Database): boolean {
  return db.prepare("SELECT EXISTS (SELECT 1 FROM search_index_upkeep WHERE job = 'rewrite')").pluck().get() === 1;
}

const totalChanges = (db: Database.Database) => db.prepare('SELECT total_changes()').pluck().get() as number;

/** Segments of the search index, each one a lookup per searched word (the bench prints them). */
export function searchSegments(db: Database.Database): number {
  return db.prepare('SELECT count(DISTINCT segid) FROM dossier_search_idx').pluck().get() as number;
}

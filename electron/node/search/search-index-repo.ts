import type Database from 'better-sqlite3';

/** Leaf pages of the search index written per background step: ≈ 40 ms encrypted at a million dossiers. */
export const REWRITE_STEP_PAGES = 64;

/**
 * One step of the one-time rewrite migration 21 asks for (its search_index_upkeep row): FTS5's
 * incremental merge, forced (a negative page count), folds every segment into one written with
 * the new leaf size. Each call continues where the last stopped, in its own transaction; searches
 * between steps read the index as it stands, whole. True while there is more to do.
 */
export function rewriteStep(db: Database.Database, pages: number = REWRITE_STEP_PAGES): boolean {
  if (db.readonly) return false;
  return db.transaction(() => {
    if (!rewritePending(db)) return false;
    const before = totalChanges(db);
    db.prepare("INSERT INTO dossier_search (dossier_search, rank) VALUES ('merge', ?)").run(-Math.max(1, Math.trunc(pages)));
    // FTS5's documented test: a merge that found work changes two rows or more; one that changes
    // fewer found a single segment left, and the rewrite is done.
    if (totalChanges(db) - before >= 2) return true;
    db.prepare("DELETE FROM search_index_upkeep WHERE job = 'rewrite'").run();
    return false;
  })();
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

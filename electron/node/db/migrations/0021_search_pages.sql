-- The search index's leaves fit a page again (issue #13: search p99 13 ms at a million dossiers,
-- encrypted, against 1 ms in clear). SQLCipher keeps 80 bytes of every 4 KB page for its IV and
-- HMAC, so a page holds at most 3,981 bytes of a row; FTS5's leaves of 4,050 bytes spilled onto an
-- overflow page, and each leaf a search read cost two pages to decrypt. 3,900 leaves room for the
-- row's header and the few bytes a leaf may run past its target.
INSERT INTO dossier_search (dossier_search, rank) VALUES ('pgsz', 3900);

-- Leaves already written keep their size until merged: a store with dossiers rewrites its index
-- once, in background steps that also merge it into one segment (search/search-index-repo.ts
-- `rewriteStep`, which owns this table). Not here: at a million dossiers that is 25 s of work.
-- steps_left: the pass's budget, set by its first step from the index's size; a forced merge starts
-- over whenever a dossier received meanwhile adds a segment, so the pass ends on the budget too.
CREATE TABLE search_index_upkeep (
  job        TEXT PRIMARY KEY CHECK (job IN ('rewrite')),
  steps_left INTEGER
) STRICT, WITHOUT ROWID;
INSERT INTO search_index_upkeep (job) SELECT 'rewrite' WHERE EXISTS (SELECT 1 FROM dossiers);

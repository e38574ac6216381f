import type Database from 'better-sqlite3';

/**
 * Runs `fn` (which commits) with synchronous=NORMAL, then puts the connection's setting back. In WAL
 * mode such a commit is written to the log but not fsynced: a killed process loses nothing, a power
 * cut may lose it (never the database's consistency), and the next synchronous=FULL commit fsyncs the
 * log with it, since the log is one file written in order. Only for writes whose loss a caller can
 * repair: the sender's acknowledgements of requests the server dedupes by Idempotency-Key (push.ts).
 * A saved dossier never goes this way.
 */
export function commitWithoutFsync<T>(db: Database.Database, fn: () => T): T {
  const before = db.pragma('synchronous', { simple: true }) as number;
  if (before <= 1) return fn();
  db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.pragma(`synchronous = ${before}`);
  }
}

import type Database from 'better-sqlite3';

const MAX_CACHED = 500;

/**
 * Repos call `db.prepare(sql)` at each use, which keeps them short and obviously correct, but
 * SQLite then parses and plans the same SQL on every call (a third of the store's time in the
 * sync bench). This makes `prepare` return the statement it made before for the same text.
 * A statement still iterating (a nested query with the same text) gets a fresh one, and modes a
 * caller may set on a reader (pluck, raw, expand) are cleared so one caller cannot change what
 * another gets back. Dynamic SQL (IN lists) cannot grow it without bound.
 */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db) as (sql: string) => Database.Statement;
  const cache = new Map<string, Database.Statement>();
  (db as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) {
      if (hit.reader) hit.pluck(false).expand(false).raw(false);
      return hit;
    }
    const s = prepare(sql);
    if (!hit) {
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
}

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../../../electron/node/db/statement-cache';
import { SyncContext } from '../../../electron/node/sync/sync-context';

function store() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  let commits = 0;
  const exec = <T>(_op: string, fn: (d: Database.Database) => T): Promise<T> => {
    const before = db.inTransaction;
    const r = fn(db);
    if (!before) commits++;
    return Promise.resolve(r);
  };
  return { db, exec, commits: () => commits };
}

describe('SyncContext.write (group commit of state changes)', () => {
  it('writes arriving together share one transaction; one that throws is undone alone', async () => {
    const s = store();
    const c = new SyncContext({ store: { exec: s.exec } } as never, {});
    const results = await Promise.allSettled([
      c.write('a', (db) => db.prepare("INSERT INTO t (v) VALUES ('a')").run().changes),
      c.write('b', (db) => {
        db.prepare("INSERT INTO t (v) VALUES ('b')").run();
        throw new Error('b refused');
      }),
      c.write('c', (db) => db.prepare("INSERT INTO t (v) VALUES ('c')").run().changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toHaveProperty('message', 'b refused');
    expect(s.db.prepare('SELECT v FROM t ORDER BY id').all()).toEqual([{ v: 'a' }, { v: 'c' }]);
    expect(s.commits()).toBe(1);
  });

  it('a write after the batch has gone waits for its own commit', async () => {
    const s = store();
    const c = new SyncContext({ store: { exec: s.exec } } as never, {});
    await c.write('a', (db) => db.prepare("INSERT INTO t (v) VALUES ('a')").run());
    await c.write('b', (db) => db.prepare("INSERT INTO t (v) VALUES ('b')").run());
    expect(s.commits()).toBe(2);
  });

  it('a failed commit rejects every write of the batch', async () => {
    const c = new SyncContext({ store: { exec: () => Promise.reject(new Error('disk full')) } } as never, {});
    const r = await Promise.allSettled([c.write('a', () => 1), c.write('b', () => 2)]);
    expect(r.map((x) => (x.status === 'rejected' ? (x.reason as Error).message : 'ok'))).toEqual(['disk full', 'disk full']);
  });
});

describe('cacheStatements', () => {
  it('returns the same statement for the same SQL, a fresh one while it iterates, and clears reader modes', () => {
    const db = new Database(':memory:');
    cacheStatements(db);
    db.exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)");
    const sql = 'SELECT a FROM t ORDER BY a';
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    const seen: unknown[] = [];
    for (const r of db.prepare(sql).iterate()) seen.push([r, db.prepare(sql).all()]);
    expect(seen).toEqual([[{ a: 1 }, [{ a: 1 }, { a: 2 }]], [{ a: 2 }, [{ a: 1 }, { a: 2 }]]]);
    expect(db.prepare(sql).pluck().all()).toEqual([1, 2]);
    expect(db.prepare(sql).all()).toEqual([{ a: 1 }, { a: 2 }]);
  });
});

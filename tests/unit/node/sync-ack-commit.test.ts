import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncContext, type SyncDeps } from '../../../electron/node/sync/sync-context';
import { tempDir } from '../../helpers/tmp';

/** The connection's synchronous setting as a write sees it: 2 FULL (fsynced commit), 1 NORMAL. */
const seen = (db: Database.Database) => db.pragma('synchronous', { simple: true }) as number;

describe('sync group commit: acknowledgements without an fsync, everything else with one', () => {
  let t: ReturnType<typeof tempDir>;
  let db: Database.Database;
  let c: SyncContext;
  beforeEach(() => {
    t = tempDir();
    db = new Database(join(t.dir, 'x.sqlite3'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE x (v TEXT)');
    const store = { exec: <T>(_op: string, fn: (d: Database.Database) => T) => Promise.resolve(fn(db)) };
    c = new SyncContext({ store } as unknown as SyncDeps, {});
  });
  afterEach(() => {
    db.close();
    t.cleanup();
  });

  it('a batch of acknowledgements only commits with synchronous=NORMAL, then FULL is back', async () => {
    const a = c.write('a', (d) => (d.prepare("INSERT INTO x VALUES ('a')").run(), seen(d)), { durable: false });
    const b = c.write('b', (d) => (d.prepare("INSERT INTO x VALUES ('b')").run(), seen(d)), { durable: false });
    expect(await Promise.all([a, b])).toEqual([1, 1]);
    expect(seen(db)).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM x').get()).toEqual({ n: 2 });
  });

  it('an acknowledgement in the same commit as a state change that must be on disk is fsynced with it', async () => {
    const a = c.write('a', (d) => seen(d), { durable: false });
    const b = c.write('b', (d) => seen(d));
    expect(await Promise.all([a, b])).toEqual([2, 2]);
    expect(await c.write('c', (d) => seen(d))).toBe(2);
  });

  it('a write that throws in a batch of acknowledgements is undone alone and leaves FULL behind', async () => {
    const bad = c.write('bad', (d) => {
      d.prepare("INSERT INTO x VALUES ('bad')").run();
      throw new Error('boom');
    }, { durable: false });
    const good = c.write('good', (d) => d.prepare("INSERT INTO x VALUES ('good')").run().changes, { durable: false });
    await expect(bad).rejects.toThrow('boom');
    expect(await good).toBe(1);
    expect(seen(db)).toBe(2);
    expect(db.prepare('SELECT v FROM x').all()).toEqual([{ v: 'good' }]);
  });
});

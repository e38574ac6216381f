import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_FRAMES, DeferredCheckpoint, WAL_CAP_FRAMES, WAL_FILE_LIMIT_BYTES, walState } from '../../../electron/node/db/wal-checkpoint';
import { SqliteStore } from '../../../electron/node/store/sqlite-store';
import { tempDir } from '../../helpers/tmp';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One transaction of about `pages` new pages: each row's blob fills a page of its own. */
function writePages(store: SqliteStore, pages: number): Promise<void> {
  return store.exec('test.fill', (db) => {
    db.prepare('CREATE TABLE IF NOT EXISTS filler (b BLOB)').run();
    db.transaction(() => {
      const ins = db.prepare('INSERT INTO filler (b) VALUES (randomblob(3900))');
      for (let i = 0; i < pages; i++) ins.run();
    })();
  });
}

const wal = (store: SqliteStore) => store.exec('test.wal', (db) => walState(db));

describe.each([
  ['clear', null],
  ['encrypted', randomBytes(32).toString('hex')],
] as const)('WAL checkpoints of the store (%s)', (_kind, key) => {
  let t: ReturnType<typeof tempDir>;
  let store: SqliteStore | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
    t.cleanup();
  });
  const open = () => {
    t = tempDir('motcua-wal-');
    store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key });
    return store;
  };

  it('the commit that crosses the threshold returns without checkpointing; the next turn of the event loop checkpoints', async () => {
    const s = open();
    await turn();
    await writePages(s, CHECKPOINT_FRAMES + 50);
    // Still inside the same turn: the frames are synced in the WAL, none copied to the database file yet.
    const before = await wal(s);
    expect(before.log).toBeGreaterThanOrEqual(CHECKPOINT_FRAMES);
    expect(before.checkpointed).toBe(0);
    expect(s.stats().checkpoints.n).toBe(0);
    await turn();
    const after = await wal(s);
    expect(after.checkpointed).toBe(after.log);
    expect(s.stats().checkpoints.n).toBe(1);
    // The next write starts the WAL over instead of growing it.
    await writePages(s, 5);
    expect((await wal(s)).log).toBeLessThan(50);
  });

  it('below the threshold the WAL is left alone (the database file is synced no more often than before)', async () => {
    const s = open();
    for (let i = 0; i < 5; i++) {
      await writePages(s, 50);
      await turn();
    }
    const w = await wal(s);
    expect(w.log).toBeGreaterThanOrEqual(250);
    expect(w.checkpointed).toBe(0);
    expect(s.stats().checkpoints.n).toBe(0);
  });

  it('writes that never let the event loop turn are capped: the WAL stays under the cap plus one transaction, the file under its limit after a restart', async () => {
    const s = open();
    const perTxn = 200;
    let most = 0;
    for (let i = 0; i < (3 * WAL_CAP_FRAMES) / perTxn; i++) {
      await writePages(s, perTxn);
      most = Math.max(most, (await wal(s)).log);
    }
    expect(most).toBeGreaterThanOrEqual(WAL_CAP_FRAMES);
    expect(most).toBeLessThan(WAL_CAP_FRAMES + 2 * perTxn);
    const pageSize = await s.exec('test.pageSize', (db) => db.pragma('page_size', { simple: true }) as number);
    const walBytes = statSync(join(t.dir, 'motcua.sqlite3-wal')).size;
    expect(walBytes).toBeLessThanOrEqual(32 + (WAL_CAP_FRAMES + 2 * perTxn) * (pageSize + 24));
    // Once the cap's checkpoint lets the WAL start over, the next commit cuts the file to its limit.
    await s.exec('test.ckpt', (db) => db.pragma('wal_checkpoint(PASSIVE)'));
    await writePages(s, 1);
    expect(statSync(join(t.dir, 'motcua.sqlite3-wal')).size).toBeLessThanOrEqual(WAL_FILE_LIMIT_BYTES);
  });

  it('close() folds the WAL into the database file', async () => {
    const s = open();
    await writePages(s, CHECKPOINT_FRAMES + 50);
    await s.close();
    store = null;
    await turn();
    expect(existsSync(join(t.dir, 'motcua.sqlite3-wal'))).toBe(false);
    const again = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key });
    try {
      expect(await again.exec('test.count', (db) => (db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n)).toBe(CHECKPOINT_FRAMES + 50);
    } finally {
      await again.close();
    }
  });

  it('a read-only store writes no WAL and runs no checkpoint', async () => {
    const s = open();
    await writePages(s, CHECKPOINT_FRAMES + 50);
    await s.close();
    store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key, readonly: true });
    await store.exec('test.read', (db) => db.prepare('SELECT count(*) FROM filler').get());
    await turn();
    expect(store.stats().checkpoints.n).toBe(0);
  });
});

describe('DeferredCheckpoint', () => {
  it('close() cancels the look it had scheduled: nothing runs on the closed connection', async () => {
    const runs: number[] = [];
    const d = new DeferredCheckpoint({} as never, () => runs.push(1));
    d.schedule();
    expect(d.pending).toBe(true);
    d.close();
    expect(d.pending).toBe(false);
    d.schedule();
    expect(d.pending).toBe(false);
    await turn();
    expect(runs).toEqual([]);
  });

  it('its own call does not schedule another look (no turn-after-turn loop)', async () => {
    let d: DeferredCheckpoint | null = null;
    let runs = 0;
    d = new DeferredCheckpoint({} as never, () => {
      runs++;
      d!.schedule(); // what the store's call wrapper does after every call, this one included
    });
    d.schedule();
    await turn();
    await turn();
    expect(runs).toBe(1);
    expect(d.pending).toBe(false);
    d.close();
  });
});

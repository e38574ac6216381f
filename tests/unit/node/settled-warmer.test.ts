import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/node/db/open';
import { silentLogger, type LogFields, type Logger } from '../../../electron/node/log/logger';
import { SettledWarmer } from '../../../electron/node/reports/settled-warmer';
import { tempDir } from '../../helpers/tmp';

// The background scheduler of the 766 summaries: idle until started, small steps until nothing is
// left, again after a sync pull, nothing due once stopped, and a failed step logged by its code only.

let dir: { dir: string; cleanup: () => void };
let db: Database.Database;
const warnings: Array<{ msg: string; fields: LogFields | undefined }> = [];
// What the warmer hands the logger, before the logger's own redaction: it must already hold no message.
const log: Logger = { ...silentLogger, warn: (msg, fields) => void warnings.push({ msg, fields }) };
const exec = <T,>(_op: string, fn: (d: Database.Database) => T) => Promise.resolve(fn(db));
const stale = () => db.prepare('SELECT count(*) FROM kpi766_stale').pluck().get() as number;
const summaries = () => db.prepare('SELECT count(*) FROM kpi766_settled').pluck().get() as number;
const insert = (i: number) =>
  db
    .prepare("INSERT INTO remote_dossiers (ma_ho_so, version, status, received_at, due_at, finished_at, changed_at, payload) VALUES (?, 1, '10', '20250301080000', '20250305080000', '20250304080000', '20250304090000', '{}')")
    .run(`W-${String(i).padStart(3, '0')}`);

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.dir, 'warm.sqlite3'), { key: null }).db;
  db.transaction(() => {
    for (let i = 0; i < 23; i++) insert(i);
  })();
  warnings.length = 0;
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

describe('SettledWarmer', () => {
  it('does nothing until started', async () => {
    const w = new SettledWarmer({ exec, log, startDelayMs: 0, pokeDelayMs: 0, dossiersPerStep: 5 });
    w.poke();
    await w.idle();
    await new Promise((r) => setTimeout(r, 20));
    expect(stale()).toBe(1);
    expect(w.stats.steps).toBe(0);
  });

  it('once started, summarises everything in small steps, then what a sync pull brought', async () => {
    const w = new SettledWarmer({ exec, log, startDelayMs: 0, pokeDelayMs: 0, dossiersPerStep: 5 });
    w.start();
    await w.idle();
    expect(stale()).toBe(0);
    expect(summaries()).toBe(23);
    // The rebuild's start with the feed's first page of 5, four more (the last of 3), this PC's (none),
    // then their sums per end day (few days: one step).
    expect(w.stats.steps).toBe(7);
    expect(db.prepare('SELECT count(*) FROM kpi766_day_stale').pluck().get()).toBe(0);
    insert(100);
    expect(stale()).toBe(1);
    w.poke();
    await w.idle();
    expect(stale()).toBe(0);
    expect(summaries()).toBe(24);
    w.stop();
    expect(warnings).toEqual([]);
  });

  it('stopped, leaves nothing due and runs no further step', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const counting = <T,>(op: string, fn: (d: Database.Database) => T) => (calls++, exec(op, fn));
      const w = new SettledWarmer({ exec: counting, log, startDelayMs: 60_000, pokeDelayMs: 0, dossiersPerStep: 5 });
      w.start();
      expect(vi.getTimerCount()).toBe(1);
      w.stop();
      expect(vi.getTimerCount()).toBe(0);
      await w.idle();
      w.poke();
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(calls).toBe(0);
      expect(stale()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs a failed step by its code, without its message, and stays up', async () => {
    const failing = () => Promise.reject(Object.assign(new Error('disk full writing C:\\Users\\Nguyen Van A\\data'), { code: 'SQLITE_FULL' }));
    const w = new SettledWarmer({ exec: failing, log, startDelayMs: 0, pokeDelayMs: 0 });
    w.start();
    await w.idle();
    expect(warnings).toEqual([{ msg: '766 summaries: a background step failed', fields: { error: 'SQLITE_FULL' } }]);
    expect(JSON.stringify(warnings)).not.toContain('Nguyen');
    // The next pull tries again.
    w.poke();
    await w.idle();
    expect(warnings).toHaveLength(2);
    w.stop();
  });
});

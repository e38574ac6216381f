import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../reference-server/faults';
import { BIN } from '../helpers/cli';
import { OFFICER_PASSWORD, UNIT, intakeFixture } from '../helpers/intake';
import { assertConverged, dossiers, engineFor, referenceServer } from '../helpers/sync';
import { openDataStore } from '../helpers/data-db';

const MIXED = ['500', '503', '429', 'reset', 'delay', 'commitThenTimeout', 'commitThenReset'] as const;

describe('1,000 dossiers with attachments converge through 30 % mixed failures', () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let codes: string[];
  beforeAll(async () => {
    f = await intakeFixture({ unit: { ...UNIT, offlineBlock: { from: 1, to: 9999 } } });
    server = await referenceServer(f.dir, 7);
    codes = await dossiers(f, 1000, { attachmentSize: 8192 });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await f.close();
  });

  it('every dossier reaches the server exactly once, with intact files', async () => {
    server.faults = { ...NO_FAULTS, errorRate: 0.3, kinds: [...MIXED], delayMs: 50, stallMs: 500, retryAfterSec: 0, duplicateChanges: true, reorderChanges: true };
    const engine = engineFor(f, server.url, { concurrency: 8 }, 300);
    let report = await engine.runOnce({ deadlineMs: 240_000 });
    for (let i = 0; i < 3 && report.remaining > 0; i++) report = await engine.runOnce({ deadlineMs: 60_000 });
    expect(report.remaining).toBe(0);
    expect(report.rejected).toBe(0);
    await assertConverged(server, join(f.dir, 'server-files'), f, codes);
    const local = await f.store.exec('l', (db) => db.prepare("SELECT COUNT(*) AS n FROM dossiers WHERE sync_state = 'synced'").get() as { n: number });
    expect(local.n).toBe(1000);
  }, 300_000);
});

describe('the syncing process is SIGKILLed at random points 50 times', () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let codes: string[];
  beforeAll(async () => {
    f = await intakeFixture({ unit: { ...UNIT, offlineBlock: { from: 1, to: 9999 } } });
    server = await referenceServer(f.dir, 11);
    codes = await dossiers(f, 300, { attachmentSize: 200_000 });
    await f.store.close();
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await f.close().catch(() => undefined);
  });

  const env = () => ({
    ...process.env,
    MOTCUA_API_URL: server.url,
    MOTCUA_CLIENT_ID: 'counter-q01',
    MOTCUA_CLIENT_SECRET: 'secret-q01',
    MOTCUA_HTTP_TIMEOUT_MS: '500',
    MOTCUA_SYNC_BACKOFF_MS: '20',
    MOTCUA_SYNC_BACKOFF_MAX_MS: '300',
    MOTCUA_LOG_LEVEL: 'error',
    // `sync --once` acts for the officer of the fixture's counter.
    MOTCUA_OFFICER: 'canbo01',
    MOTCUA_PASSWORD: OFFICER_PASSWORD,
  });
  const run = (killAfterMs: number | null) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'sync', '--once', '--timeout', '120', '--data-dir', f.dir], { env: env(), stdio: 'ignore' });
      const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.on('exit', (code) => {
        if (timer) clearTimeout(timer);
        resolve(code);
      });
    });

  it('after each restart the run converges: nothing lost, nothing duplicated', async () => {
    server.faults = { ...NO_FAULTS, errorRate: 0.1, kinds: [...MIXED], delayMs: 30, stallMs: 700, retryAfterSec: 0 };
    let kills = 0;
    let finishedEarly = 0;
    while (kills < 50) {
      // Start-up takes ~150 ms; the kill lands anywhere from start-up to well into the run.
      const code = await run(80 + Math.floor(Math.random() * 400));
      if (code === 0) finishedEarly++;
      else kills++;
      if (finishedEarly) break;
    }
    server.faults = NO_FAULTS;
    expect(await run(null)).toBe(0);
    const store = await openDataStore(f.dir);
    try {
      const left = await store.exec('left', (db) => db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state <> 'done'").get() as { n: number });
      expect(left.n).toBe(0);
      await assertConverged(server, join(f.dir, 'server-files'), { ...f, store } as typeof f, codes);
      process.stdout.write(`sync crash test: ${kills} SIGKILLs before convergence of ${codes.length} dossiers\n`);
      // The work must outlast the kills, or the test would prove less than it claims.
      expect(finishedEarly).toBe(0);
      expect(kills).toBe(50);
    } finally {
      await store.close();
    }
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/node/log/logger';
import { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { SyncEngine } from '../../electron/node/sync/sync-engine';
import { NO_FAULTS } from '../reference-server/faults';
import { intakeFixture } from '../helpers/intake';
import { CLIENT, dossiers, referenceServer } from '../helpers/sync';
import { serverPerTest } from '../helpers/sync-suite';

type Step = { done: number; total: number; current: string | null };

/** Issue #16: a run reports its sending item by item (the sync panel's bar: the dossier now sent, i of n). */
describe("a sync run's progress: the items ready when it began, each as it goes, and its end", () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  serverPerTest((x) => ({ f, server } = x));

  const engine = (steps: Step[]) =>
    new SyncEngine(
      { store: f.store, api: new ProvincialApi({ baseUrl: server.url, ...CLIENT, timeoutMs: 15_000 }), files: f.files, log: silentLogger, onStep: (s) => steps.push(s) },
      { baseBackoffMs: 20, maxBackoffMs: 500, concurrency: 2 },
    );
  const open = () => f.store.exec('n', (db) => (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n);

  it('three dossiers sent: 0 of n with a dossier named first, n of n with none named last, never going back', async () => {
    const codes = await dossiers(f, 3, { attachmentSize: 0 });
    const n = await open();
    expect(n).toBeGreaterThanOrEqual(3);
    const steps: Step[] = [];
    expect(await engine(steps).runOnce({ pulls: false })).toMatchObject({ remaining: 0 });
    expect(steps[0]).toMatchObject({ done: 0, total: n });
    expect(codes).toContain(steps[0]!.current);
    expect(steps.at(-1)).toEqual({ done: n, total: n, current: null });
    for (const [i, s] of steps.entries()) {
      expect(s.done).toBeLessThanOrEqual(s.total);
      if (i > 0) expect(s.done).toBeGreaterThanOrEqual(steps[i - 1]!.done);
    }
    expect(new Set(steps.map((s) => s.current).filter(Boolean))).toEqual(new Set(codes));
  });

  it('items the server turns away still count as gone through; a run with nothing ready reports nothing', async () => {
    await dossiers(f, 2, { attachmentSize: 0 });
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['503'], retryAfterSec: 3600, endpoints: '^PUT /dossiers/' };
    const steps: Step[] = [];
    expect(await engine(steps).runOnce({ pulls: false, waitForBackoff: false })).toMatchObject({ sent: 0 });
    expect(steps.at(-1)).toEqual({ done: 2, total: 2, current: null });
    const again: Step[] = [];
    await engine(again).runOnce({ pulls: false, waitForBackoff: false });
    expect(again).toEqual([]);
  });
});

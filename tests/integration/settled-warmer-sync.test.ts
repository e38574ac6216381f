import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CCCD, intakeFixture } from '../helpers/intake';
import { referenceServer } from '../helpers/sync';

// The app's sync run tells the 766 summaries' background builder when the feed brought changes
// (core-services wires SyncService.onPulled to SettledWarmer.poke), and only then.

describe('a sync run that applied the feed’s changes pokes the 766 summaries’ builder', () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  const saved = { ...process.env };

  beforeAll(async () => {
    f = await intakeFixture();
    server = await referenceServer(f.dir);
    Object.assign(process.env, { MOTCUA_API_URL: server.url, MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01' });
  }, 60_000);
  afterAll(async () => {
    process.env = saved;
    await server?.close();
    await f?.close();
  });

  it('poked after a pull with changes, not after one without', async () => {
    const poke = vi.spyOn(f.core.settledWarmer, 'poke');
    const { code } = await f.receive({ MaTTHC: '1.001193', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] });
    const first = await f.core.sync.trigger('test');
    expect(first?.sent).toBeGreaterThan(0);
    // Drain whatever the first run's own push brought back through the feed.
    await f.core.sync.trigger('test');
    poke.mockClear();
    const quiet = await f.core.sync.trigger('test');
    expect(quiet?.changesApplied).toBe(0);
    expect(poke).not.toHaveBeenCalled();
    server.advance(code, '9');
    const pulled = await f.core.sync.trigger('test');
    expect(pulled?.changesApplied).toBeGreaterThan(0);
    expect(poke).toHaveBeenCalledTimes(1);
  }, 60_000);
});

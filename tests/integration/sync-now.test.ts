import { describe, expect, it } from 'vitest';
import { contract } from '../../electron/common/ipc/contract';
import type { HandlerEnv } from '../../electron/node/ipc/handlers/env';
import { syncHandlers } from '../../electron/node/ipc/handlers/sync';
import { NO_FAULTS } from '../reference-server/faults';
import { motcuaAsync } from '../helpers/cli';
import { intakeFixture, OFFICER, OFFICER_PASSWORD } from '../helpers/intake';
import { dossiers, engineFor, referenceServer } from '../helpers/sync';
import { serverPerTest } from '../helpers/sync-suite';

type F = Awaited<ReturnType<typeof intakeFixture>>;
type S = Awaited<ReturnType<typeof referenceServer>>;

/**
 * Issue #16: "Đồng bộ ngay" (F9, the panel's button, `motcua sync --once`) tries now every dossier
 * waiting out a backoff, and leaves the rejected ones and those waiting for the citizen: another
 * try cannot undo the province's refusal. The press is audited with its counts.
 */
describe('sync now: the backed-off dossiers go at once, the rejected ones stay', () => {
  let f: F;
  let server: S;
  serverPerTest((x) => ({ f, server } = x));

  const rows = () =>
    f.store.exec('t', (db) =>
      db.prepare("SELECT ma_ho_so AS code, state, attempts, next_attempt_at AS nextAt FROM outbox WHERE kind = 'dossier_put' ORDER BY ma_ho_so").all() as Array<{
        code: string;
        state: string;
        attempts: number;
        nextAt: string | null;
      }>,
    );
  const audits = () => f.store.exec('t', (db) => db.prepare("SELECT actor, subject, details FROM audit_log WHERE action = 'sync.retryNow' ORDER BY id").all());
  const onServer = () => (server.db.prepare('SELECT code FROM dossiers ORDER BY code').all() as Array<{ code: string }>).map((r) => r.code);

  /**
   * Four dossiers: two meet a 503 with an hour's Retry-After (backed off), one is refused (422, its
   * name emptied) and one refused and then marked "citizen informed" (waiting).
   */
  async function queue(): Promise<{ busy: string[]; rejected: string; waiting: string }> {
    const [a, b] = (await dossiers(f, 2, { attachmentSize: 0 })) as [string, string];
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['503'], retryAfterSec: 3600, endpoints: '^PUT /dossiers/' };
    expect(await engineFor(f, server.url).runOnce({ pulls: false, waitForBackoff: false })).toMatchObject({ sent: 0, remaining: 2 });
    // The province is back, but the backoff still holds those two: a run sends only the new ones, which it refuses.
    server.faults = NO_FAULTS;
    const [rejected, waiting] = (await dossiers(f, 2, { attachmentSize: 0 })) as [string, string];
    await f.store.exec('t', (db) => db.prepare("UPDATE dossiers SET chu_ho_so = '' WHERE ma_ho_so IN (?, ?)").run(rejected, waiting));
    expect(await engineFor(f, server.url).runOnce({ pulls: false, waitForBackoff: false })).toMatchObject({ sent: 0, remaining: 2, rejected: 2 });
    await f.core.outbox.informed(OFFICER, waiting, 'đã gọi điện');
    expect(await engineFor(f, server.url).runOnce({ pulls: false, waitForBackoff: false })).toMatchObject({ sent: 0, remaining: 2, rejected: 1, waiting: 1 });
    expect(onServer()).toEqual([]);
    return { busy: [a, b].sort(), rejected, waiting };
  }

  it('retryNow frees the two backed-off heads only, keeps their attempts, and audits the counts once', async () => {
    const { busy, rejected, waiting } = await queue();
    const before = await rows();
    for (const r of before.filter((x) => busy.includes(x.code))) expect(r).toMatchObject({ state: 'pending', attempts: 1, nextAt: expect.any(String) as unknown });
    expect(await f.core.sync.retryNow(OFFICER)).toEqual({ retried: 2, heldForCorrection: 2 });
    const after = await rows();
    expect(after.filter((x) => busy.includes(x.code))).toEqual(busy.map((code) => ({ code, state: 'pending', attempts: 1, nextAt: null })));
    // The refused ones are left exactly as they were.
    expect(after.filter((x) => x.code === rejected || x.code === waiting)).toEqual(before.filter((x) => x.code === rejected || x.code === waiting));
    expect(after.find((x) => x.code === waiting)?.state).toBe('waiting');
    expect(await audits()).toEqual([{ actor: OFFICER.officerId, subject: null, details: JSON.stringify({ retried: 2, heldForCorrection: 2 }) }]);

    // Nothing left to free: the press changes nothing and writes no audit row.
    expect(await f.core.sync.retryNow(OFFICER)).toEqual({ retried: 0, heldForCorrection: 2 });
    expect(await audits()).toHaveLength(1);
    const run = await engineFor(f, server.url).runOnce({ pulls: false, waitForBackoff: false });
    expect(run).toMatchObject({ sent: 2, remaining: 0, rejected: 1, waiting: 1 });
    expect(onServer()).toEqual(busy);
  });

  it("the app's sync.now: the service frees them and runs, and the handler reports the counts within its contract", async () => {
    const { busy } = await queue();
    const saved = { ...process.env };
    Object.assign(process.env, { MOTCUA_API_URL: server.url, MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01' });
    try {
      const env = { core: f.core } as unknown as HandlerEnv;
      const out = contract['sync.now'].output.parse(await syncHandlers(env)['sync.now']({}, { officer: OFFICER } as never));
      expect(out).toMatchObject({ ran: true, sent: 2, remaining: 0, rejected: 1, retried: 2, heldForCorrection: 2 });
    } finally {
      process.env = saved;
    }
    expect(onServer()).toEqual(busy);
    expect(await audits()).toHaveLength(1);
  });

  it('motcua sync --once frees them too, says so, and audits the signed-in officer', async () => {
    const { busy } = await queue();
    const env = { MOTCUA_API_URL: server.url, MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01', MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: OFFICER_PASSWORD, MOTCUA_LOG_LEVEL: 'error' };
    // A short run: without the reset it would wait out the hour's backoff until this timeout.
    const r = await motcuaAsync(['sync', '--once', '--timeout', '20', '--data-dir', f.dir], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Thử lại ngay 2 hồ sơ đang chờ lần thử sau; 2 hồ sơ bị trả lại chờ sửa, không gửi lại.');
    expect(onServer()).toEqual(busy);
    expect(await audits()).toEqual([{ actor: OFFICER.officerId, subject: null, details: JSON.stringify({ retried: 2, heldForCorrection: 2 }) }]);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { errorText } from '../../electron/common/ipc/result';
import { listQueue } from '../../electron/node/sync/outbox-repo';
import { NO_FAULTS } from '../reference-server/faults';
import { intakeFixture } from '../helpers/intake';
import { dossiers, engineFor, referenceServer } from '../helpers/sync';
import { serverPerTest } from '../helpers/sync-suite';

type F = Awaited<ReturnType<typeof intakeFixture>>;
type S = Awaited<ReturnType<typeof referenceServer>>;

/** Issue #16: an outbox row keeps a network reason as its key, not as the Vietnamese text read back by matching. */
describe("an outbox row's reason is stored as its key and worded in the officer's language", () => {
  let f: F;
  let server: S;
  serverPerTest((x) => ({ f, server } = x));

  const row = () => f.store.exec('row', (db) => db.prepare("SELECT state, last_error AS error FROM outbox WHERE kind = 'dossier_put'").get() as { state: string; error: string | null });
  const queued = () => f.store.exec('queue', (db) => listQueue(db).find((q) => q.kind === 'dossier_put')!);

  it('a dossier PUT whose connection drops: the row holds net.connectionLost, the queue words it both ways', async () => {
    await dossiers(f, 1, { attachmentSize: 0 });
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['reset'], endpoints: '^PUT /dossiers/' };
    const r = await engineFor(f, server.url).runOnce({ pulls: false, deadlineMs: 300 });
    expect(r).toMatchObject({ sent: 0, rejected: 0, remaining: 1 });
    expect(await row()).toEqual({ state: 'unknown', error: '{"$key":"net.connectionLost"}' });
    const q = await queued();
    expect(q.lastError).toBe('mất kết nối');
    expect(q.lastErrorKey).toEqual({ key: 'net.connectionLost' });
    expect(errorText({ message: q.lastError!, ...q.lastErrorKey }, 'en')).toBe('connection lost');
    expect(errorText({ message: q.lastError!, ...q.lastErrorKey }, 'vi')).toBe('mất kết nối');
    // Once the line is back the unknown outcome is read and settled, and the reason goes with it.
    server.faults = NO_FAULTS;
    expect(await engineFor(f, server.url).runOnce({ pulls: false })).toMatchObject({ remaining: 0, rejected: 0 });
    expect(await row()).toEqual({ state: 'done', error: null });
  });

  it("a row written before reasons were keyed still reads: its Vietnamese text is matched back to the key", async () => {
    await dossiers(f, 1, { attachmentSize: 0 });
    await f.store.exec('old', (db) => db.prepare("UPDATE outbox SET attempts = 1, last_error = 'hết thời gian chờ' WHERE kind = 'dossier_put'").run());
    const q = await queued();
    expect(q).toMatchObject({ lastError: 'hết thời gian chờ', lastErrorKey: { key: 'net.timeout' } });
    expect(errorText({ message: q.lastError!, ...q.lastErrorKey }, 'en')).toBe('timed out');
  });

  it("the server's own words have no key and are kept as they came", async () => {
    await dossiers(f, 1, { attachmentSize: 0 });
    await f.store.exec('srv', (db) => db.prepare("UPDATE outbox SET attempts = 1, last_error = 'HTTP 502' WHERE kind = 'dossier_put'").run());
    expect(await queued()).toMatchObject({ lastError: 'HTTP 502', lastErrorKey: null });
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contract, type Channel } from '../../electron/common/ipc/contract';
import { TokenError } from '../../electron/common/hardware/token';
import type { AppServices } from '../../electron/node/app/app-services';
import { TEST_ORIGIN, testAppServices } from '../helpers/app';
import { tempDir } from '../helpers/tmp';
import { budget, fuzzSeed, reportTally, type FuzzTally } from './fuzz-budget';

/**
 * Every channel of the IPC contract, through the real dispatcher and the app's services, with
 * arbitrary JSON as input (signed in as an admin, so each input reaches the channel's own checks):
 * never a crash, never an internal error, and an input refused as invalid writes nothing.
 */
const RUNS = budget('FUZZ_IPC_RUNS', 30);
const SENDER = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true };
const ADMIN = { username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'mat-khau-quan-tri' };

/** Values that sit near what the schemas accept, besides arbitrary JSON. */
const nearValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uuid(),
  fc.constantFrom(null, true, false, 0, -1, 1e308, '', ' ', '../../etc/passwd', '/', 'C:\\Windows', 'https://127.0.0.1:1/', '000.00.01.H22', 'Q01', 'admin'),
  fc.integer(),
);

/** The input schema's own keys (a strict object refuses unknown ones before anything else is looked at). */
function keysOf(c: Channel): string[] {
  const s = contract[c].input as unknown as { shape?: Record<string, unknown>; _zod?: { def?: { in?: { shape?: Record<string, unknown> } } } };
  return Object.keys(s.shape ?? s._zod?.def?.in?.shape ?? {});
}

function inputFor(c: Channel): fc.Arbitrary<unknown> {
  const keys = keysOf(c);
  const keyed = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, nearValue])), { requiredKeys: [] }).chain((o) => fc.option(fc.dictionary(fc.string({ maxLength: 8 }), nearValue, { maxKeys: 2 }), { nil: undefined }).map((x) => ({ ...x, ...o })))
    : fc.dictionary(fc.string({ maxLength: 8 }), nearValue, { maxKeys: 2 });
  return fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 3, arbitrary: keyed },
    { weight: 1, arbitrary: fc.constantFrom(undefined, JSON.parse('{"__proto__":{"roles":["admin"]}}') as unknown, [], 'x'.repeat(100_000)) },
  );
}

describe('fuzz: every IPC channel with arbitrary input', () => {
  const t = tempDir('motcua-fuzz-ipc-');
  let app: AppServices;
  const call = (channel: string, input: unknown) => app.dispatcher.dispatch(SENDER, channel, input);
  const changes = () => app.store.exec('fuzz.changes', (db) => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n);
  const tally: FuzzTally = { property: 'ipc', tried: 0, refused: 0, accepted: 0, failures: 0 };

  beforeAll(async () => {
    // What the real factory (native/pkcs11) throws on a PC without the vendor's library: a typed TokenError.
    app = await testAppServices(t.dir, {
      tokenFactory: (path) => {
        throw new TokenError('module_not_found', `Không nạp được thư viện token ${path}.`);
      },
    });
    const setup = await call('auth.setup', { unit: { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: null }, admin: ADMIN });
    if (!setup.ok) throw new Error(setup.error.message);
  });
  afterAll(async () => {
    reportTally(tally);
    await app.close();
    t.cleanup();
  });

  it.each(channels.map((c) => [c]))('%s', { timeout: Math.max(60_000, RUNS * 3_000) }, async (channel) => {
    await fc.assert(
      fc.asyncProperty(inputFor(channel), async (input) => {
        // An input that signed the admin out (auth.logout takes {}) must not hide the next ones behind the sign-in check.
        if (!app.session.officer) await app.session.login(ADMIN.username, ADMIN.password);
        tally.tried++;
        const before = await changes();
        let r: Awaited<ReturnType<typeof call>>;
        try {
          r = await call(channel, input);
        } catch (e) {
          tally.failures++;
          throw new Error(`dispatch threw: ${(e as Error).message}`);
        }
        if (r.ok) {
          tally.accepted++;
          return;
        }
        tally.refused++;
        const { code, message } = r.error;
        if (code === 'internal' || code === 'invalid_output' || !message) {
          tally.failures++;
          throw new Error(`${channel}: untyped failure ${code} for ${JSON.stringify(input)?.slice(0, 300)}`);
        }
        if (code === 'invalid_input' && (await changes()) !== before) {
          tally.failures++;
          throw new Error(`${channel}: refused as invalid but wrote to the database`);
        }
      }),
      { numRuns: RUNS, seed: fuzzSeed() },
    );
  });

  it('covered the whole contract', () => {
    expect(channels.length).toBeGreaterThan(60);
    expect(tally.tried).toBeGreaterThanOrEqual(channels.length * RUNS);
  });
});

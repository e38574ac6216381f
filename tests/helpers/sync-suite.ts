import { afterEach, beforeEach } from 'vitest';
import { intakeFixture } from './intake';
import { referenceServer } from './sync';

// Apart from helpers/sync.ts: the benches bundle that one, and vitest does not load outside a test run.

/**
 * A fresh intake fixture and reference server for every test of the calling suite, closed after it;
 * `set` hands them to the suite's own variables.
 */
export function serverPerTest(set: (x: { f: Awaited<ReturnType<typeof intakeFixture>>; server: Awaited<ReturnType<typeof referenceServer>> }) => void): void {
  let close: () => Promise<void> = async () => undefined;
  beforeEach(async () => {
    const f = await intakeFixture();
    const server = await referenceServer(f.dir);
    close = async () => {
      await server.close();
      await f.close();
    };
    set({ f, server });
  });
  afterEach(() => close());
}

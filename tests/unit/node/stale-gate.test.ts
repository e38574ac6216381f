import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { passStaleGate } from '../../../electron/node/intake/stale-gate';
import { writeSetting } from '../../../electron/node/settings/settings-repo';
import { SqliteStore } from '../../../electron/node/store/sqlite-store';
import { tempDir } from '../../helpers/tmp';

const officer = { officerId: 'cb01', fullName: 'Cán bộ', roles: ['officer'] as const, counterId: 'Q01' };
const now = new Date('2026-12-01T03:00:00.000Z');

describe('the stale-sync gate of an intake', () => {
  let t: ReturnType<typeof tempDir>;
  let store: SqliteStore;
  afterEach(async () => {
    await store.close();
    t.cleanup();
  });
  const open = async () => {
    t = tempDir('motcua-stale-');
    store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key: null });
    // Last synced long past the hard limit.
    await store.exec('test.settings', (db) => {
      writeSetting(db, 'sync.lastSuccessAt', '2026-11-01T08:00:00+07:00');
      writeSetting(db, 'sync.blockHours', '24');
    });
    return store;
  };

  it('blocks an intake past the hard limit once a provincial API is configured', async () => {
    const s = await open();
    await expect(passStaleGate({ store: s, now, apiConfigured: true }, officer, null)).rejects.toMatchObject({ code: 'sync_stale' });
  });

  it('lets a counter with no provincial API receive, without reading its outbox at all', async () => {
    const s = await open();
    const calls = s.stats().calls;
    expect(await passStaleGate({ store: s, now, apiConfigured: false }, officer, null)).toBeNull();
    expect(s.stats().calls).toBe(calls);
  });
});

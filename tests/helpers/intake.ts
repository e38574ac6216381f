import { join } from 'node:path';
import { seedDefaults } from '../../electron/node/app/seed';
import { resourcesDir } from '../../electron/node/config/resources';
import { ContentStore } from '../../electron/node/files/content-store';
import { IntakeService } from '../../electron/node/intake/intake-service';
import { SqliteStore } from '../../electron/node/store/sqlite-store';
import { tempDir } from './tmp';

export const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } };

/** A real store on disk with the seeded calendar and sample catalog, and an intake service over it. */
export async function intakeFixture(opts: { now?: () => Date; unit?: typeof UNIT | null } = {}) {
  const t = tempDir('motcua-intake-');
  const store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), opts.now ? { now: opts.now } : {});
  await seedDefaults(store, resourcesDir());
  if (opts.unit !== null) await store.setUnitIdentity(opts.unit ?? UNIT, 'test');
  const files = new ContentStore(join(t.dir, 'files'));
  const intake = new IntakeService({
    store,
    files,
    receiptsDir: join(t.dir, 'files', 'receipts'),
    fontsDir: join(resourcesDir(), 'fonts'),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return {
    dir: t.dir,
    store,
    files,
    intake,
    async close() {
      await store.close();
      t.cleanup();
    },
  };
}

export const CCCD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

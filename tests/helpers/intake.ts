import type { Actor } from '../../electron/common/domain/actor';
import { toVietnamRfc3339 } from '../../electron/common/domain/time';
import { openCoreServices } from '../../electron/node/core/core-services';
import { createLogger } from '../../electron/node/log/logger';
import { addOfficer } from '../../electron/node/officers/officer-repo';
import { tempDir } from './tmp';

export const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } };

/** The officer at the counter in service-level tests: a real account, so forms print the name. */
export const OFFICER: Actor = { officerId: 'cb01', fullName: 'Trần Thị Bình', roles: ['officer'], counterId: 'Q01' };
export const OFFICER_PASSWORD = 'mat-khau-can-bo';
/** Signs the CLI in as that officer over a fixture's data directory. */
export const OFFICER_ENV = { MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: OFFICER_PASSWORD };

/** A real store on disk with the seeded calendar and sample catalog, and the core's services over it. */
export async function intakeFixture(opts: { now?: () => Date; unit?: typeof UNIT | null } = {}) {
  const t = tempDir('motcua-intake-');
  const core = await openCoreServices(t.dir, { log: createLogger({ scope: 'test' }), pdf: 'in-process', ...(opts.now ? { now: opts.now } : {}) });
  await core.seed();
  if (opts.unit !== null) await core.store.setUnitIdentity(opts.unit ?? UNIT, 'test');
  await (await core.store.exec('test.officer', (db) =>
    addOfficer(db, { officerId: OFFICER.officerId, username: 'canbo01', fullName: OFFICER.fullName, roles: ['officer'], password: OFFICER_PASSWORD }, 'test', toVietnamRfc3339(core.now())),
  ));
  return {
    dir: t.dir,
    core,
    store: core.store,
    files: core.files,
    intake: core.intake,
    /** A dossier from a national-field JSON draft (raw QR, paths, receipt time allowed), as `motcua intake` takes it. */
    receive(draft: unknown, o: { actor?: Actor; allowBackdate?: boolean; skipReceipt?: boolean } = {}) {
      return core.intake.receiveImport(o.actor ?? OFFICER, draft, { baseDir: t.dir, allowBackdate: o.allowBackdate ?? false, skipReceipt: o.skipReceipt ?? true });
    },
    async close() {
      await core.close();
      t.cleanup();
    },
  };
}

export const CCCD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

import { join } from 'node:path';
import { SqliteStore } from '../../electron/node/store/sqlite-store';
import { tempDir } from '../helpers/tmp';
import { fmt, line, timeEach } from './stats';

/** Foundation figures: store open + migrate, typical calls, and the longest event-loop block. */
export async function benchStore(): Promise<void> {
  const t = tempDir('motcua-bench-');
  try {
    const t0 = performance.now();
    const store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key: null });
    line('store: open + migrate (fresh file)', `${(performance.now() - t0).toFixed(1)} ms`);
    const unit = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } };
    line('store: setUnitIdentity (txn + audit, FULL sync)', fmt(await timeEach(500, () => store.setUnitIdentity(unit, 'bench'))));
    line('store: getUnitIdentity', fmt(await timeEach(5000, () => store.getUnitIdentity())));
    line('store: outboxCounts', fmt(await timeEach(5000, () => store.outboxCounts())));
    line('store: integrityCheck', fmt(await timeEach(20, () => store.integrityCheck())));
    line('store: verifyAudit (500 entries)', fmt(await timeEach(20, () => store.verifyAudit())));
    const s = store.stats();
    line('store: longest synchronous call (event-loop block)', `${s.maxBlockMs.toFixed(3)} ms in ${s.maxBlockOp} over ${s.calls} calls`);
    await store.close();
  } finally {
    t.cleanup();
  }
}

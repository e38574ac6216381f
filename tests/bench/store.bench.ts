import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SqliteStore } from '../../electron/node/store/sqlite-store';
import { tempDir } from '../helpers/tmp';
import { timeEach, type Timing } from './stats';
import { BENCH_AUDIT_KEY, record } from './summary';

/** Foundation figures: store open + migrate, typical calls, and the longest event-loop block; clear and encrypted side by side. */
export async function benchStore(): Promise<void> {
  await benchStoreWith(null);
  await benchStoreWith(randomBytes(32).toString('hex'));
}

async function benchStoreWith(key: string | null): Promise<void> {
  const t = tempDir('motcua-bench-');
  const kind = key ? 'encrypted' : 'clear';
  try {
    const t0 = performance.now();
    const store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key, auditKey: BENCH_AUDIT_KEY });
    record(`store [${kind}]: open + migrate (fresh file)`, performance.now() - t0, 'ms', null);
    const p99 = (name: string, t: Timing) => record(`${name.replace('store:', `store [${kind}]:`)} (p99)`, t.p99, 'ms', null, `p50 ${t.p50.toFixed(3)} ms (n=${t.n})`);
    const unit = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } };
    p99('store: setUnitIdentity (txn + audit, FULL sync)', (await timeEach(500, () => store.setUnitIdentity(unit, 'bench'))));
    p99('store: getUnitIdentity', (await timeEach(5000, () => store.getUnitIdentity())));
    p99('store: outboxCounts', (await timeEach(5000, () => store.outboxCounts())));
    p99('store: integrityCheck', (await timeEach(20, () => store.integrityCheck())));
    p99('store: verifyAudit (500 entries)', (await timeEach(20, () => store.verifyAudit())));
    const s = store.stats();
    record(`store [${kind}]: longest synchronous call (event-loop block)`, s.maxBlockMs, 'ms', null, `in ${s.maxBlockOp} over ${s.calls} calls`);
    await store.close();
  } finally {
    t.cleanup();
  }
}

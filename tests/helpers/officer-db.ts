import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { migrations } from '../../electron/node/db/migrations/index.generated';
import { migrate } from '../../electron/node/db/migration';
import { addOfficer } from '../../electron/node/officers/officer-repo';
import { bindAuditKey } from '../../electron/node/store/audit';

/**
 * An in-memory database at the latest schema holding one officer, cb01 (canbo01, Trần Văn Một),
 * for tests of the officers repository itself. Every sign-in is audited and audit rows are keyed,
 * so the audit key is bound as the store binds it.
 */
export async function officerDb(password: string, at: Date): Promise<Database.Database> {
  const db = new Database(':memory:');
  migrate(db, migrations);
  bindAuditKey(db, randomBytes(32));
  await addOfficer(db, { officerId: 'cb01', username: 'canbo01', fullName: 'Trần Văn Một', roles: ['officer'], password }, 'test', at.toISOString());
  return db;
}

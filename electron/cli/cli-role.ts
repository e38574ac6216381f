import { AppFailure } from '../common/ipc/result';
import { loginOffline, type Role } from '../node/officers/officer-repo';
import type { SqliteStore } from '../node/store/sqlite-store';

/**
 * Role checks for the CLI, as for the app's channels: the officer signs in with
 * MOTCUA_OFFICER / MOTCUA_PASSWORD (checked against the local verifier, lockout included).
 * Before any officer exists, only creating the first admin is allowed.
 */
export async function requireRole(store: SqliteStore, role: Role, o: { bootstrap?: boolean } = {}): Promise<string> {
  const count = await store.exec('officers.count', (db) => (db.prepare('SELECT COUNT(*) AS n FROM officers').get() as { n: number }).n);
  if (count === 0 && o.bootstrap) return 'cli-setup';
  const user = process.env.MOTCUA_OFFICER;
  const password = process.env.MOTCUA_PASSWORD;
  if (!user || !password) throw new AppFailure('forbidden', `Lệnh này cần cán bộ có vai trò ${role}: đặt MOTCUA_OFFICER và MOTCUA_PASSWORD.`);
  const officer = await store.exec('auth', (db) => loginOffline(db, user, password, new Date()));
  const o2 = await officer;
  if (!o2.roles.includes(role) && !(role !== 'admin' && o2.roles.includes('admin'))) throw new AppFailure('forbidden', `Cán bộ ${user} không có vai trò ${role}.`);
  return o2.officerId;
}

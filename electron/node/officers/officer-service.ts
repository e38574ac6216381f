import type { Actor } from '../../common/domain/actor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { failure } from '../../common/ipc/result';
import type { SqliteStore } from '../store/sqlite-store';
import { assertOfficerIntact, makeVerifier, officerById, otherActiveAdmins, replaceVerifier, ROLES, setOfficerActive, setOfficerRoles, type Officer, type Role } from './officer-repo';

export interface OfficerView {
  readonly officerId: string;
  readonly username: string;
  readonly fullName: string;
  readonly roles: Officer['roles'];
  readonly active: boolean;
}

const view = (o: Officer): OfficerView => ({ officerId: o.officerId, username: o.username, fullName: o.fullName, roles: o.roles, active: o.active });

/**
 * An admin's changes to officer accounts on this PC, for the CLI and the app alike. Passwords are
 * never stored or audited: only the slow-hash verifier is replaced.
 */
export class OfficerService {
  constructor(private readonly d: { store: SqliteStore; apiConfigured: () => Promise<boolean>; now: () => Date }) {}

  async #target(officerId: string): Promise<Officer> {
    const o = await this.d.store.exec('officer.get', (db) => officerById(db, officerId));
    if (!o) throw failure('not_found', 'officer.notFound', { officerId });
    return o;
  }

  /** Whether the row was changed outside the app (audited). */
  #tampered(officerId: string): Promise<boolean> {
    return this.d.store.exec('officer.intact', (db) => {
      try {
        assertOfficerIntact(db, officerId);
        return false;
      } catch {
        return true;
      }
    });
  }

  /** Switches an account off at this PC at once (offline too), even before the province does. */
  async deactivate(actor: Actor, officerId: string): Promise<OfficerView> {
    if (officerId === actor.officerId) throw failure('conflict', 'officer.selfDeactivate');
    const o = await this.#target(officerId);
    // A changed row is switched off (and retired to the least role) even if it says it is off already.
    const tampered = await this.#tampered(officerId);
    if (!o.active && !tampered) return view(o);
    if (!tampered && o.roles.includes('admin') && (await this.d.store.exec('officer.admins', (db) => otherActiveAdmins(db, officerId))) === 0) {
      throw failure('conflict', 'officer.lastAdminDeactivate');
    }
    await this.d.store.exec('officer.deactivate', (db) => setOfficerActive(db, officerId, false, actor.officerId, toVietnamRfc3339(this.d.now())));
    return view({ ...o, active: false, roles: tampered ? ['officer'] : o.roles });
  }

  /** Undoes a deactivation; the officer then signs in online, or (without an API) gets a new password. */
  async activate(actor: Actor, officerId: string): Promise<OfficerView> {
    const o = await this.#target(officerId);
    await this.d.store.exec('officer.intact', (db) => assertOfficerIntact(db, officerId));
    if (o.active) return view(o);
    await this.d.store.exec('officer.activate', (db) => setOfficerActive(db, officerId, true, actor.officerId, toVietnamRfc3339(this.d.now())));
    return view({ ...o, active: true });
  }

  /**
   * A new password for a local account. With a provincial API the province owns passwords: a local
   * one would be refused at the next online sign-in (and then revoked), so it is refused here.
   */
  async resetPassword(actor: Actor, officerId: string, password: string): Promise<OfficerView> {
    if (await this.d.apiConfigured()) {
      throw failure('conflict', 'officer.provinceManaged');
    }
    if (password.length < 8) throw failure('invalid_input', 'officer.passwordShort');
    const o = await this.#target(officerId);
    if (!o.active) throw failure('conflict', 'officer.inactive', { username: o.username });
    const verifier = await makeVerifier(password);
    await this.d.store.exec('officer.resetPassword', (db) => replaceVerifier(db, officerId, verifier, { actor: actor.officerId, action: 'officer.resetPassword', at: toVietnamRfc3339(this.d.now()) }));
    return view(o);
  }

  /**
   * An officer's roles on this PC, in the order admin ⊇ supervisor ⊇ officer lists them. The
   * last active admin keeps the admin role. With a provincial API the province's roles come back
   * at that officer's next online sign-in (audited as such).
   */
  async setRoles(actor: Actor, officerId: string, roles: readonly string[]): Promise<OfficerView> {
    const wanted = [...new Set(roles.map((r) => r.trim()).filter(Boolean))];
    const bad = wanted.filter((r) => !ROLES.includes(r as Role));
    if (!wanted.length || bad.length) throw failure('invalid_input', 'officer.badRoles', { unknown: bad.length ? ` ("${bad.join(', ')}")` : '' });
    const ordered = ROLES.filter((r) => wanted.includes(r));
    const o = await this.d.store.exec('officer.setRoles', (db) => setOfficerRoles(db, officerId, ordered, actor.officerId, toVietnamRfc3339(this.d.now())));
    return view(o);
  }
}

import type { Role } from '../../common/ipc/access';
import type { Locale } from '../../common/ipc/contract';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { failure } from '../../common/ipc/result';
import { addOfficer, checkVerifier, countOfficers, localAccount, loginOffline, makeVerifier, recordOnlineSignIn, replaceVerifier, type LocalAccount, type Officer } from '../officers/officer-repo';
import { readSetting } from '../settings/settings-repo';
import type { SqliteStore } from '../store/sqlite-store';
import type { ProvincialApi } from '../sync/provincial-api';
import { parseIdleMinutes } from './idle-policy';
import { officerTampered } from './record-integrity';

export interface SessionOfficer {
  readonly officerId: string;
  readonly fullName: string;
  readonly roles: Role[];
  /** The unit the province says the officer belongs to (only after an online sign-in). */
  readonly unitCode?: string | null;
}


/**
 * Who is at the counter. Roles are checked against this for every channel in the main process and
 * every CLI command. Accounts follow the province: whenever the provincial API answers, sign-in is
 * checked there, and a password the province refuses loses its offline verifier on this PC (the
 * officer was deactivated or re-passworded). When the API cannot be asked, the local slow-hash
 * verifier (never the password) lets a known officer in offline, with lockout.
 *
 * The idle lock is enforced here, not only by the renderer's timer: the dispatcher asks
 * `expireIfIdle()` before every call and reports each successful call with `touch()`, so a
 * renderer that stops counting (or never started) cannot keep a counter signed in for ever.
 */
export class SessionService {
  #officer: SessionOfficer | null = null;
  /** ms (by the injected clock) of the session's last successful channel call. */
  #lastActivity = 0;
  /** The login screen's language, kept in memory until someone signs in (see rememberLocale). */
  #pendingLocale: Locale | null = null;

  constructor(
    private readonly d: {
      store: SqliteStore;
      api: () => Promise<ProvincialApi | null>;
      /** Whether a provincial API is configured (even one whose credentials are incomplete). */
      apiConfigured?: () => Promise<boolean>;
      now?: () => Date;
      onChange?: (o: SessionOfficer | null) => void;
    },
  ) {}

  #set(o: SessionOfficer | null): SessionOfficer | null {
    this.#officer = o;
    this.#lastActivity = this.#now().getTime();
    this.d.onChange?.(o);
    return o;
  }

  /** `auth.idleMinutes` as the lock uses it: an invalid stored value is the default, never "off". */
  idleMinutes(): Promise<number> {
    return this.d.store.exec('auth.idleMinutes', (db) => parseIdleMinutes(readSetting(db, 'auth.idleMinutes')));
  }

  /**
   * Closes the session when it has seen no successful call for the idle minutes (audited as
   * `auth.idleLock`); true when this call closed it. The setting is read each time, so a
   * change made elsewhere (another window, the CLI) applies at once.
   */
  async expireIfIdle(): Promise<{ expired: false } | { expired: true; minutes: number }> {
    const o = this.#officer;
    if (!o) return { expired: false };
    const minutes = await this.idleMinutes();
    // Another call may have closed it, or someone signed in, while the setting was read.
    if (this.#officer !== o || this.#now().getTime() - this.#lastActivity < minutes * 60_000) return { expired: false };
    await this.logout('idle');
    return { expired: true, minutes };
  }

  /** A successful channel call: the officer is at the counter. */
  touch(): void {
    if (this.#officer) this.#lastActivity = this.#now().getTime();
  }

  /**
   * The language picked on the login screen. Nobody is signed in, so nothing is written: the
   * database (and its audit chain) only takes changes with an officer behind them, and an
   * anonymous caller must not be able to grow the audit log. It is saved as the next officer's
   * choice when they sign in (`takePendingLocale`), since they then work in it.
   */
  rememberLocale(locale: Locale): void {
    this.#pendingLocale = locale;
  }

  get pendingLocale(): Locale | null {
    return this.#pendingLocale;
  }

  /** The login screen's language, once: the caller saves it as the officer who just signed in. */
  takePendingLocale(): Locale | null {
    const l = this.#pendingLocale;
    this.#pendingLocale = null;
    return l;
  }

  get officer(): SessionOfficer | null {
    return this.#officer;
  }

  #now(): Date {
    return (this.d.now ?? (() => new Date()))();
  }

  async #apiConfigured(): Promise<boolean> {
    return (await this.d.apiConfigured?.()) ?? false;
  }

  /** The local first-run setup: only while no officer exists and no provincial API is configured (then the first admin signs in online). */
  async needsSetup(): Promise<boolean> {
    return (await this.d.store.exec('auth.count', (db) => countOfficers(db))) === 0 && !(await this.#apiConfigured());
  }

  async login(username: string, password: string): Promise<SessionOfficer> {
    const local = await this.d.store.exec('auth.local', (db) => localAccount(db, username));
    // A row changed outside the app (audited when read) decides nothing, and the password is not sent anywhere.
    if (local && !local.intact) throw officerTampered(local.officerId);
    // Lockout counts guesses made at this PC: it holds whatever the province would say.
    if (local?.lockedUntil && Date.parse(local.lockedUntil) > this.#now().getTime()) return this.#offline(username, password);
    const api = await this.d.api();
    if (api) {
      const r = await api.officerLogin(username, password);
      if (r.kind === 'ok' && r.value) return this.#online(username, password, r.value);
      if (r.kind === 'rejected') return this.#refused(username, password, local);
      // A redirect is never followed (the password would go to another server): say so.
      if (r.kind === 'fatal' && r.status >= 300 && r.status < 400) throw failure('forbidden', 'auth.onlineRedirect', { message: r.message });
      // The province could not be asked (network, server trouble) or refused this device: offline, as before.
      if (!local?.verifier) {
        throw r.kind === 'fatal' ? failure('forbidden', 'auth.firstNeedsServerSaid', { message: r.message }) : failure('forbidden', 'auth.firstNeedsServer');
      }
    } else if (!local?.verifier && (await this.#apiConfigured())) {
      throw failure('forbidden', 'auth.firstNeedsApiSettings');
    }
    return this.#offline(username, password);
  }

  async #online(username: string, password: string, o: { officerId: string; hoTen: string; chucDanh?: string | undefined; roles: string[]; unitCode: string }): Promise<SessionOfficer> {
    const roles = o.roles.filter((x): x is Role => x === 'officer' || x === 'supervisor' || x === 'admin');
    const verifier = await makeVerifier(password);
    const at = toVietnamRfc3339(this.#now());
    const outcome = await this.d.store.exec('auth.online', (db) =>
      recordOnlineSignIn(db, { officerId: o.officerId, username, fullName: o.hoTen, title: o.chucDanh ?? null, roles, verifier, at }),
    );
    // A unit's admin may switch an account off at this PC before the province does; that holds.
    if (outcome === 'tampered') throw officerTampered(o.officerId);
    if (outcome === 'inactive') throw failure('forbidden', 'auth.deactivatedHere');
    return this.#set({ officerId: o.officerId, fullName: o.hoTen, roles, unitCode: o.unitCode })!;
  }

  /**
   * The province refused these credentials. If they are the ones this PC held as valid, the
   * officer was deactivated or given a new password there: the offline verifier is revoked, so the
   * old password stops working offline too. Otherwise it is an ordinary wrong password, counted
   * towards the local lockout.
   */
  async #refused(username: string, password: string, local: LocalAccount | undefined): Promise<never> {
    if (local?.verifier && local.active && (await checkVerifier(local.verifier, password))) {
      const at = toVietnamRfc3339(this.#now());
      await this.d.store.exec('auth.revoke', (db) => replaceVerifier(db, local.officerId, null, { actor: 'system', action: 'auth.revoked', at, details: { reason: 'province-refused' } }));
      throw failure('forbidden', 'auth.provinceRefused');
    }
    if (local?.verifier) await this.#offline(username, password); // a mismatch: loginOffline counts it and throws
    await this.d.store.audit({ actor: 'system', action: 'auth.loginFailed', subject: local?.officerId ?? 'unknown-user', details: { online: true } });
    throw failure('forbidden', 'auth.wrongCredentials');
  }

  async #offline(username: string, password: string): Promise<SessionOfficer> {
    const o: Officer = await (await this.d.store.exec('auth.login', (db) => loginOffline(db, username, password, this.#now())));
    return this.#set({ officerId: o.officerId, fullName: o.fullName, roles: [...o.roles] })!;
  }

  /** First run without a provincial API: the unit's first admin (only while no officer exists). */
  async setupAdmin(admin: { username: string; fullName: string; password: string }): Promise<SessionOfficer> {
    if (await this.#apiConfigured()) {
      throw failure('forbidden', 'auth.setupApiConfigured');
    }
    if (!(await this.needsSetup())) throw failure('forbidden', 'auth.setupClosed');
    const o = await (await this.d.store.exec('auth.setup', (db) =>
      addOfficer(db, { officerId: `admin-${admin.username}`, username: admin.username, fullName: admin.fullName, roles: ['admin'], password: admin.password }, 'setup', toVietnamRfc3339(this.#now())),
    ));
    return this.#set({ officerId: o.officerId, fullName: o.fullName, roles: [...o.roles] })!;
  }

  async logout(reason: 'logout' | 'idle'): Promise<void> {
    if (this.#officer) await this.d.store.audit({ actor: this.#officer.officerId, action: reason === 'idle' ? 'auth.idleLock' : 'auth.logout', subject: this.#officer.officerId, details: null });
    this.#set(null);
  }
}

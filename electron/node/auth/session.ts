import type { Role } from '../../common/ipc/access';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { AppFailure } from '../../common/ipc/result';
import { addOfficer, checkVerifier, countOfficers, localAccount, loginOffline, makeVerifier, recordOnlineSignIn, replaceVerifier, type LocalAccount, type Officer } from '../officers/officer-repo';
import type { SqliteStore } from '../store/sqlite-store';
import type { ProvincialApi } from '../sync/provincial-api';

export interface SessionOfficer {
  readonly officerId: string;
  readonly fullName: string;
  readonly roles: Role[];
  /** The unit the province says the officer belongs to (only after an online sign-in). */
  readonly unitCode?: string | null;
}

const WRONG = 'Sai tên đăng nhập hoặc mật khẩu.';

/**
 * Who is at the counter. Roles are checked against this for every channel in the main process and
 * every CLI command. Accounts follow the province: whenever the provincial API answers, sign-in is
 * checked there, and a password the province refuses loses its offline verifier on this PC (the
 * officer was deactivated or re-passworded). When the API cannot be asked, the local slow-hash
 * verifier (never the password) lets a known officer in offline, with lockout.
 */
export class SessionService {
  #officer: SessionOfficer | null = null;

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
    this.d.onChange?.(o);
    return o;
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
    // Lockout counts guesses made at this PC: it holds whatever the province would say.
    if (local?.lockedUntil && Date.parse(local.lockedUntil) > this.#now().getTime()) return this.#offline(username, password);
    const api = await this.d.api();
    if (api) {
      const r = await api.officerLogin(username, password);
      if (r.kind === 'ok' && r.value) return this.#online(username, password, r.value);
      if (r.kind === 'rejected') return this.#refused(username, password, local);
      // The province could not be asked (network, server trouble) or refused this device: offline, as before.
      if (!local?.verifier) {
        throw new AppFailure('forbidden', r.kind === 'fatal' ? `Lần đăng nhập đầu tiên trên máy này cần máy chủ tỉnh, nhưng máy chủ trả lời: ${r.message}` : 'Lần đăng nhập đầu tiên trên máy này cần kết nối máy chủ tỉnh.');
      }
    } else if (!local?.verifier && (await this.#apiConfigured())) {
      throw new AppFailure('forbidden', 'Lần đăng nhập đầu tiên trên máy này cần máy chủ tỉnh, nhưng chưa đủ thông tin kết nối (motcua api set, hoặc Cài đặt → Máy chủ tỉnh).');
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
    if (outcome === 'inactive') throw new AppFailure('forbidden', 'Tài khoản này đã bị ngừng trên máy này; quản trị viên mở lại bằng motcua officer activate.');
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
      throw new AppFailure('forbidden', 'Máy chủ tỉnh không chấp nhận tài khoản này (đã ngừng hoặc đã đổi mật khẩu); mật khẩu lưu trên máy này đã bị thu hồi.');
    }
    if (local?.verifier) await this.#offline(username, password); // a mismatch: loginOffline counts it and throws
    await this.d.store.audit({ actor: 'system', action: 'auth.loginFailed', subject: local?.officerId ?? 'unknown-user', details: { online: true } });
    throw new AppFailure('forbidden', WRONG);
  }

  async #offline(username: string, password: string): Promise<SessionOfficer> {
    const o: Officer = await (await this.d.store.exec('auth.login', (db) => loginOffline(db, username, password, this.#now())));
    return this.#set({ officerId: o.officerId, fullName: o.fullName, roles: [...o.roles] })!;
  }

  /** First run without a provincial API: the unit's first admin (only while no officer exists). */
  async setupAdmin(admin: { username: string; fullName: string; password: string }): Promise<SessionOfficer> {
    if (await this.#apiConfigured()) {
      throw new AppFailure('forbidden', 'Đã cấu hình máy chủ tỉnh: quản trị viên đầu tiên đăng nhập bằng tài khoản do tỉnh cấp, không tạo tài khoản trên máy.');
    }
    if (!(await this.needsSetup())) throw new AppFailure('forbidden', 'Đã có tài khoản cán bộ: thiết lập ban đầu không còn dùng được.');
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

import type { Role } from '../../common/ipc/access';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { AppFailure } from '../../common/ipc/result';
import { addOfficer, countOfficers, localVerifier, loginOffline, makeVerifier, rememberOfficer, type Officer } from '../officers/officer-repo';
import type { SqliteStore } from '../store/sqlite-store';
import type { ProvincialApi } from '../sync/provincial-api';

export interface SessionOfficer {
  readonly officerId: string;
  readonly fullName: string;
  readonly roles: Role[];
}

/**
 * Who is at the counter. Roles are checked against this for every channel in the main process.
 * First login on a PC goes to the provincial API when one is configured; after that, or without
 * an API, the local slow-hash verifier (never the password) lets the officer in offline.
 */
export class SessionService {
  #officer: SessionOfficer | null = null;

  constructor(private readonly d: { store: SqliteStore; api: () => Promise<ProvincialApi | null>; now?: () => Date; onChange?: (o: SessionOfficer | null) => void }) {}

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

  async needsSetup(): Promise<boolean> {
    return (await this.d.store.exec('auth.count', (db) => countOfficers(db))) === 0;
  }

  async login(username: string, password: string): Promise<SessionOfficer> {
    const known = await this.d.store.exec('auth.known', (db) => localVerifier(db, username));
    const api = known?.verifier ? null : await this.d.api();
    if (api) {
      const r = await api.officerLogin(username, password);
      if (r.kind === 'ok' && r.value) {
        const o = r.value;
        const roles = o.roles.filter((x): x is Role => x === 'officer' || x === 'supervisor' || x === 'admin');
        const verifier = await makeVerifier(password);
        const at = toVietnamRfc3339(this.#now());
        await this.d.store.exec('auth.remember', (db) => rememberOfficer(db, { officerId: o.officerId, username, fullName: o.hoTen, title: o.chucDanh ?? null, roles, verifier, at }));
        await this.d.store.audit({ actor: o.officerId, action: 'auth.login', subject: o.officerId, details: { online: true } });
        return this.#set({ officerId: o.officerId, fullName: o.hoTen, roles })!;
      }
      if (r.kind === 'rejected' || r.kind === 'fatal') throw new AppFailure('forbidden', 'Sai tên đăng nhập hoặc mật khẩu.');
      // Offline and never logged in here: nothing to check against.
      if (!known) throw new AppFailure('forbidden', 'Lần đăng nhập đầu tiên trên máy này cần kết nối máy chủ tỉnh.');
    }
    const o: Officer = await (await this.d.store.exec('auth.login', (db) => loginOffline(db, username, password, this.#now())));
    return this.#set({ officerId: o.officerId, fullName: o.fullName, roles: [...o.roles] })!;
  }

  /** First run without a provincial API: the unit's first admin (only while no officer exists). */
  async setupAdmin(admin: { username: string; fullName: string; password: string }): Promise<SessionOfficer> {
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

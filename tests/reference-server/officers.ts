/**
 * The province's officer accounts in the reference server. The contract only exposes
 * `POST /officers/login`; a real province deactivates officers and changes passwords in its own
 * system, so tests do it through this handle (never over HTTP).
 */
export interface ProvinceOfficer {
  username: string;
  password: string;
  officerId: string;
  hoTen: string;
  roles: string[];
  active?: boolean;
}

export interface OfficerDirectory {
  /** The login answer (contract §1), or null for 401: unknown, wrong password or deactivated alike. */
  login(username: unknown, password: unknown, unitCode: string): Record<string, unknown> | null;
  add(o: ProvinceOfficer): void;
  deactivate(username: string): void;
  setPassword(username: string, password: string): void;
}

export const DEFAULT_OFFICERS: ProvinceOfficer[] = [{ username: 'canbo01', password: 'matkhau01', officerId: 'cb01', hoTen: 'Trần Văn Cán', roles: ['officer'] }];

export function officerDirectory(initial: readonly ProvinceOfficer[]): OfficerDirectory {
  const byName = new Map(initial.map((o) => [o.username, { ...o, active: o.active ?? true }]));
  const get = (username: string) => {
    const o = byName.get(username);
    if (!o) throw new Error(`the province has no officer ${username}`);
    return o;
  };
  return {
    login(username, password, unitCode) {
      const o = typeof username === 'string' ? byName.get(username) : undefined;
      // A deactivated officer gets the same 401 as a wrong password: the contract has no other answer.
      if (!o || !o.active || o.password !== password) return null;
      return { officerId: o.officerId, hoTen: o.hoTen, chucDanh: 'Chuyên viên', roles: o.roles, unitCode };
    },
    add(o) {
      byName.set(o.username, { ...o, active: o.active ?? true });
    },
    deactivate(username) {
      get(username).active = false;
    },
    setPassword(username, password) {
      get(username).password = password;
    },
  };
}

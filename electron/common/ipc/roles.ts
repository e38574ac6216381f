export type Role = 'officer' | 'supervisor' | 'admin';
/**
 * `setup`: an admin's, and anyone's while this PC has no officer at all. On a fresh PC nobody can
 * sign in until it reaches the province (whose admin then signs in online), so connecting it must
 * not need a sign-in; once any officer exists, there is someone to ask and only an admin may.
 */
export type Access = 'public' | 'setup' | Role;
export const ROLES: readonly Role[] = ['officer', 'supervisor', 'admin'];

/**
 * The one role rule, for the app's channels and the CLI's commands alike: an admin may do
 * everything, a supervisor everything an officer may, public needs no sign-in. `noOfficerYet`
 * is the caller's reading of the officers table, asked only for `setup` rows without a sign-in.
 */
export function allowed(access: Access, roles: readonly Role[] | null, o: { noOfficerYet?: boolean } = {}): boolean {
  if (access === 'public') return true;
  if (access === 'setup' && !roles && o.noOfficerYet === true) return true;
  if (!roles) return false;
  if (roles.includes('admin')) return true;
  if (access === 'officer') return roles.includes('officer') || roles.includes('supervisor');
  return access !== 'setup' && roles.includes(access);
}

/** The role a level asks of a signed-in officer (for refusals): `setup` is an admin's once anyone exists. */
export const roleFor = (access: Exclude<Access, 'public'>): Role => (access === 'setup' ? 'admin' : access);

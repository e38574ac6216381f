export type Role = 'officer' | 'supervisor' | 'admin';
export type Access = 'public' | Role;
export const ROLES: readonly Role[] = ['officer', 'supervisor', 'admin'];

/**
 * The one role rule, for the app's channels and the CLI's commands alike: an admin may do
 * everything, a supervisor everything an officer may, public needs no sign-in.
 */
export function allowed(access: Access, roles: readonly Role[] | null): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (roles.includes('admin')) return true;
  if (access === 'officer') return roles.includes('officer') || roles.includes('supervisor');
  return roles.includes(access);
}

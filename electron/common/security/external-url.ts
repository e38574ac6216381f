/**
 * Which URLs may leave the app for the OS browser (checklist item 15). Only https, no
 * credentials, and only hosts an administrator vetted: the national and provincial portals by
 * default. Exact host or a true subdomain — never a prefix match (`dichvucong.gov.vn.attacker.com`).
 */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['dichvucong.gov.vn', 'gov.vn'];

export function isSafeExternalUrl(raw: string, allowedHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  if (u.username || u.password) return false;
  if (u.port && u.port !== '443') return false;
  const host = u.hostname.toLowerCase();
  return allowedHosts.some((h) => host === h || host.endsWith(`.${h}`));
}

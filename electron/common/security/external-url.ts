/**
 * Which URLs may leave the app for the OS browser (checklist item 15). Only https, no
 * credentials, and only a short list of exact hosts: the national public-service portal, plus
 * the configured province's own host (externalHosts). Not "anything under gov.vn": thousands of
 * sites share that suffix, and one compromised or look-alike page would be a phishing link the
 * app opens for the officer. No subdomain and never a prefix match (`dichvucong.gov.vn.attacker.com`).
 */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['dichvucong.gov.vn'];

/** The list for this installation: the defaults and the host of the configured provincial API (https only). */
export function externalHosts(apiUrl: string | null | undefined): readonly string[] {
  try {
    const u = new URL(apiUrl ?? '');
    if (u.protocol === 'https:' && !u.username && !u.password) {
      const host = u.hostname.toLowerCase();
      return DEFAULT_EXTERNAL_HOSTS.includes(host) ? DEFAULT_EXTERNAL_HOSTS : [...DEFAULT_EXTERNAL_HOSTS, host];
    }
  } catch {
    // no API configured, or an unparsable one: the defaults alone
  }
  return DEFAULT_EXTERNAL_HOSTS;
}

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
  return allowedHosts.some((h) => host === h.toLowerCase());
}

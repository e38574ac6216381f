/**
 * The origin of a URL as scheme + host, for every scheme the app serves from. `URL.origin` is
 * the string "null" for a non-special scheme such as `app://motcua/…` (WHATWG URL), so comparing
 * it with `app://motcua` never matches — and anything else that reports "null" (sandboxed frames,
 * `data:` documents) must not match either. Credentials in the URL make it no origin at all.
 * Accepts a full URL (`app://motcua/index.html`) or an origin as Electron passes it (with or
 * without the trailing slash).
 */
export function appOrigin(raw: string | null | undefined): string | null {
  if (!raw || raw === 'null') return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.username || u.password || !u.host) return null;
  return `${u.protocol}//${u.host}`;
}

import { formatError } from '../../common/ipc/error-messages';
import { failure } from '../../common/ipc/result';

/**
 * The rules every request to the provincial API follows, kept apart from the client so each can
 * be tested on its own: which base URLs are acceptable, no redirects, and how much of an answer
 * is read before the connection is dropped.
 */

/** No JSON answer of the contract comes near this: a catalog page is ~1 MB, the feed's 200 changes less. */
export const JSON_MAX_BYTES = 10 * 1024 * 1024;

/** Vietnamese, as outbox rows keep it; its key (net.redirected, net.answerOverLimit) is found again from it. */
export const REDIRECT_MESSAGE = formatError('net.redirected', undefined, 'vi');
export const TOO_LARGE_MESSAGE = formatError('net.answerOverLimit', undefined, 'vi');

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** https, or plain http only to a server on this PC (development, tests); never credentials in the URL. */
export function apiUrlAllowed(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.test(u.hostname));
}

export function assertApiUrl(raw: string): void {
  if (!apiUrlAllowed(raw)) throw failure('invalid_input', 'api.httpsOnly');
}

/**
 * The options every fetch to the province carries. `redirect: 'manual'`: a 3xx comes back as an
 * answer instead of being followed, because fetch would re-send a 307/308 POST — the device's
 * client_secret, an officer's password — to wherever `Location` points, and a download that
 * passed the same-origin check would end up somewhere else.
 */
export const NO_REDIRECT = { redirect: 'manual' } as const satisfies RequestInit;

export const isRedirect = (status: number) => status >= 300 && status < 400;

export class ResponseTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`response over ${limit} bytes`);
    this.name = 'ResponseTooLarge';
  }
}

/**
 * Reads a body up to `limit` bytes while it streams, and drops the connection as soon as it goes
 * past: a declared Content-Length over the limit is refused before reading, a chunked body is
 * counted. Buffering first and checking after would already have spent the memory.
 */
export async function readCapped(res: Response, limit: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new ResponseTooLarge(limit);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Drops an answer's body unread (a redirect's, an error's) so the connection is freed. */
export async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

export const sameOrigin = (a: string | URL, b: string | URL): boolean => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

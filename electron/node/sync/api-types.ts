import { formatError, type ErrorKey, type KeyedText } from '../../common/ipc/error-messages';
import { failureWording, systemWording } from '../../common/ipc/system-wording';

/** The provincial API client's configuration and the outcome of each call, shared by the client and its callers. */

/**
 * What a call to the provincial API came to, as the engine needs it (contract §0):
 * - ok: done; retry: 429/503, try again after Retry-After;
 * - unknown: timeout, reset or other 5xx — a write may or may not have been applied (§3.3);
 * - rejected: the server refused this item (409/412/422, or 404 where it matters);
 * - fatal: a bug or a forbidden call (400/403) or a malformed answer: surface, do not loop.
 */
export type ApiOutcome<T> =
  | { readonly kind: 'ok'; readonly status: number; readonly value: T }
  | { readonly kind: 'retry'; readonly afterMs: number | null; readonly reason: string; readonly wording?: KeyedText }
  | { readonly kind: 'unknown'; readonly reason: string; readonly wording?: KeyedText }
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly error: string;
      readonly message: string;
      readonly details: ReadonlyArray<{ field?: string; message?: string }>;
      /** The app's own refusals (a missing file) carry their key: the sync panel words them per language. */
      readonly wording?: KeyedText;
    }
  | { readonly kind: 'fatal'; readonly status: number; readonly message: string; readonly wording?: KeyedText };

/*
 * The client's own reasons, keyed: `reason`/`message` hold the Vietnamese (logs and older outbox
 * rows keep that text), and `wording` the key, which the outbox row and the sync report carry on.
 */
type Failed = Exclude<ApiOutcome<never>, { kind: 'ok' }>;
const vi = (key: ErrorKey, params?: KeyedText['params']) => formatError(key, params, 'vi');
const keyed = (key: ErrorKey, params?: KeyedText['params']): KeyedText => (params ? { key, params } : { key });

export function retryFor(key: ErrorKey, afterMs: number | null = null, params?: KeyedText['params']): Extract<Failed, { kind: 'retry' }> {
  return { kind: 'retry', afterMs, reason: vi(key, params), wording: keyed(key, params) };
}
export function unknownFor(key: ErrorKey, params?: KeyedText['params']): Extract<Failed, { kind: 'unknown' }> {
  return { kind: 'unknown', reason: vi(key, params), wording: keyed(key, params) };
}
export function fatalFor(status: number, key: ErrorKey, params?: KeyedText['params']): Extract<Failed, { kind: 'fatal' }> {
  return { kind: 'fatal', status, message: vi(key, params), wording: keyed(key, params) };
}
/**
 * A refusal in the server's own words when it sent some (they stay unkeyed), else its HTTP status
 * worded; `rejected` keeps the server's error code and details.
 */
export function refusedWith(status: number, message: string | undefined): { message: string; wording?: KeyedText } {
  return message ? { message } : { message: vi('net.serverRefusedStatus', { status }), wording: keyed('net.serverRefusedStatus', { status }) };
}
/**
 * Retry-After as a delay (capped at an hour): seconds, or an HTTP date (RFC 9110 §10.2.3). Null when
 * there is none that reads — a proxy's 503 in front of the province sends none, and reading that as
 * 0 s had every worker retry at once instead of backing off.
 */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  const v = header?.trim();
  if (!v) return null;
  // An HTTP date always names its day or month; a bare '-5' or '1.5' is neither form.
  const ms = /^\d+$/.test(v) ? Number(v) * 1000 : /[A-Za-z]{3}/.test(v) ? Date.parse(v) - now : NaN;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 3600_000) : null;
}
/**
 * Why a request got no answer, keyed: a failure of the client's own keeps its key; a timeout; the errno that fetch names only in its cause
 * (refused, reset, host not found), with the host:port; an answer that is no JSON; else 'could not
 * connect' with undici's own words (its cause's, which say more than "fetch failed") as the detail.
 * `host` is named when the error names no address of its own (a reset mid-request).
 */
export function unansweredWording(e: unknown, host?: string): KeyedText {
  const own = failureWording(e);
  if (own) return own;
  const err = e as { name?: unknown; message?: unknown; cause?: unknown } | null;
  if (err?.name === 'TimeoutError') return { key: 'net.timeout' };
  const sys = systemWording(e, host);
  if (sys) return sys;
  if (e instanceof SyntaxError || err?.name === 'ZodError') return { key: 'net.malformedAnswer' };
  const cause = err?.cause as { message?: unknown } | undefined;
  const detail = typeof cause?.message === 'string' ? cause.message : typeof err?.message === 'string' ? err.message : String(e);
  return { key: 'net.couldNotConnect', params: { detail } };
}
/** A read that got no answer: tried again later, its reason keyed. */
export function retryUnanswered(e: unknown, host?: string): Extract<Failed, { kind: 'retry' }> {
  const w = unansweredWording(e, host);
  return retryFor(w.key, null, w.params);
}

/** The server's own words (an unknown or fatal outcome's text) stay unkeyed; the client's come with their key. */
export function outcomeWording(r: Failed): KeyedText | string {
  return r.wording ?? (r.kind === 'retry' || r.kind === 'unknown' ? r.reason : r.message);
}

export interface ApiConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs?: number;
  readonly chunkSize?: number;
  /**
   * Send tus Upload-Checksum (sha256) with every chunk. Over https TLS already protects bytes in
   * transit, so it is off there by default; on a plain-http (loopback, test) link it is on.
   */
  readonly chunkChecksums?: boolean;
}

import { formatError, type ErrorKey, type KeyedText } from '../../common/ipc/error-messages';

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
 * The client's own reasons, keyed: `reason`/`message` hold the Vietnamese (the outbox row and the
 * sync report keep that text, and readers find the key again from it with `wordingOfText`), and
 * `wording` the key for callers that word the outcome themselves.
 */
type Failed = Exclude<ApiOutcome<never>, { kind: 'ok' }>;
const vi = (key: ErrorKey, params?: KeyedText['params']) => formatError(key, params, 'vi');
const keyed = (key: ErrorKey, params?: KeyedText['params']): KeyedText => (params ? { key, params } : { key });

export function retryFor(key: ErrorKey, afterMs: number | null = null): Extract<Failed, { kind: 'retry' }> {
  return { kind: 'retry', afterMs, reason: vi(key), wording: keyed(key) };
}
export function unknownFor(key: ErrorKey): Extract<Failed, { kind: 'unknown' }> {
  return { kind: 'unknown', reason: vi(key), wording: keyed(key) };
}
export function fatalFor(status: number, key: ErrorKey): Extract<Failed, { kind: 'fatal' }> {
  return { kind: 'fatal', status, message: vi(key), wording: keyed(key) };
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

import type { KeyedText } from '../../common/ipc/error-messages';

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
  | { readonly kind: 'retry'; readonly afterMs: number | null; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string }
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly error: string;
      readonly message: string;
      readonly details: ReadonlyArray<{ field?: string; message?: string }>;
      /** The app's own refusals (a missing file) carry their key: the sync panel words them per language. */
      readonly wording?: KeyedText;
    }
  | { readonly kind: 'fatal'; readonly status: number; readonly message: string };

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

import type { z } from 'zod';
import {
  catalogResponse,
  changesResponse,
  dossierReadResponse,
  errorBody,
  eventResponse,
  leaseResponse,
  officerLoginResponse,
  putResponse,
  tokenResponse,
  unitResponse,
} from '../../common/domain/sync-wire';
import { formatError, type KeyedText } from '../../common/ipc/error-messages';
import { assertApiUrl, discard, isRedirect, JSON_MAX_BYTES, NO_REDIRECT, readCapped, ResponseTooLarge } from './http-guard';

export type { ApiConfig, ApiOutcome } from './api-types';
import { fatalFor, refusedWith, retryAfterMs, retryFor, retryUnanswered, unansweredWording, unknownFor, type ApiConfig, type ApiOutcome } from './api-types';
import { TusClient, type UploadInput } from './tus-upload';
import { answerOf, PlainHttp, type Answer } from './http-answer';

const trimSlash = (u: string) => u.replace(/\/+$/, '');
const SIGN_IN_TIMEOUT_MS = 5000;

interface RequestOptions {
  json?: unknown;
  headers?: Record<string, string>;
  write?: boolean;
  notFound?: 'rejected' | 'ok-null';
  /**
   * Sign-in: a 401 or 403 refuses the officer (no token refresh and retry, which would send a mistyped
   * password twice); any other 4xx is the server's trouble, never a reason to revoke anyone.
   */
  refusal?: 'officer';
  timeoutMs?: number;
}

export class ProvincialApi {
  readonly #c: Required<ApiConfig>;
  #token: { value: string; expiresAt: number } | null = null;
  #tokenPending: Promise<string> | null = null;
  #tus: TusClient | null = null;
  #http: PlainHttp | null = null;

  constructor(c: ApiConfig) {
    // Checked here too, not only when the settings are read: no caller can point it at plain http.
    assertApiUrl(c.baseUrl);
    this.#c = { timeoutMs: 15_000, chunkSize: 8 * 1024 * 1024, chunkChecksums: !c.baseUrl.startsWith('https:'), ...c, baseUrl: trimSlash(c.baseUrl) };
  }

  get baseUrl(): string {
    return this.#c.baseUrl;
  }

  /** What a system error is about when it names no address itself. */
  get #host(): string {
    return new URL(this.#c.baseUrl).host;
  }

  async #fetchToken(timeoutMs = this.#c.timeoutMs): Promise<string> {
    const res = await fetch(`${this.#c.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.#c.clientId, client_secret: this.#c.clientSecret }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
      ...NO_REDIRECT,
    });
    if (!res.ok) {
      await discard(res);
      throw new TokenError(res.status);
    }
    const t = tokenResponse.parse(JSON.parse((await readCapped(res, JSON_MAX_BYTES)).toString('utf8')));
    // Renew a little before the server's expiry.
    this.#token = { value: t.access_token, expiresAt: Date.now() + Math.max(5, t.expires_in - 30) * 1000 };
    return t.access_token;
  }

  /** One token for every caller at a time; refreshed when it is about to expire or was refused. */
  async token(forceRefresh = false, timeoutMs?: number): Promise<string> {
    if (!forceRefresh && this.#token && this.#token.expiresAt > Date.now()) return this.#token.value;
    this.#tokenPending ??= this.#fetchToken(timeoutMs).finally(() => (this.#tokenPending = null));
    return this.#tokenPending;
  }

  async #request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | null,
    o: RequestOptions = {},
  ): Promise<ApiOutcome<z.infer<S> | null>> {
    const timeoutMs = o.timeoutMs ?? this.#c.timeoutMs;
    for (let attempt = 0; attempt < 2; attempt++) {
      let token: string;
      try {
        token = await this.token(attempt > 0, timeoutMs);
      } catch (e) {
        if (e instanceof TokenError) {
          if (isRedirect(e.status)) return fatalFor(e.status, 'net.redirected');
          return e.status === 429 || e.status >= 500 ? retryFor('net.sessionStatus', null, { status: e.status }) : fatalFor(e.status, 'net.credentialsRefused');
        }
        if (e instanceof ResponseTooLarge) return fatalFor(200, 'net.answerOverLimit');
        return retryFor('net.sessionReason', null, { reason: unansweredWording(e, this.#host) });
      }
      let res: Answer;
      try {
        const url = `${this.#c.baseUrl}${path}`;
        const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(o.json !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), ...o.headers };
        const body = o.json === undefined ? undefined : typeof o.json === 'string' ? o.json : JSON.stringify(o.json);
        // Writes (the sender's PUTs and events, one or more per dossier) go on node:http, which costs
        // the thread a quarter of what fetch does (http-answer.ts). Reads stay on fetch, whose
        // failures the officer's wording of an unreachable server is made from.
        res = o.write
          ? await (this.#http ??= new PlainHttp(this.#c.baseUrl)).send(url, { method, headers, ...(body !== undefined ? { body } : {}), timeoutMs })
          : answerOf(await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(timeoutMs), ...NO_REDIRECT }));
      } catch (e) {
        // Timeout or reset: a write may have been applied (contract §3.3); a read is just retried.
        return o.write ? unknownFor((e as Error).name === 'TimeoutError' ? 'net.timeout' : 'net.connectionLost') : retryUnanswered(e, this.#host);
      }
      if (res.status === 401 && attempt === 0 && o.refusal !== 'officer') {
        await res.discard();
        continue; // refresh the token once, then retry
      }
      return this.#outcome(res, schema, o);
    }
    return fatalFor(401, 'net.sessionRefused');
  }

  async #outcome<S extends z.ZodType>(res: Answer, schema: S | null, o: RequestOptions): Promise<ApiOutcome<z.infer<S> | null>> {
    if (isRedirect(res.status)) {
      // Not followed (NO_REDIRECT, PlainHttp), and not a retry: the same request would be redirected again.
      await res.discard();
      return fatalFor(res.status, 'net.redirected');
    }
    let text: string;
    try {
      text = (await res.read(JSON_MAX_BYTES)).toString('utf8');
    } catch (e) {
      if (e instanceof ResponseTooLarge) return fatalFor(res.status, 'net.answerOverLimit');
      return o.write ? unknownFor('net.answerLost') : retryFor('net.answerLost');
    }
    const parse = (): unknown => {
      try {
        return text ? JSON.parse(text) : null;
      } catch {
        return undefined;
      }
    };
    if (res.status >= 200 && res.status <= 299) {
      if (!schema) return { kind: 'ok', status: res.status, value: null };
      const r = schema.safeParse(parse());
      return r.success ? { kind: 'ok', status: res.status, value: r.data } : fatalFor(res.status, 'net.malformedAnswer');
    }
    if (res.status === 404 && o.notFound === 'ok-null') return { kind: 'ok', status: 404, value: null };
    if (res.status === 429 || res.status === 503) return retryFor('net.serverBusy', retryAfterMs(res.header('retry-after')), { status: res.status });
    if (res.status >= 500) return o.write ? unknownFor('net.serverError', { status: res.status }) : retryFor('net.serverError', null, { status: res.status });
    const e = errorBody.safeParse(parse());
    const info = e.success ? e.data : { error: `http_${res.status}`, message: undefined, details: undefined };
    if (o.refusal === 'officer') {
      if (res.status === 401 || res.status === 403) return { kind: 'rejected', status: res.status, error: info.error, ...refusedWith(res.status, info.message), details: [] };
      return { kind: 'fatal', status: res.status, ...refusedWith(res.status, info.message) };
    }
    if ([404, 409, 412, 422].includes(res.status)) {
      return { kind: 'rejected', status: res.status, error: info.error, ...refusedWith(res.status, info.message), details: info.details ?? [] };
    }
    return { kind: 'fatal', status: res.status, ...refusedWith(res.status, info.message) };
  }

  getUnit(unitCode: string) {
    return this.#request('GET', `/units/${encodeURIComponent(unitCode)}`, unitResponse);
  }
  leaseCodes(unitCode: string, b: { date: string; counterId: string; size: number }) {
    return this.#request('POST', `/units/${encodeURIComponent(unitCode)}/code-leases`, leaseResponse, { json: b });
  }
  procedures(cursor: string | null, since: string | null) {
    const q = new URLSearchParams();
    if (cursor) q.set('cursor', cursor);
    if (since) q.set('since', since);
    return this.#request('GET', `/catalog/procedures${q.size ? `?${q}` : ''}`, catalogResponse);
  }
  putDossier(code: string, body: string, o: { key: string; ifMatch?: number | null }) {
    return this.#request('PUT', `/dossiers/${encodeURIComponent(code)}`, putResponse, {
      json: body,
      write: true,
      headers: { 'Idempotency-Key': o.key, ...(o.ifMatch ? { 'If-Match': String(o.ifMatch) } : {}) },
    });
  }
  getDossier(code: string) {
    return this.#request('GET', `/dossiers/${encodeURIComponent(code)}`, dossierReadResponse, { notFound: 'ok-null' });
  }
  postEvent(code: string, body: string, key: string) {
    return this.#request('POST', `/dossiers/${encodeURIComponent(code)}/events`, eventResponse, { json: body, write: true, headers: { 'Idempotency-Key': key } });
  }
  /** The day close with its audit anchor: an extension the reference server offers (not in contract v1; see push.ts). */
  postDayClose(unitCode: string, body: string, key: string) {
    return this.#request('POST', `/units/${encodeURIComponent(unitCode)}/day-closes`, eventResponse, { json: body, write: true, headers: { 'Idempotency-Key': key } });
  }
  /** Extension (docs/contract-extensions.md): a citizen's 1–5 rating of a dossier, no personal data. */
  postRating(unitCode: string, body: string, key: string) {
    return this.#request('POST', `/units/${encodeURIComponent(unitCode)}/ratings`, eventResponse, { json: body, write: true, headers: { 'Idempotency-Key': key } });
  }
  changes(unitCode: string, cursor: string | null, limit = 200) {
    const q = new URLSearchParams({ unitCode, limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    return this.#request('GET', `/dossiers/changes?${q}`, changesResponse);
  }
  /**
   * An officer's sign-in (contract §1: 200 or 401). `rejected` means the province refused this officer
   * (wrong password, deactivated, unknown); `fatal` that it refused this device or does not offer
   * sign-in; `retry`/`unknown` that it could not be asked. The device token is fresh or valid when the
   * call goes out, so a 401 is about the officer. A counter waits a few seconds at most, then works offline.
   */
  officerLogin(username: string, password: string) {
    return this.#request('POST', '/officers/login', officerLoginResponse, {
      json: { username, password },
      refusal: 'officer',
      timeoutMs: Math.min(this.#c.timeoutMs, SIGN_IN_TIMEOUT_MS),
    });
  }

  /** Whether anything answers at the base URL, and how fast (no credentials sent). */
  async reach(timeoutMs = Math.min(this.#c.timeoutMs, 5000)): Promise<{ reachable: boolean; ms: number; status: number | null; reason: string | null; wording: KeyedText | null }> {
    const t0 = performance.now();
    try {
      const res = await fetch(this.#c.baseUrl, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs), ...NO_REDIRECT });
      await res.body?.cancel();
      const ms = Math.round(performance.now() - t0);
      if (res.status < 500) return { reachable: true, ms, status: res.status, reason: null, wording: null };
      return { reachable: false, ms, status: res.status, ...withVi({ key: res.status === 503 ? 'net.serverBusy' : 'net.serverError', params: { status: res.status } }) };
    } catch (e) {
      return { reachable: false, ms: Math.round(performance.now() - t0), status: null, ...withVi(unansweredWording(e, this.#host)) };
    }
  }

  /** Asks for a fresh device token: are client_id / client_secret accepted, and how fast. */
  async checkCredentials(timeoutMs = Math.min(this.#c.timeoutMs, 5000)): Promise<{ kind: 'ok'; ms: number } | { kind: 'refused'; status: number } | { kind: 'unreachable'; reason: string; wording: KeyedText }> {
    const t0 = performance.now();
    try {
      await this.token(true, timeoutMs);
      return { kind: 'ok', ms: Math.round(performance.now() - t0) };
    } catch (e) {
      if (e instanceof TokenError && e.status < 500 && e.status !== 429) return { kind: 'refused', status: e.status };
      return { kind: 'unreachable', ...withVi(e instanceof TokenError ? { key: 'net.sessionStatus', params: { status: e.status } } : unansweredWording(e, this.#host)) };
    }
  }

  /** Raw JSON GET (the calendar's shape is validated by the importer). */
  async getJson(path: string): Promise<ApiOutcome<unknown>> {
    const token = await this.token().catch(() => null);
    if (!token) return retryFor('net.noSession');
    try {
      const res = await fetch(`${this.#c.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(this.#c.timeoutMs), ...NO_REDIRECT });
      if (isRedirect(res.status)) {
        await discard(res);
        return fatalFor(res.status, 'net.redirected');
      }
      if (res.status === 404 || !res.ok) {
        await discard(res);
        return res.status === 404 ? { kind: 'ok', status: 404, value: null } : retryFor(res.status === 429 || res.status === 503 ? 'net.serverBusy' : 'net.serverError', null, { status: res.status });
      }
      return { kind: 'ok', status: res.status, value: JSON.parse((await readCapped(res, JSON_MAX_BYTES)).toString('utf8')) };
    } catch (e) {
      if (e instanceof ResponseTooLarge) return fatalFor(200, 'net.answerOverLimit');
      return retryUnanswered(e, this.#host);
    }
  }

  /**
   * Downloads a result file (a URL from the feed) with the device token; only from the API's own
   * origin, with no redirect followed (a 302 would otherwise take the token and the request
   * anywhere), and never more than `maxBytes`, counted while it streams.
   */
  async download(url: string, maxBytes = 200 * 1024 * 1024): Promise<ApiOutcome<Buffer>> {
    const base = new URL(this.#c.baseUrl);
    let target: URL;
    try {
      target = new URL(url, this.#c.baseUrl + '/');
    } catch {
      return fatalFor(0, 'net.resultUrlInvalid');
    }
    if (target.origin !== base.origin) return fatalFor(0, 'net.resultElsewhere');
    const token = await this.token().catch(() => null);
    if (!token) return retryFor('net.noSession');
    try {
      const res = await fetch(target, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(this.#c.timeoutMs * 4), ...NO_REDIRECT });
      if (isRedirect(res.status)) {
        await discard(res);
        return fatalFor(res.status, 'net.redirected');
      }
      if (!res.ok) {
        await discard(res);
        return res.status >= 500 || res.status === 429 ? retryFor(res.status === 429 || res.status === 503 ? 'net.serverBusy' : 'net.serverError', null, { status: res.status }) : fatalFor(res.status, 'net.serverRefusedStatus', { status: res.status });
      }
      const len = Number(res.headers.get('content-length'));
      const buf = await readCapped(res, maxBytes);
      if (Number.isFinite(len) && len > 0 && buf.length !== len) return retryFor('net.resultTruncated');
      return { kind: 'ok', status: res.status, value: buf };
    } catch (e) {
      if (e instanceof ResponseTooLarge) return fatalFor(200, 'net.resultTooLarge');
      return retryUnanswered(e, this.#host);
    }
  }

  /** Bytes per PATCH: a file no larger goes in one request, with nothing to resume. */
  get chunkSize(): number {
    return this.#c.chunkSize;
  }

  /**
   * tus 1.0.0 upload (`TusClient`): resumes from `uploadUrl` when one was persisted (HEAD →
   * Upload-Offset), reports a new upload URL before the first byte goes (so a crash can resume),
   * and, when chunk checksums are on, sends an Upload-Checksum (sha256) with every PATCH so the
   * server rejects a corrupted chunk. No request goes to another origin than the API's.
   */
  upload(o: UploadInput): Promise<ApiOutcome<string>> {
    return this.#tusClient().upload(o);
  }

  /** Drops a partial upload at the province (tus termination); false when that did not happen. */
  terminateUpload(url: string): Promise<boolean> {
    return this.#tusClient().terminate(url);
  }

  #tusClient(): TusClient {
    return (this.#tus ??= new TusClient({
      baseUrl: this.#c.baseUrl,
      chunkSize: this.#c.chunkSize,
      checksums: this.#c.chunkChecksums,
      timeoutMs: this.#c.timeoutMs,
      token: () => this.token(),
      tokenRefused: () => (this.#token = null),
    }));
  }
}

/** A reason keyed, with its Vietnamese beside it for logs and the older callers that print it. */
const withVi = (wording: KeyedText): { reason: string; wording: KeyedText } => ({ reason: formatError(wording.key, wording.params, 'vi'), wording });

class TokenError extends Error {
  constructor(readonly status: number) {
    super(`token endpoint HTTP ${status}`);
  }
}

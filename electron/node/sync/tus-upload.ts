import { open, type FileHandle } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { formatError } from '../../common/ipc/error-messages';
import { failure } from '../../common/ipc/result';
import { fatalFor, retryAfterMs, retryFor, unansweredWording, type ApiOutcome } from './api-types';
import { ChunkSource, type PositionalReader } from './chunk-source';
import { isRedirect, sameOrigin } from './http-guard';

/**
 * A tus 1.0.0 client (core + creation + checksum + termination, contract §4) written for throughput: chunk n+1
 * is read and hashed while chunk n is on the wire, each chunk is read once into one of two reused
 * buffers, and connections are kept alive. The engine owns retries and backoff: every call is one
 * attempt that ends in an outcome, resumable from the upload URL the caller persisted.
 */
export interface TusTarget {
  /** The API's base URL: no request goes to another origin. */
  readonly baseUrl: string;
  readonly chunkSize: number;
  readonly checksums: boolean;
  /** Inactivity limit of a request, in ms. */
  readonly timeoutMs: number;
  token(): Promise<string>;
  /** The server refused the token: the next call fetches a new one. */
  tokenRefused(): void;
}

export interface UploadInput {
  /**
   * The file to send: by path (read as it goes), by a reader the caller opened and closes (a sealed
   * file, decrypted as it goes), or, for a small file already in memory, its bytes.
   */
  readonly path?: string;
  readonly reader?: PositionalReader;
  readonly data?: Buffer;
  readonly size: number;
  readonly metadata: Record<string, string>;
  readonly uploadUrl: string | null;
  /** The file's sha256 (hex) when known: the checksum of a chunk that is the whole file. */
  readonly sha256?: string;
  onUrl(url: string): Promise<void> | void;
  onProgress?(sent: number, total: number): void;
}

const FOREIGN: ApiOutcome<string> = fatalFor(0, 'net.uploadElsewhere');
const GONE: ApiOutcome<string> = { kind: 'rejected', status: 404, error: 'upload_gone', message: formatError('net.uploadGone', undefined, 'vi'), details: [], wording: { key: 'net.uploadGone' } };
/** tus answers have no body worth reading; a server that sends a large one is cut off. */
const ANSWER_MAX_BYTES = 64 * 1024;

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

export class TusClient {
  readonly #agent: HttpAgent;

  constructor(private readonly t: TusTarget) {
    // One kept-alive connection per dossier in flight, reused for its creation and its chunks.
    const o = { keepAlive: true, maxSockets: 16 };
    this.#agent = t.baseUrl.startsWith('https:') ? new HttpsAgent(o) : new HttpAgent(o);
  }

  async upload(o: UploadInput): Promise<ApiOutcome<string>> {
    let file: FileHandle | null = null;
    try {
      if (!o.data && !o.reader) file = await open(o.path!, 'r');
      const known = o.sha256 ? Buffer.from(o.sha256, 'hex').toString('base64') : null;
      return await this.#run(o, new ChunkSource(o.data ?? o.reader ?? file!, o.size, this.t.chunkSize, this.t.checksums, known));
    } catch (e) {
      return retryFor('net.tus', null, { reason: unansweredWording(e, new URL(this.t.baseUrl).host) });
    } finally {
      await file?.close().catch(() => undefined);
    }
  }

  async #run(o: UploadInput, chunks: ChunkSource): Promise<ApiOutcome<string>> {
    let url = o.uploadUrl;
    let offset = 0;
    if (url) {
      // A persisted URL on another origin (kept by an older version) gets neither the token nor the file.
      if (!sameOrigin(url, this.t.baseUrl)) return FOREIGN;
      const head = await this.#call('HEAD', url, {});
      if (head.status === 404 || head.status === 410) url = null; // the server dropped it: a new upload
      else if (head.status < 200 || head.status > 299) return this.#failure(head);
      else {
        offset = Number(head.headers['upload-offset']);
        if (!Number.isInteger(offset) || offset < 0 || offset > o.size) return retryFor('net.badUploadOffset');
      }
    }
    if (!url) {
      const endpoint = `${this.t.baseUrl}/files/`;
      const created = await this.#call('POST', endpoint, { 'Upload-Length': String(o.size), 'Upload-Metadata': encodeMetadata(o.metadata) }, Buffer.alloc(0));
      if (created.status < 200 || created.status > 299) return this.#failure(created);
      const location = created.headers.location;
      if (!location) return retryFor('net.noUploadLocation');
      url = new URL(location, endpoint).toString();
      if (!sameOrigin(url, this.t.baseUrl)) return FOREIGN;
      // Kept before the first byte goes, so a crash resumes this upload instead of starting another.
      await o.onUrl(url);
    }
    let next = offset < o.size ? chunks.read(offset) : null;
    while (next) {
      const c = await next;
      const end = offset + c.data.length;
      // The next chunk is read and hashed while this one is on the wire.
      next = end < o.size ? chunks.read(end) : null;
      const digest = c.digest && (await c.digest);
      const res = await this.#call('PATCH', url, { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', ...(digest ? { 'Upload-Checksum': `sha256 ${digest}` } : {}) }, c.data);
      if (res.status === 404 || res.status === 410) return GONE;
      if (res.status < 200 || res.status > 299) return this.#failure(res);
      const got = Number(res.headers['upload-offset']);
      if (!Number.isInteger(got) || got <= offset || got > o.size) return retryFor('net.badUploadOffset');
      offset = got;
      o.onProgress?.(offset, o.size);
      if (got !== end) {
        // The server kept part of the chunk: go on from where it stands.
        await next?.catch(() => undefined);
        next = got < o.size ? chunks.read(got) : null;
      }
    }
    return { kind: 'ok', status: 204, value: url };
  }

  /**
   * tus termination (contract §4): the server drops a partial upload. Best effort: false when it
   * could not be reached or refused, and the upload is then left to expire there.
   */
  async terminate(url: string): Promise<boolean> {
    if (!sameOrigin(url, this.t.baseUrl)) return false;
    try {
      const a = await this.#call('DELETE', url, {});
      return a.status === 204 || a.status === 404 || a.status === 410;
    } catch {
      return false;
    }
  }

  #failure(a: Answer): ApiOutcome<string> {
    if (isRedirect(a.status)) return fatalFor(a.status, 'net.redirected');
    if (a.status === 401) {
      this.t.tokenRefused();
      return retryFor('net.noSession', 0);
    }
    // tus checksum extension: the chunk arrived other than it was sent; sent again on the next attempt.
    if (a.status === 460) return retryFor('net.uploadChecksum');
    const ra = a.status === 429 || a.status === 503 ? retryAfterMs(a.headers['retry-after']) : null;
    return retryFor('net.uploadStatus', ra, { status: a.status });
  }

  /** One request; its answer's body is read and dropped. Rejects on a network error or inactivity. */
  async #call(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
    const token = await this.t.token();
    const u = new URL(url);
    const h: Record<string, string> = { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token}`, ...headers };
    if (body) h['Content-Length'] = String(body.length);
    return new Promise<Answer>((resolve, reject) => {
      const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, { method, headers: h, agent: this.#agent });
      req.setTimeout(this.t.timeoutMs, () => req.destroy(failure('internal', 'net.timeout')));
      req.on('error', reject);
      req.on('response', (res) => {
        let n = 0;
        res.on('data', (d: Buffer) => {
          n += d.length;
          if (n > ANSWER_MAX_BYTES) req.destroy(failure('internal', 'net.answerTooLarge'));
        });
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.end(body);
    });
  }
}

/** tus Upload-Metadata: `key base64(value)` pairs, comma-separated. */
function encodeMetadata(m: Record<string, string>): string {
  return Object.entries(m)
    .map(([k, v]) => `${k} ${Buffer.from(String(v), 'utf8').toString('base64')}`)
    .join(',');
}

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { discard, readCapped, ResponseTooLarge } from './http-guard';

/**
 * An answer of the provincial API as the client reads it, whichever HTTP stack fetched it: its
 * status, a header, and a body read at most to a limit (ResponseTooLarge past it) or dropped.
 */
export interface Answer {
  readonly status: number;
  header(name: string): string | null;
  /** The body, up to `limit` bytes; throws ResponseTooLarge past it, or the stream's error. */
  read(limit: number): Promise<Buffer>;
  /** Drops the body unread so the connection is freed. */
  discard(): Promise<void>;
}

/** A fetch `Response` as an Answer. */
export function answerOf(res: Response): Answer {
  return {
    status: res.status,
    header: (name) => res.headers.get(name),
    read: (limit) => readCapped(res, limit),
    discard: () => discard(res),
  };
}

export interface PlainRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** For the whole exchange, answer included, as fetch's AbortSignal.timeout was. */
  readonly timeoutMs: number;
}

/**
 * A request on node:http with kept-alive connections, for the writes the sender makes per dossier
 * (PUT /dossiers, events): undici's fetch cost 0.9–1.3 ms of the main thread's CPU per request on
 * the 2-core machine, node:http 0.2–0.3 ms (`.tmp/prof/http.ts`, 2,000 PUTs, 8 at a time), and
 * the sender's thread is what limits a sync. Like fetch with `redirect: 'manual'`, a 3xx comes back
 * as an answer and is never followed. A timeout rejects with an error named 'TimeoutError', as
 * AbortSignal.timeout's does, so callers tell it apart the same way.
 */
export class PlainHttp {
  readonly #agent: HttpAgent;

  constructor(baseUrl: string) {
    const o = { keepAlive: true, maxSockets: 16 };
    this.#agent = baseUrl.startsWith('https:') ? new HttpsAgent(o) : new HttpAgent(o);
  }

  send(url: string, r: PlainRequest): Promise<Answer> {
    const u = new URL(url);
    const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8');
    const headers = body ? { ...r.headers, 'Content-Length': String(body.length) } : r.headers;
    return new Promise<Answer>((resolve, reject) => {
      const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, { method: r.method, headers, agent: this.#agent });
      const timer = setTimeout(() => req.destroy(timeoutError()), r.timeoutMs);
      // The timer also covers reading the body: cleared once the answer has been read or dropped.
      const settle = () => clearTimeout(timer);
      req.on('error', (e) => {
        settle();
        reject(e);
      });
      req.on('response', (res) => resolve(answerFrom(req, res, settle)));
      req.end(body);
    });
  }

  /** Frees the kept-alive connections (they never keep the process alive: idle sockets are unref'd). */
  close(): void {
    this.#agent.destroy();
  }
}

function timeoutError(): Error {
  const e = new Error('The operation was aborted due to timeout');
  e.name = 'TimeoutError';
  return e;
}

function answerFrom(req: ReturnType<typeof httpRequest>, res: IncomingMessage, settle: () => void): Answer {
  let used = false;
  return {
    status: res.statusCode ?? 0,
    header: (name) => {
      const v = res.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
    read: (limit) => {
      if (used) return Promise.reject(new Error('answer already read'));
      used = true;
      return new Promise<Buffer>((resolve, reject) => {
        const fail = (e: Error) => {
          settle();
          reject(e);
        };
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit) {
          req.destroy();
          return fail(new ResponseTooLarge(limit));
        }
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (d: Buffer) => {
          total += d.length;
          if (total > limit) {
            req.destroy();
            fail(new ResponseTooLarge(limit));
          } else chunks.push(d);
        });
        res.on('error', fail);
        // A connection destroyed mid-body (the timeout) ends in 'aborted'/'error' or in a close without 'end'.
        res.on('close', () => {
          if (!res.complete) fail(res.errored ?? new Error('the answer was cut off'));
        });
        res.on('end', () => {
          settle();
          resolve(Buffer.concat(chunks, total));
        });
      });
    },
    discard: () => {
      if (!used) {
        used = true;
        res.resume();
        res.on('end', settle);
        res.on('close', settle);
      }
      return Promise.resolve();
    },
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProvincialApi } from '../../electron/node/sync/provincial-api';

const CLIENT = { clientId: 'counter-q01', clientSecret: 'secret-q01' };

/**
 * Issue #15: the sender's writes (PUT /dossiers, events) go on node:http instead of fetch, a
 * quarter of the thread's time per request. What fetch did for them must hold the same: a 3xx is
 * an answer, never followed; a timeout or a cut answer is an unknown outcome (read back before any
 * retry); Retry-After is read; an answer over the limit is refused while it streams; a refused
 * token is fetched again once. Each path is driven by the dossier code the test sends.
 */
describe('writes to the provincial API on node:http', { timeout: 30_000 }, () => {
  let server: Server;
  let tokens = 0;
  const seen: Array<{ url: string; key: string | undefined; body: string; auth: string | undefined }> = [];
  const answers: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    ok: (_q, s) => void s.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ maHoSo: 'ok', version: 3 })),
    moved: (_q, s) => void s.writeHead(307, { location: '/api/dossiers/elsewhere' }).end(),
    slow: () => undefined,
    cut: (_q, s) => {
      s.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      s.write('{"maHoSo":');
      setTimeout(() => s.socket?.destroy(), 20);
    },
    busy: (_q, s) => void s.writeHead(503, { 'retry-after': '7' }).end(),
    huge: (_q, s) => {
      s.writeHead(200, { 'content-type': 'application/json' });
      const mb = Buffer.alloc(1024 * 1024, 32);
      let n = 0;
      const more = () => {
        while (n++ < 12) if (!s.write(mb)) return void s.once('drain', more);
        s.end();
      };
      more();
    },
    refused: (q, s) => {
      if (q.headers.authorization === 'Bearer t1') return void s.writeHead(401).end();
      answers.ok!(q, s);
    },
    invalid: (_q, s) => void s.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'validation', message: 'Thiếu MaTTHC', details: [{ field: 'MaTTHC' }] })),
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => {
        if (req.url === '/api/oauth/token') {
          tokens++;
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `t${tokens}`, token_type: 'Bearer', expires_in: 900 }));
        }
        const code = /^\/api\/dossiers\/([^/]+)/.exec(req.url ?? '')?.[1] ?? '';
        seen.push({ url: req.url ?? '', key: req.headers['idempotency-key'] as string | undefined, body: Buffer.concat(chunks).toString('utf8'), auth: req.headers.authorization });
        (answers[code] ?? answers.ok)!(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const api = (timeoutMs = 5000) => new ProvincialApi({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, ...CLIENT, timeoutMs });

  it('sends the body as it is, with its key, and reads the answer', async () => {
    const body = JSON.stringify({ MaHoSo: 'ok', ChuHoSo: 'Nguyễn Văn Ấn' });
    expect(await api().putDossier('ok', body, { key: 'k-ok' })).toEqual({ kind: 'ok', status: 200, value: { maHoSo: 'ok', version: 3 } });
    expect(seen.at(-1)).toMatchObject({ url: '/api/dossiers/ok', key: 'k-ok', body });
  });

  it('a redirect is not followed: fatal, and nothing reaches where it points', async () => {
    const before = seen.length;
    expect(await api().putDossier('moved', '{}', { key: 'k-moved' })).toMatchObject({ kind: 'fatal', status: 307, wording: { key: 'net.redirected' } });
    expect(seen.slice(before).map((s) => s.url)).toEqual(['/api/dossiers/moved']);
  });

  it('no answer in time, or an answer cut off: unknown, to be read back before any retry', async () => {
    expect(await api(300).putDossier('slow', '{}', { key: 'k-slow' })).toMatchObject({ kind: 'unknown', wording: { key: 'net.timeout' } });
    expect(await api().putDossier('cut', '{}', { key: 'k-cut' })).toMatchObject({ kind: 'unknown', wording: { key: 'net.answerLost' } });
  });

  it("the server's Retry-After, its refusal with details, and an answer over the limit", async () => {
    expect(await api().postEvent('busy', '{}', 'k-busy')).toMatchObject({ kind: 'retry', afterMs: 7000, wording: { key: 'net.serverBusy', params: { status: 503 } } });
    expect(await api().putDossier('invalid', '{}', { key: 'k-invalid' })).toMatchObject({ kind: 'rejected', status: 422, error: 'validation', message: 'Thiếu MaTTHC', details: [{ field: 'MaTTHC' }] });
    expect(await api().putDossier('huge', '{}', { key: 'k-huge' })).toMatchObject({ kind: 'fatal', wording: { key: 'net.answerOverLimit' } });
  });

  it('a refused token is fetched again once and the write sent again with it', async () => {
    tokens = 0;
    const before = seen.length;
    expect(await api().putDossier('refused', '{}', { key: 'k-refused' })).toMatchObject({ kind: 'ok', value: { version: 3 } });
    expect(seen.slice(before).map((s) => s.auth)).toEqual(['Bearer t1', 'Bearer t2']);
  });
});

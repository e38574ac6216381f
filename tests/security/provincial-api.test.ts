import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { apiUrlAllowed, JSON_MAX_BYTES } from '../../electron/node/sync/http-guard';
import { resolveApiConfig } from '../../electron/node/sync/sync-config';
import { tempDir } from '../helpers/tmp';
import { appFixture, CLIENT, httpServer, streamBytes, TOKEN_OK } from './support';

type Srv = Awaited<ReturnType<typeof httpServer>>;
const MB = 1024 * 1024;
/**
 * What a hostile server offers: enough past every cap to tell "stopped reading" from "read it
 * all" (the sockets' buffers hold a few MB either way), small enough to stay quick on this machine.
 */
const OFFERED = 40 * MB;
const READ_ON = 32 * MB;
/** An outcome without its value: a failed match must not print a 40 MB buffer. */
const summary = (r: { kind: string; message?: string }) => ({ kind: r.kind, message: r.message ?? null });
const OFFICER = JSON.stringify({ officerId: 'evil01', hoTen: 'Kẻ Giả Mạo', roles: ['admin'], unitCode: '000.00.01.H22' });

/** Another origin (another port): whatever it receives has leaked. */
let evil: Srv;
beforeAll(async () => {
  evil = await httpServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(req.url?.includes('token') ? TOKEN_OK : OFFICER);
  });
});
afterAll(() => evil.close());
afterEach(() => evil.requests.splice(0));

const redirectTo = (res: import('node:http').ServerResponse, status: number, path: string) => {
  res.writeHead(status, { Location: `${evil.url}${path}` });
  res.end();
};

describe('no redirect is followed on any provincial API call', () => {
  let api: Srv;
  let handle: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  beforeEach(async () => {
    api = await httpServer((req, res) => handle(req, res));
  });
  afterEach(() => api.close());
  const client = () => new ProvincialApi({ baseUrl: api.url, ...CLIENT, timeoutMs: 10_000 });

  it('a 307 on /oauth/token never re-POSTs client_secret to another origin', async () => {
    handle = (req, res) => (req.url === '/oauth/token' ? redirectTo(res, 307, '/oauth/token') : res.end('{}'));
    const r = await client().getUnit('000.00.01.H22');
    expect(r).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/chuyển hướng/) });
    expect(evil.requests).toEqual([]);
  });

  it("a 307 on /officers/login never sends the officer's password there, and no foreign answer is taken", async () => {
    handle = (req, res) => {
      if (req.url === '/oauth/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(TOKEN_OK);
      } else redirectTo(res, 307, '/officers/login');
    };
    const r = await client().officerLogin('canbo01', 'mat-khau-bi-mat');
    expect(r.kind).not.toBe('ok');
    expect(r).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/chuyển hướng/) });
    expect(evil.requests).toEqual([]);
  });

  it('a 302 on a result download does not get round the origin check', async () => {
    handle = (req, res) => {
      if (req.url === '/oauth/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(TOKEN_OK);
      } else redirectTo(res, 302, '/files/ket-qua.pdf');
    };
    const r = await client().download(`${api.url}/files/ket-qua.pdf`);
    expect(summary(r)).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/chuyển hướng/) });
    expect(evil.requests).toEqual([]);
  });

  it('a redirect on a raw JSON read (the calendar) is refused as well', async () => {
    handle = (req, res) => {
      if (req.url === '/oauth/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(TOKEN_OK);
      } else redirectTo(res, 301, '/catalog/calendar');
    };
    const r = await client().getJson('/catalog/calendar?year=2027');
    expect(r).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/chuyển hướng/) });
    expect(evil.requests).toEqual([]);
  });

  it('a tus upload whose Location points at another origin sends it neither the token nor the file', async () => {
    handle = (req, res) => {
      if (req.url === '/oauth/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(TOKEN_OK);
      } else if (req.method === 'POST' && req.url === '/files/') {
        res.writeHead(201, { Location: `${evil.url}/files/abc`, 'Tus-Resumable': '1.0.0' });
        res.end();
      } else res.writeHead(404).end();
    };
    const t = tempDir('motcua-tus-');
    try {
      const path = join(t.dir, 'scan.pdf');
      writeFileSync(path, Buffer.alloc(4096, 1));
      const saved: string[] = [];
      const r = await client().upload({ path, size: 4096, metadata: { filename: 'scan.pdf' }, uploadUrl: null, onUrl: (u) => void saved.push(u) });
      expect(r).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/địa chỉ khác/) });
      expect(saved).toEqual([]);
      expect(evil.requests).toEqual([]);
      // Nor does resuming from such a URL, kept by an older version.
      const resumed = await client().upload({ path, size: 4096, metadata: { filename: 'scan.pdf' }, uploadUrl: `${evil.url}/files/abc`, onUrl: () => undefined });
      expect(resumed).toMatchObject({ kind: 'fatal' });
      expect(evil.requests).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it('through the sign-in: a redirected first login is refused and nobody is signed in', async () => {
    handle = (req, res) => {
      if (req.url === '/oauth/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(TOKEN_OK);
      } else redirectTo(res, 307, '/officers/login');
    };
    const env = { MOTCUA_API_URL: process.env.MOTCUA_API_URL, MOTCUA_CLIENT_ID: process.env.MOTCUA_CLIENT_ID, MOTCUA_CLIENT_SECRET: process.env.MOTCUA_CLIENT_SECRET };
    const f = await appFixture();
    Object.assign(process.env, { MOTCUA_API_URL: api.url, MOTCUA_CLIENT_ID: CLIENT.clientId, MOTCUA_CLIENT_SECRET: CLIENT.clientSecret });
    try {
      await f.call('auth.logout');
      const r = await f.call('auth.login', { username: 'canbo-moi', password: 'mat-khau-bi-mat' });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/chuyển hướng/) } });
      expect(f.services.session.officer).toBeNull();
      expect(evil.requests).toEqual([]);
    } finally {
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await f.close();
    }
  });
});

describe('response size caps while streaming', () => {
  let api: Srv;
  let sent: Promise<number> | null;
  let handle: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  beforeEach(async () => {
    sent = null;
    api = await httpServer((req, res) => {
      if (req.url === '/oauth/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(TOKEN_OK);
      } else handle(req, res);
    });
  });
  afterEach(() => api.close());
  const client = () => new ProvincialApi({ baseUrl: api.url, ...CLIENT, timeoutMs: 30_000 });

  it(`a JSON answer is cut off past ${JSON_MAX_BYTES / MB} MB (chunked, no Content-Length)`, async () => {
    handle = (_req, res) => void (sent = streamBytes(res, OFFERED));
    const r = await client().getUnit('000.00.01.H22');
    expect(summary(r)).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/quá lớn/) });
    // The client hung up instead of reading on (allowing for the sockets' buffers).
    expect(await sent!).toBeLessThan(READ_ON);
  });

  it('a JSON answer that announces 300 MB is refused without reading it', async () => {
    // Announces 300 MB; sends what a client that reads on would get before the test ends.
    handle = (_req, res) => void (sent = streamBytes(res, OFFERED, { contentLength: 300 * MB }));
    const r = await client().changes('000.00.01.H22', null);
    expect(summary(r)).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/quá lớn/) });
    expect(await sent!).toBeLessThan(READ_ON);
  });

  it('the raw JSON read (calendar) has the same cap', async () => {
    handle = (_req, res) => void (sent = streamBytes(res, OFFERED));
    const r = await client().getJson('/catalog/calendar?year=2027');
    expect(summary(r)).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/quá lớn/) });
    expect(await sent!).toBeLessThan(READ_ON);
  });

  it('a chunked result download stops at the configured maximum', async () => {
    handle = (_req, res) => void (sent = streamBytes(res, OFFERED, { contentType: 'application/pdf' }));
    const r = await client().download(`${api.url}/files/ket-qua.pdf`, 1 * MB);
    expect(summary(r)).toMatchObject({ kind: 'fatal', message: expect.stringMatching(/quá lớn/) });
    expect(await sent!).toBeLessThan(READ_ON);
  });

  it('a download within the maximum arrives whole', async () => {
    handle = (_req, res) => void (sent = streamBytes(res, 2 * MB, { contentType: 'application/pdf' }));
    const r = await client().download(`${api.url}/files/ket-qua.pdf`, 3 * MB);
    expect(summary(r)).toEqual({ kind: 'ok', message: null });
    if (r.kind === 'ok') expect(r.value.length).toBe(2 * MB);
  });
});

describe('https only, except a server on this PC', () => {
  it.each([
    ['https://motcua.hanoi.gov.vn/api/v1', true],
    ['http://127.0.0.1:8080', true],
    ['http://localhost:8080/api', true],
    ['http://[::1]:8080', true],
    ['http://motcua.hanoi.gov.vn/api/v1', false],
    ['http://127.0.0.1.nip.io/', false],
    ['http://localhost.attacker.com/', false],
    ['ftp://127.0.0.1/', false],
    ['file:///etc/passwd', false],
    ['https://user:pw@motcua.hanoi.gov.vn/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(apiUrlAllowed(url)).toBe(expected);
  });

  it('the API client itself refuses a plain-http address off this PC', () => {
    expect(() => new ProvincialApi({ baseUrl: 'http://motcua.hanoi.gov.vn/api/v1', ...CLIENT })).toThrow(/https/);
    expect(() => new ProvincialApi({ baseUrl: 'https://motcua.hanoi.gov.vn/api/v1', ...CLIENT })).not.toThrow();
  });

  it('and so does the configuration the app and the CLI read', async () => {
    const f = await appFixture();
    const env = { MOTCUA_CLIENT_ID: process.env.MOTCUA_CLIENT_ID, MOTCUA_CLIENT_SECRET: process.env.MOTCUA_CLIENT_SECRET };
    Object.assign(process.env, { MOTCUA_CLIENT_ID: CLIENT.clientId, MOTCUA_CLIENT_SECRET: CLIENT.clientSecret });
    try {
      await expect(resolveApiConfig(f.services.store, { apiUrl: 'http://motcua.hanoi.gov.vn/api/v1' })).rejects.toThrow(/https/);
      await expect(resolveApiConfig(f.services.store, { apiUrl: 'http://127.0.0.1:9' })).resolves.toMatchObject({ baseUrl: 'http://127.0.0.1:9' });
    } finally {
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await f.close();
    }
  });
});

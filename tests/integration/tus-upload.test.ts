import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { CLIENT, referenceServer, sha256 } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

type S = Awaited<ReturnType<typeof referenceServer>>;

const CHUNK = 64 * 1024;
const serverFile = (t: { dir: string }, url: string) => readFileSync(join(t.dir, 'server-files', url.split('/files/')[1]!));

describe('tus uploads (contract §4) with the project client', () => {
  let t: ReturnType<typeof tempDir>;
  let server: S;
  let api: ProvincialApi;
  let file: string;
  let bytes: Buffer;
  beforeEach(async () => {
    t = tempDir('motcua-tus-');
    server = await referenceServer(t.dir);
    api = new ProvincialApi({ baseUrl: server.url, ...CLIENT, chunkSize: CHUNK, chunkChecksums: true });
    bytes = Buffer.alloc(2 * CHUNK + 5000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    file = join(t.dir, 'scan.pdf');
    writeFileSync(file, bytes);
  });
  afterEach(async () => {
    await server.close();
    t.cleanup();
  });

  it('sends a file of three chunks, each with its checksum, byte-identical, with one creation and no HEAD', async () => {
    const urls: string[] = [];
    const progress: number[] = [];
    const r = await api.upload({ path: file, size: bytes.length, metadata: { filename: 'scan.pdf' }, uploadUrl: null, onUrl: (u) => void urls.push(u), onProgress: (sent) => progress.push(sent) });
    expect(r.kind).toBe('ok');
    expect(urls).toEqual([(r as { value: string }).value]);
    expect(sha256(serverFile(t, urls[0]!))).toBe(sha256(bytes));
    expect(progress).toEqual([CHUNK, 2 * CHUNK, bytes.length]);
    expect(server.hits.get('POST /files/')).toBe(1);
    expect(server.hits.get('PATCH /files/:id')).toBe(3);
    expect(server.hits.get('HEAD /files/:id')).toBeUndefined();
  });

  it('resumes from the offset HEAD gives, never from zero', async () => {
    const token = await api.token();
    const created = await fetch(`${server.url}/files/`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length) } });
    const url = new URL(created.headers.get('location')!, `${server.url}/files/`).toString();
    const first = await fetch(url, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
      body: new Uint8Array(bytes.subarray(0, CHUNK)),
    });
    expect(first.status).toBe(204);
    const r = await api.upload({ path: file, size: bytes.length, metadata: { filename: 'scan.pdf' }, uploadUrl: url, onUrl: () => undefined });
    expect(r).toMatchObject({ kind: 'ok', value: url });
    expect(server.hits.get('HEAD /files/:id')).toBe(1);
    // The manual first chunk, then the client's two.
    expect(server.hits.get('PATCH /files/:id')).toBe(3);
    expect(sha256(serverFile(t, url))).toBe(sha256(bytes));
  });

  it('a chunk whose checksum does not match is refused by the server and retried later, nothing kept', async () => {
    const small = bytes.subarray(0, 1000);
    const urls: string[] = [];
    const r = await api.upload({ data: small, size: small.length, sha256: sha256(Buffer.from('something else')), metadata: { filename: 'a.pdf' }, uploadUrl: null, onUrl: (u) => void urls.push(u) });
    expect(r).toMatchObject({ kind: 'retry', reason: 'tus: máy chủ thấy mã kiểm tra của một phần tệp không khớp (460)', wording: { key: 'net.uploadChecksum' } });
    expect(serverFile(t, urls[0]!).length).toBe(0);
    const ok = await api.upload({ data: small, size: small.length, sha256: sha256(small), metadata: { filename: 'a.pdf' }, uploadUrl: urls[0]!, onUrl: () => undefined });
    expect(ok).toMatchObject({ kind: 'ok', value: urls[0] });
    expect(serverFile(t, urls[0]!).equals(small)).toBe(true);
  });

  it('an upload the server no longer knows starts again as a new one, and its URL is reported', async () => {
    const gone = `${server.url}/files/0123456789abcdef`;
    const urls: string[] = [];
    const r = await api.upload({ path: file, size: bytes.length, metadata: { filename: 'scan.pdf' }, uploadUrl: gone, onUrl: (u) => void urls.push(u) });
    expect(r.kind).toBe('ok');
    expect(urls).toHaveLength(1);
    expect(urls[0]).not.toBe(gone);
    expect(sha256(serverFile(t, urls[0]!))).toBe(sha256(bytes));
  });

  it('a file shorter than its recorded size fails the attempt with a reason, no crash', async () => {
    const r = await api.upload({ path: file, size: bytes.length + 10, metadata: { filename: 'scan.pdf' }, uploadUrl: null, onUrl: () => undefined });
    expect(r).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/ngắn hơn/) });
  });
});

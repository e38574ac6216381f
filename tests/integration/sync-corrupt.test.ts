import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEAL_CHUNK } from '../../electron/node/files/sealed-file';
import { ThreadReader } from '../../electron/node/files/thread-reader';
import { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { NO_FAULTS } from '../reference-server/faults';
import { intakeFixture } from '../helpers/intake';
import { CLIENT, dossiers, engineFor, referenceServer, sha256 } from '../helpers/sync';
import { serverPerTest } from '../helpers/sync-suite';

type F = Awaited<ReturnType<typeof intakeFixture>>;
type S = Awaited<ReturnType<typeof referenceServer>>;

/** Larger than one tus chunk of engineFor (64 KiB): read from the sealed file as it is sent. */
const LARGE = 5 * 64 * 1024 + 777;
/** Sealed layout (sealed-file.ts): header, then 64 KiB chunks each followed by a 16-byte tag. */
const HEADER = 5 + 12 + 32 + 16 + 8;

describe('a stored attachment that is not what its name says never completes an upload at the province', () => {
  let f: F;
  let server: S;
  serverPerTest((x) => ({ f, server } = x));

  const attachment = () => f.store.exec('att', (db) => db.prepare('SELECT id, sha256, upload_url AS uploadUrl, uploaded_at AS uploadedAt FROM attachments').get() as { id: number; sha256: string; uploadUrl: string | null; uploadedAt: string | null });
  const uploadItem = () => f.store.exec('item', (db) => db.prepare("SELECT state, last_error AS error FROM outbox WHERE kind = 'upload'").get() as { state: string; error: string | null });
  const serverUploads = () => server.db.prepare('SELECT length, offset, done FROM files').all() as Array<{ length: number; offset: number; done: number }>;
  const serverDossiers = () => (server.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n;

  /** The scan's own bytes, and the same bytes with `from…to` changed, validly sealed under the scan's name. */
  async function swapIn(from: number, to: number): Promise<{ sha: string; original: Buffer }> {
    const { sha256: sha } = await attachment();
    const original = (await f.files.readVerified(sha))!;
    const other = Buffer.from(original);
    other.fill(0x41, from, to);
    const stored = await f.files.putBuffer(other, 'other.pdf', 'application/pdf');
    writeFileSync(f.files.pathOf(sha), readFileSync(stored.path));
    return { sha, original };
  }

  /** What corrupt_attachment leaves: the upload rejected with that code, nothing completed or sent after it, no URL to resume. */
  async function expectCorrupt(r: { rejected: number }): Promise<void> {
    expect(r.rejected).toBe(1);
    expect(await uploadItem()).toMatchObject({ state: 'rejected', error: expect.stringContaining('"corrupt_attachment"') });
    expect(serverUploads().filter((u) => u.done || u.offset === u.length)).toEqual([]);
    expect(serverDossiers()).toBe(0);
    expect(await attachment()).toMatchObject({ uploadUrl: null, uploadedAt: null });
  }

  it('the app’s store decrypts a large scan for its upload on the unseal thread: the cases below are read there', async () => {
    await dossiers(f, 1, { attachmentSize: LARGE });
    const r = await f.files.openVerified((await attachment()).sha256);
    await r.close();
    expect(r).toBeInstanceOf(ThreadReader);
  });

  it('another validly sealed file under the scan name: chunks before the last may go, the completing one does not', async () => {
    await dossiers(f, 1, { attachmentSize: LARGE });
    await swapIn(LARGE - 100, LARGE - 50);
    await expectCorrupt(await engineFor(f, server.url).runOnce({ pulls: false }));
    // The upload was begun and stopped short of its end (the check ran as the chunks were read),
    // then dropped at the province: the chunks sent were not this scan's.
    expect(server.hits.get('POST /files/')).toBe(1);
    expect(server.hits.get('PATCH /files/:id')).toBe(5);
    expect(server.hits.get('DELETE /files/:id')).toBe(1);
    expect(serverUploads()).toEqual([]);
  });

  it('a changed byte in a sealed chunk: corrupt_attachment, the upload stops before that chunk', async () => {
    await dossiers(f, 1, { attachmentSize: LARGE });
    const { sha256: sha } = await attachment();
    const sealed = readFileSync(f.files.pathOf(sha));
    sealed[HEADER + 3 * (SEAL_CHUNK + 16) + 10]! ^= 1;
    writeFileSync(f.files.pathOf(sha), sealed);
    await expectCorrupt(await engineFor(f, server.url).runOnce({ pulls: false }));
    // No chunk from the damaged one on went out, and what did go was dropped at the province.
    expect(server.hits.get('PATCH /files/:id') ?? 0).toBeLessThanOrEqual(3);
    expect(server.hits.get('DELETE /files/:id')).toBe(1);
    expect(serverUploads()).toEqual([]);
  });

  it('a small file (one PATCH, from memory) under the wrong name: corrupt_attachment, nothing created at the province', async () => {
    await dossiers(f, 1, { attachmentSize: 4096 });
    await swapIn(100, 200);
    await expectCorrupt(await engineFor(f, server.url).runOnce({ pulls: false }));
    expect(server.hits.get('POST /files/')).toBeUndefined();
  });

  it('a sound file whose upload meets server errors mid-way is retried, not called corrupt, and then completes', async () => {
    await dossiers(f, 1, { attachmentSize: LARGE });
    const { sha256: sha } = await attachment();
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['500'], endpoints: '^PATCH ' };
    const failed = await engineFor(f, server.url).runOnce({ pulls: false, deadlineMs: 300 });
    expect(failed).toMatchObject({ sent: 0, rejected: 0 });
    expect(failed.remaining).toBeGreaterThan(0);
    const item = await uploadItem();
    expect(item.state).toMatch(/^(pending|unknown)$/);
    // The row keeps the reason's key and status, worded in the officer's language when shown.
    expect(JSON.parse(item.error!)).toEqual({ $key: 'net.uploadStatus', params: { status: 500 } });
    // The upload's URL is kept: the next run resumes it.
    const { uploadUrl } = await attachment();
    expect(uploadUrl).toMatch(/\/files\//);
    server.faults = NO_FAULTS;
    expect(await engineFor(f, server.url).runOnce({ pulls: false })).toMatchObject({ remaining: 0, rejected: 0 });
    expect(await attachment()).toMatchObject({ uploadUrl, uploadedAt: expect.any(String) });
    expect(sha256(readFileSync(`${f.dir}/server-files/${uploadUrl!.split('/files/')[1]!}`))).toBe(sha);
  });

  describe('a resumed upload (the server already holds a prefix) is checked over the whole file', () => {
    /** An upload begun at the province holding the first two tus chunks of `bytes`, its URL kept as a crash would leave it. */
    async function begun(bytes: Buffer): Promise<string> {
      const token = await new ProvincialApi({ baseUrl: server.url, ...CLIENT }).token();
      const h = { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0' };
      const created = await fetch(`${server.url}/files/`, { method: 'POST', headers: { ...h, 'Upload-Length': String(bytes.length) } });
      const url = new URL(created.headers.get('location')!, `${server.url}/files/`).toString();
      const sent = await fetch(url, { method: 'PATCH', headers: { ...h, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes.subarray(0, 2 * 64 * 1024)) });
      expect(sent.status).toBe(204);
      const { id } = await attachment();
      await f.store.exec('url', (db) => db.prepare('UPDATE attachments SET upload_url = ? WHERE id = ?').run(url, id));
      return url;
    }

    it('intact: resumes at the server offset and completes, byte-identical', async () => {
      await dossiers(f, 1, { attachmentSize: LARGE });
      const { sha256: sha } = await attachment();
      const url = await begun((await f.files.readVerified(sha))!);
      const r = await engineFor(f, server.url).runOnce({ pulls: false });
      expect(r).toMatchObject({ remaining: 0, rejected: 0 });
      expect(server.hits.get('HEAD /files/:id')).toBe(1);
      expect(server.hits.get('POST /files/')).toBe(1);
      expect(await attachment()).toMatchObject({ uploadUrl: url, uploadedAt: expect.any(String) });
      expect(sha256(readFileSync(`${f.dir}/server-files/${url.split('/files/')[1]!}`))).toBe(sha);
      expect(serverDossiers()).toBe(1);
    });

    it('a file that differs only in the prefix the server already holds: corrupt_attachment, the upload never completes', async () => {
      await dossiers(f, 1, { attachmentSize: LARGE });
      // The server holds the right first two chunks; the stored file differs from them only there.
      const { original } = await swapIn(1000, 2000);
      await begun(original);
      await expectCorrupt(await engineFor(f, server.url).runOnce({ pulls: false }));
      expect(server.hits.get('HEAD /files/:id')).toBe(1);
      expect(server.hits.get('DELETE /files/:id')).toBe(1);
      expect(serverUploads()).toEqual([]);
    });
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckedReader } from '../../electron/node/files/checked-reader';
import { ContentStore } from '../../electron/node/files/content-store';
import { SealError, SEAL_CHUNK, sealBuffer } from '../../electron/node/files/sealed-file';
import { ThreadReader } from '../../electron/node/files/thread-reader';
import { UnsealThread } from '../../electron/node/files/unseal-thread';
import { ContentMismatch, VerifiedReader } from '../../electron/node/files/verified-reader';
import { ChunkSource } from '../../electron/node/sync/chunk-source';
import { findWorkerScript } from '../../electron/node/workers/worker-script';
import { tempDir } from '../helpers/tmp';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Sealed layout (sealed-file.ts): header, then 64 KiB chunks each followed by a 16-byte tag. */
const HEADER = 5 + 12 + 32 + 16 + 8;

/** Reads [from, size) in pieces of `piece` bytes, as the tus chunk source does; the bytes read, or the error. */
async function readFrom(r: CheckedReader, from: number, piece: number): Promise<Buffer | Error> {
  const parts: Buffer[] = [];
  try {
    for (let at = from; at < r.size; ) {
      const b = Buffer.alloc(Math.min(piece, r.size - at));
      const { bytesRead } = await r.read(b, 0, b.length, at);
      parts.push(b.subarray(0, bytesRead));
      at += bytesRead;
    }
    return Buffer.concat(parts);
  } catch (e) {
    return e as Error;
  }
}

const script = findWorkerScript('unseal-worker');

/** Where the store decrypts a reader's chunks: on the reader's thread, or on the unseal thread (the app's store has one). */
type Where = 'here' | 'thread';
function storeFor(where: Where, dir: string, master: Buffer): { files: ContentStore; close: () => Promise<void> } {
  if (where === 'here') return { files: new ContentStore(dir, master), close: async () => undefined };
  expect(script, 'npm run build bundles dist/workers/unseal-worker.cjs').not.toBeNull();
  const thread = new UnsealThread(script!);
  return { files: new ContentStore(dir, master, thread), close: () => thread.close() };
}
const kindOf = (where: Where) => (where === 'here' ? VerifiedReader : ThreadReader);

/**
 * v2: what the store writes now (the last chunk bound to the name: another file fails its tag, SealError);
 * v1: files sealed before, written here with the v1 writer (hashed as read: ContentMismatch).
 * Each on the reader's thread and on the unseal thread: the same rules, the same errors.
 */
describe.each([
  ['v2', SealError, 'here'],
  ['v1', ContentMismatch, 'here'],
  ['v2', SealError, 'thread'],
  ['v1', ContentMismatch, 'thread'],
] as const)('verified reader (%s files, decrypted %s): a stored file read by position and checked against its name in the same pass', (format, Mismatch, where) => {
  let t: ReturnType<typeof tempDir>;
  let master: Buffer;
  let files: ContentStore;
  let closeStore: () => Promise<void>;
  let bytes: Buffer;
  let other: Buffer;
  beforeEach(() => {
    t = tempDir('motcua-verified-');
    master = randomBytes(32);
    ({ files, close: closeStore } = storeFor(where, join(t.dir, 'files'), master));
    bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5 * SEAL_CHUNK + 321)]);
    // Same size, same bytes except the first chunk: a swap only a hash over the skipped prefix sees.
    other = Buffer.from(bytes);
    other.fill(0x41, 100, 200);
  });
  afterEach(async () => {
    await closeStore();
    t.cleanup();
  });

  /** `content` stored in this test's format. */
  async function put(content: Buffer, name: string) {
    const stored = await files.putPieces([content], name, 'application/pdf');
    if (format === 'v1') writeFileSync(stored.path, sealBuffer(master, content));
    return stored;
  }

  /** `other`, validly sealed with this store's key, put in place of `bytes` under bytes' name. */
  async function swapped(): Promise<string> {
    const a = await put(bytes, 'a.pdf');
    const b = await put(other, 'b.pdf');
    writeFileSync(a.path, readFileSync(b.path));
    return a.sha256;
  }

  it('an intact file reads whole, in pieces across seal chunks, and again from an earlier position', async () => {
    const stored = await put(bytes, 'a.pdf');
    const r = await files.openVerified(stored.sha256);
    expect(r).toBeInstanceOf(kindOf(where));
    try {
      const got = await readFrom(r, 0, 3 * SEAL_CHUNK + 7);
      expect(Buffer.isBuffer(got) && got.equals(bytes)).toBe(true);
      // The server kept part of a chunk: the tus client reads from there again.
      const again = await readFrom(r, SEAL_CHUNK + 5, 2 * SEAL_CHUNK);
      expect(Buffer.isBuffer(again) && again.equals(bytes.subarray(SEAL_CHUNK + 5))).toBe(true);
      expect(r.failure).toBeNull();
    } finally {
      await r.close();
    }
  });

  it('read as the tus uploader reads it (its chunk source, two buffers of the reader’s own, in turn): byte for byte, and the buffers are wiped on close', async () => {
    const stored = await put(bytes, 'a.pdf');
    const r = await files.openVerified(stored.sha256);
    // The buffers the chunk source takes from the reader (the thread's shared memory); none from the reader's own thread.
    const handed: Buffer[] = [];
    const allocate = r.allocate?.bind(r);
    if (allocate) r.allocate = (n) => handed[handed.push(allocate(n)) - 1]!;
    const chunks = new ChunkSource(r, r.size, 2 * SEAL_CHUNK + 100, true);
    const got: Buffer[] = [];
    try {
      for (let at = 0; at < r.size; ) {
        const c = await chunks.read(at);
        expect(await c.digest).toBe(createHash('sha256').update(c.data).digest('base64'));
        got.push(Buffer.from(c.data));
        at += c.data.length;
      }
      expect(Buffer.concat(got).equals(bytes)).toBe(true);
      expect(r.failure).toBeNull();
    } finally {
      await r.close();
    }
    expect(handed.length).toBe(where === 'thread' ? 2 : 0);
    for (const b of handed) expect(b.equals(Buffer.alloc(b.length)), 'a chunk buffer still holds clear bytes').toBe(true);
  });

  it('a resumed read (from the server offset): an intact file reads, a file differing only in the prefix it skips does not (v1: that prefix is hashed; v2: the last chunk is bound to the name)', async () => {
    const stored = await put(bytes, 'a.pdf');
    const ok = await files.openVerified(stored.sha256);
    try {
      const got = await readFrom(ok, 2 * SEAL_CHUNK + 9, SEAL_CHUNK);
      expect(Buffer.isBuffer(got) && got.equals(bytes.subarray(2 * SEAL_CHUNK + 9))).toBe(true);
    } finally {
      await ok.close();
    }
    const name = await swapped();
    const bad = await files.openVerified(name);
    try {
      // Every byte from the offset on is the right one; the difference is in the prefix the upload skips.
      const got = await readFrom(bad, 2 * SEAL_CHUNK + 9, SEAL_CHUNK);
      expect(got).toBeInstanceOf(Mismatch);
      expect(bad.failure).toBe(got);
    } finally {
      await bad.close();
    }
  });

  it('another validly sealed file under this name: every read before the end is handed out, the read that reaches the end throws, and keeps throwing', async () => {
    const r = await files.openVerified(await swapped());
    try {
      const first = Buffer.alloc(4 * SEAL_CHUNK);
      expect((await r.read(first, 0, first.length, 0)).bytesRead).toBe(first.length);
      const last = Buffer.alloc(r.size - first.length);
      await expect(r.read(last, 0, last.length, first.length)).rejects.toBeInstanceOf(Mismatch);
      // The last bytes it decrypted are not left in the caller's buffer.
      expect(last.equals(Buffer.alloc(last.length))).toBe(true);
      await expect(r.read(Buffer.alloc(10), 0, 10, 0)).rejects.toBeInstanceOf(Mismatch);
    } finally {
      await r.close();
    }
  });

  it('a changed byte in a later seal chunk throws SealError at that chunk, before the end, and is the failure', async () => {
    const stored = await put(bytes, 'a.pdf');
    const sealed = readFileSync(stored.path);
    sealed[HEADER + 3 * (SEAL_CHUNK + 16) + 10]! ^= 1;
    writeFileSync(stored.path, sealed);
    const r = await files.openVerified(stored.sha256);
    try {
      const head = Buffer.alloc(2 * SEAL_CHUNK);
      expect((await r.read(head, 0, head.length, 0)).bytesRead).toBe(head.length);
      expect(head.equals(bytes.subarray(0, head.length))).toBe(true);
      // Chunk 2 opens and is copied in before chunk 3 fails: the buffer is left with neither.
      const rest = Buffer.alloc(2 * SEAL_CHUNK);
      await expect(r.read(rest, 0, rest.length, 2 * SEAL_CHUNK)).rejects.toBeInstanceOf(SealError);
      expect(rest.equals(Buffer.alloc(rest.length))).toBe(true);
      expect(r.failure).toBeInstanceOf(SealError);
    } finally {
      await r.close();
    }
  });

  it('a missing file or one sealed under another key does not open', async () => {
    await expect(files.openVerified(sha(Buffer.from('never stored')))).rejects.toThrow();
    const stored = await put(bytes, 'a.pdf');
    const elsewhere = new ContentStore(join(t.dir, 'files'), randomBytes(32));
    await expect(elsewhere.openVerified(stored.sha256)).rejects.toBeInstanceOf(SealError);
  });
});

describe.each(['here', 'thread'] as const)('verified reader (decrypted %s): closing while a read is under way (an upload that ended on a network failure, its read-ahead still running)', (where) => {
  let t: ReturnType<typeof tempDir>;
  let store: ReturnType<typeof storeFor>;
  beforeEach(() => {
    t = tempDir('motcua-verified-close-');
    store = storeFor(where, join(t.dir, 'files'), randomBytes(32));
  });
  afterEach(async () => {
    await store.close();
    t.cleanup();
  });

  it('close waits for the read: it completes, and no failure is made up by a closed handle', async () => {
    const { files } = store;
    // Several of the sealed reader's 1 MiB disk batches, so the read awaits the disk more than once.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024)]);
    const stored = await files.putPieces([bytes], 'a.pdf', 'application/pdf');
    const r = await files.openVerified(stored.sha256);
    expect(r).toBeInstanceOf(kindOf(where));
    const buf = Buffer.alloc(bytes.length);
    const read = r.read(buf, 0, buf.length, 0);
    read.catch(() => undefined);
    await r.close();
    expect((await read).bytesRead).toBe(bytes.length);
    expect(buf.equals(bytes)).toBe(true);
    expect(r.failure).toBeNull();
  });
});

describe('verified reader on the unseal thread: a thread that fails costs the read, never calls the file bad', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir('motcua-verified-thread-');
  });
  afterEach(() => t.cleanup());
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024)]);

  it('the thread ends under a read: that read and the next fail without a failure, the buffer is left empty, close starts no thread; the file opens again on a new one', async () => {
    const thread = new UnsealThread(script!);
    const files = new ContentStore(join(t.dir, 'files'), randomBytes(32), thread);
    try {
      const stored = await files.putPieces([bytes], 'a.pdf', 'application/pdf');
      const r = await files.openVerified(stored.sha256);
      expect(r).toBeInstanceOf(ThreadReader);
      const buf = r.allocate!(bytes.length);
      const read = r.read(buf, 0, buf.length, 0);
      await thread.close();
      await expect(read).rejects.toThrow();
      expect(buf.equals(Buffer.alloc(buf.length)), 'clear bytes of the failed read').toBe(true);
      // A new thread does not have this reader: its read fails as the thread's, not the file's.
      await expect(r.read(Buffer.alloc(10), 0, 10, 0)).rejects.toThrow(/ended/);
      expect(r.failure).toBeNull();
      await r.close();
      const again = await files.openVerified(stored.sha256);
      try {
        expect(again).toBeInstanceOf(ThreadReader);
        const whole = Buffer.alloc(bytes.length);
        expect((await again.read(whole, 0, whole.length, 0)).bytesRead).toBe(bytes.length);
        expect(whole.equals(bytes)).toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      await thread.close();
    }
  });

  it('a thread that cannot start: the file is read on the reader’s thread, alike', async () => {
    const thread = new UnsealThread(join(t.dir, 'no-such-worker.cjs'));
    const files = new ContentStore(join(t.dir, 'files'), randomBytes(32), thread);
    try {
      const stored = await files.putPieces([bytes], 'a.pdf', 'application/pdf');
      const r = await files.openVerified(stored.sha256);
      try {
        expect(r).toBeInstanceOf(VerifiedReader);
        const whole = Buffer.alloc(bytes.length);
        await r.read(whole, 0, whole.length, 0);
        expect(whole.equals(bytes)).toBe(true);
      } finally {
        await r.close();
      }
      // The file's own fault is still the answer, not the thread's.
      await expect(files.openVerified('0'.repeat(64))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await thread.close();
    }
  });
});

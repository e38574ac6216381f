import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentStore } from '../../../electron/node/files/content-store';
import { SealError, SEAL_CHUNK, sealBuffer } from '../../../electron/node/files/sealed-file';
import { ContentMismatch, type VerifiedReader } from '../../../electron/node/files/verified-reader';
import { tempDir } from '../../helpers/tmp';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Sealed layout (sealed-file.ts): header, then 64 KiB chunks each followed by a 16-byte tag. */
const HEADER = 5 + 12 + 32 + 16 + 8;

/** Reads [from, size) in pieces of `piece` bytes, as the tus chunk source does; the bytes read, or the error. */
async function readFrom(r: VerifiedReader, from: number, piece: number): Promise<Buffer | Error> {
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

/**
 * v2: what the store writes now (the last chunk bound to the name: another file fails its tag, SealError);
 * v1: files sealed before, written here with the v1 writer (hashed as read: ContentMismatch).
 */
describe.each([
  ['v2', SealError],
  ['v1', ContentMismatch],
] as const)('verified reader (%s files): a stored file read by position and checked against its name in the same pass', (format, Mismatch) => {
  let t: ReturnType<typeof tempDir>;
  let master: Buffer;
  let files: ContentStore;
  let bytes: Buffer;
  let other: Buffer;
  beforeEach(() => {
    t = tempDir('motcua-verified-');
    master = randomBytes(32);
    files = new ContentStore(join(t.dir, 'files'), master);
    bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5 * SEAL_CHUNK + 321)]);
    // Same size, same bytes except the first chunk: a swap only a hash over the skipped prefix sees.
    other = Buffer.from(bytes);
    other.fill(0x41, 100, 200);
  });
  afterEach(() => t.cleanup());

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

describe('verified reader: closing while a read is under way (an upload that ended on a network failure, its read-ahead still running)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir('motcua-verified-close-');
  });
  afterEach(() => t.cleanup());

  it('close waits for the read: it completes, and no failure is made up by a closed handle', async () => {
    const files = new ContentStore(join(t.dir, 'files'), randomBytes(32));
    // Several of the sealed reader's 1 MiB disk batches, so the read awaits the disk more than once.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024)]);
    const stored = await files.putPieces([bytes], 'a.pdf', 'application/pdf');
    const r = await files.openVerified(stored.sha256);
    const buf = Buffer.alloc(bytes.length);
    const read = r.read(buf, 0, buf.length, 0);
    read.catch(() => undefined);
    await r.close();
    expect((await read).bytesRead).toBe(bytes.length);
    expect(buf.equals(bytes)).toBe(true);
    expect(r.failure).toBeNull();
  });
});

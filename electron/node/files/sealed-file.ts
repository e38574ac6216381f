import { createHash } from 'node:crypto';
import { close, fstat, open, read } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open as openHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { aadOf, bindingFor, HEADER, newHeader, openChunk, plainSize, SEAL_CHUNK, SealError, sealChunk, TAG, unwrap } from './seal-format';

/**
 * Files at rest (scans, attachments, result documents) are sealed with AES-256-GCM under a key of
 * their own, itself wrapped by the data directory's file key; so a file copied out of the data
 * directory is noise, and a changed or cut file fails to open rather than reading wrong. The format,
 * and why a v2 file needs no hash pass to be known as the content it is named after: seal-format.ts.
 */
export { fileMasterKey, isSealed, plainSize, SEAL_CHUNK, SealError, sealVersion } from './seal-format';

/**
 * Writes `size` plain bytes, read chunk by chunk from `read`, sealed (v2: bound to their sha256) to
 * `out`, and returns that sha256. The bytes are hashed as they are sealed, so the last chunk binds
 * what was sealed; `digest` skips that hash when the caller has just hashed these very bytes in
 * memory (pieces that cannot change underneath). Memory stays at one chunk whatever the file size;
 * the caller owns temp naming, fsync and rename.
 */
export async function sealTo(master: Buffer, out: FileHandle, size: number, read: (buf: Buffer, position: number) => Promise<number>, digest?: Buffer): Promise<Buffer> {
  const { head, fileKey, prefix } = newHeader(master, 2);
  await writeAll(out, head);
  const h = digest ? null : createHash('sha256');
  let bound = digest ?? null;
  const chunks = Math.max(1, Math.ceil(size / SEAL_CHUNK));
  const buf = Buffer.alloc(Math.min(SEAL_CHUNK, Math.max(size, 1)));
  for (let i = 0; i < chunks; i++) {
    const len = Math.min(SEAL_CHUNK, size - i * SEAL_CHUNK);
    let got = 0;
    while (got < len) {
      const n = await read(buf.subarray(got, len), i * SEAL_CHUNK + got);
      if (n === 0) throw new SealError('the source ended early');
      got += n;
    }
    const plain = buf.subarray(0, len);
    h?.update(plain);
    const last = i === chunks - 1;
    if (last && h) bound = h.digest();
    await writeAll(out, sealChunk(fileKey, prefix, i, aadOf(last, bound), plain));
  }
  buf.fill(0);
  return bound!;
}

/** v1, unbound: only where a test or a migration needs a file as older versions wrote it. */
export function sealBuffer(master: Buffer, plain: Buffer | Uint8Array): Buffer {
  return sealWhole(master, plain, null);
}

/**
 * v2 bound to `binding` (32 bytes) that is not the content's hash: a generated document bound to
 * its file name (document-vault.ts `sealDocument`), so a receipt copied over another's name fails to open.
 */
export function sealBound(master: Buffer, plain: Buffer | Uint8Array, binding: Buffer): Buffer {
  return sealWhole(master, plain, binding);
}

/** v2, bound to the content's sha256 (`digest` when the caller has just hashed these bytes): for the content store. */
export function sealContent(master: Buffer, plain: Buffer | Uint8Array, digest?: Buffer): Buffer {
  return sealBound(master, plain, digest ?? createHash('sha256').update(plain).digest());
}

function sealWhole(master: Buffer, plain: Buffer | Uint8Array, bound: Buffer | null): Buffer {
  const data = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  const { head, fileKey, prefix } = newHeader(master, bound ? 2 : 1);
  const chunks = Math.max(1, Math.ceil(data.length / SEAL_CHUNK));
  const parts = [head];
  for (let i = 0; i < chunks; i++) {
    parts.push(sealChunk(fileKey, prefix, i, aadOf(i === chunks - 1, bound), data.subarray(i * SEAL_CHUNK, (i + 1) * SEAL_CHUNK)));
  }
  return Buffer.concat(parts);
}

/**
 * What makes a whole read "the content named `name`": nothing more for a v2 file (its last chunk
 * opened under the name), a sha256 over the plain chunks for a v1 file; nothing without a name.
 */
function nameCheck(bound: boolean, name: Buffer | undefined): { seen?: (plain: Buffer) => void; check: () => void } {
  if (bound || !name) return { check: () => undefined };
  const h = createHash('sha256');
  return {
    seen: (plain) => void h.update(plain),
    check: () => {
      if (!h.digest().equals(name)) throw new SealError('the content does not match the name it is read under');
    },
  };
}

/** `v1: 'open'`: the name given is a binding (a document's), and a v1 file, which has none, opens unchecked. */
export interface ReadOptions {
  readonly v1?: 'hash' | 'open';
}

/** How many sealed chunks one disk read takes (about 1 MiB): few reads, and memory stays small whatever the file size. */
const READ_CHUNKS = 16;

/**
 * Random access to the plain bytes of a sealed file, with the shape of `FileHandle.read`, so a
 * reader by position (the tus chunk source, a whole-file read) takes a sealed file as it would a
 * plain one, and no plain copy is written anywhere. Each chunk is authenticated before a byte of it
 * is handed out; a changed, cut or reordered chunk throws SealError. Chunks are read from the disk
 * about 1 MiB at a time into two reused buffers (one read ahead), and each is copied once from the
 * cipher's output into the caller's buffer (no concatenation). One read at a time, as a reader by
 * position that reads ahead one chunk does (the tus chunk source).
 */
export class SealedReader {
  readonly #iv = Buffer.alloc(12);
  readonly #sealed: Array<Buffer | undefined> = [];
  #busy = false;

  private constructor(
    private readonly fh: FileHandle,
    private readonly fileKey: Buffer,
    prefix: Buffer,
    /** The plain size. */
    readonly size: number,
    private readonly chunks: number,
    /** What the last chunk is opened with beside the last flag: the name, for a v2 file. */
    private readonly binding: Buffer | null,
    /** The name it was opened under, if any: `readAll` checks a v1 file's content against it (unless `v1: 'open'`). */
    private readonly name: Buffer | undefined,
  ) {
    prefix.copy(this.#iv, 0);
  }

  /** True when the last chunk authenticates the name the file was opened under (v2): reaching it proves the content is that name's. */
  get bound(): boolean {
    return this.binding !== null;
  }

  /**
   * `name`: the sha256 the file is looked up under (32 bytes). A v2 file opens only with it, and its
   * last chunk fails unless it was sealed for that content; a v1 file opens with or without it.
   * `v1: 'open'`: `name` is a binding, not a content hash (a document's, document-vault.ts): a v1
   * file, sealed before documents were bound, opens unchecked as it always did.
   */
  static async open(master: Buffer, path: string, name?: Buffer, o: ReadOptions = {}): Promise<SealedReader> {
    const fh = await openHandle(path, 'r');
    try {
      const { size } = await fh.stat();
      const plain = plainSize(size);
      if (plain === null) throw new SealError('a sealed file of impossible size (cut)');
      const head = Buffer.alloc(HEADER);
      await readFully(fh, head, 0);
      const { fileKey, prefix, version } = unwrap(master, head);
      return new SealedReader(fh, fileKey, prefix, plain, Math.max(1, Math.ceil(plain / SEAL_CHUNK)), bindingFor(version, name), o.v1 === 'open' ? undefined : name);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /**
   * Plain bytes [position, position + length) into buffer[offset…]; fewer only at the end of the file.
   * `seen` gets the plain bytes of each chunk as they are copied out, with their position, while
   * they are still in the CPU's cache (a hash over them costs less there than over the buffer after).
   */
  async read(buffer: Buffer, offset: number, length: number, position: number, seen?: (plain: Buffer, at: number) => void): Promise<{ bytesRead: number; buffer: Buffer }> {
    const end = Math.min(this.size, position + length);
    if (position >= end) {
      // An empty file's one chunk is still opened: a read of it is then as checked (its tag, and for a v2 file its name) as any other.
      if (this.size === 0) await this.#run(0, 0, () => undefined);
      return { bytesRead: 0, buffer };
    }
    await this.#run(Math.floor(position / SEAL_CHUNK), Math.floor((end - 1) / SEAL_CHUNK), (i, plain) => {
      const at = i * SEAL_CHUNK;
      const from = Math.max(position, at) - at;
      const to = Math.min(end, at + plain.length) - at;
      plain.copy(buffer, offset + at + from - position, from, to);
      seen?.(plain.subarray(from, to), at + from);
    });
    return { bytesRead: end - position, buffer };
  }

  /**
   * Every chunk in order, each authenticated, to `each` (an empty file has one chunk: its tag is
   * checked too); opened under a name, SealError unless the content is that name's (nameCheck).
   */
  async readAll(each: (plain: Buffer) => Promise<void> | void): Promise<void> {
    const { seen, check } = nameCheck(this.bound, this.name);
    await this.#run(0, this.chunks - 1, (_i, plain) => {
      seen?.(plain);
      return each(plain);
    });
    check();
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  /**
   * Chunks `from` … `to` in order, each opened, to `got`. The disk read of the next batch (about
   * 1 MiB, into the other of two reused buffers) runs while this batch is decrypted, so the read
   * costs little beside the decryption.
   */
  async #run(from: number, to: number, got: (index: number, plain: Buffer) => Promise<void> | void): Promise<void> {
    // The two read buffers are this reader's own: a second read while one runs would read into them.
    if (this.#busy) throw new Error('SealedReader: one read at a time');
    this.#busy = true;
    try {
      await this.#batches(from, to, got);
    } finally {
      this.#busy = false;
    }
  }

  async #batches(from: number, to: number, got: (index: number, plain: Buffer) => Promise<void> | void): Promise<void> {
    let next: Promise<Buffer> | null = this.#fetch(from, to, 0);
    for (let first = from, turn = 0; next; first += READ_CHUNKS, turn ^= 1) {
      const sealed: Buffer = await next;
      next = first + READ_CHUNKS <= to ? this.#fetch(first + READ_CHUNKS, to, turn ^ 1) : null;
      // A failure below stops awaiting the read ahead: its own failure must not surface as unhandled.
      next?.catch(() => undefined);
      for (let i = first, at = 0; i <= Math.min(to, first + READ_CHUNKS - 1); i++) {
        const len = this.#lenOf(i);
        await got(i, this.#open(i, sealed.subarray(at, at + len)));
        at += len;
      }
    }
  }

  /** The sealed bytes of chunks first … min(to, first + READ_CHUNKS − 1), with one disk read into buffer `turn`. */
  async #fetch(first: number, to: number, turn: number): Promise<Buffer> {
    let total = 0;
    for (let i = first; i <= Math.min(to, first + READ_CHUNKS - 1); i++) total += this.#lenOf(i);
    const buf = (this.#sealed[turn] ??= Buffer.allocUnsafe(Math.min(READ_CHUNKS * (SEAL_CHUNK + TAG), this.size + this.chunks * TAG)));
    const sealed = buf.subarray(0, total);
    await readFully(this.fh, sealed, HEADER + first * (SEAL_CHUNK + TAG));
    return sealed;
  }

  #lenOf(index: number): number {
    return Math.min(SEAL_CHUNK, this.size - index * SEAL_CHUNK) + TAG;
  }

  #open(index: number, sealed: Buffer): Buffer {
    return openChunk(this.fileKey, this.#iv, index, aadOf(index === this.chunks - 1, this.binding), sealed);
  }
}

/**
 * A small sealed file's whole plain content, for a one-PATCH upload: one open, one fstat, one read
 * and one close (callback fs, no FileHandle), where `sizeOf` then `unsealToBuffer` took a stat, an
 * open, a stat, two reads and a close, and a second buffer of the file's size. Each chunk is opened
 * and copied back into the buffer it was read into, where the plain bytes fit before the sealed
 * bytes still to open (chunk i lands at i × 64 KiB, its sealed bytes start after the header and i
 * tags further on); so the file costs one buffer. SealError unless the file has the sealed size of
 * `expected` plain bytes (cut, or another file), which also bounds what is read into memory; with
 * `expected` null, any size a sealed file can have (the caller takes the whole file in memory
 * anyway: the unseal thread). With `name` (the sha256 it is stored under), SealError unless the
 * content is that name's (unsealToBuffer).
 */
export async function unsealSmall(master: Buffer, path: string, expected: number | null, name?: Buffer): Promise<Buffer> {
  const fd = await fsOpen(path, 'r');
  let buf: Buffer;
  let plain: number;
  try {
    const { size } = await fsFstat(fd);
    const sized = plainSize(size);
    if (sized === null || (expected !== null && sized !== expected)) throw new SealError('a sealed file of another size than expected');
    plain = sized;
    buf = Buffer.allocUnsafe(size);
    for (let got = 0; got < size; ) {
      const n = await fsRead(fd, buf, got, size - got, got);
      if (n === 0) throw new SealError('the sealed file ends early');
      got += n;
    }
  } finally {
    await fsClose(fd);
  }
  try {
    const { fileKey, prefix, version } = unwrap(master, buf.subarray(0, HEADER));
    const binding = bindingFor(version, name);
    const { seen, check } = nameCheck(binding !== null, name);
    const iv = Buffer.alloc(12);
    prefix.copy(iv, 0);
    const chunks = Math.max(1, Math.ceil(plain / SEAL_CHUNK));
    for (let i = 0, at = HEADER; i < chunks; i++) {
      const len = Math.min(SEAL_CHUNK, plain - i * SEAL_CHUNK) + TAG;
      const piece = openChunk(fileKey, iv, i, aadOf(i === chunks - 1, binding), buf.subarray(at, at + len));
      seen?.(piece);
      piece.copy(buf, i * SEAL_CHUNK);
      // The cipher's output would otherwise hold this chunk in clear until the garbage collector runs.
      piece.fill(0);
      at += len;
    }
    check();
    return buf.subarray(0, plain);
  } catch (e) {
    // Chunks opened before the failing one are clear bytes of a file that will not be handed out.
    buf.fill(0);
    throw e;
  }
}

const fsOpen = promisify(open);
const fsFstat = promisify(fstat);
const fsClose = promisify(close);
const fsRead = (fd: number, buf: Buffer, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) => read(fd, buf, offset, length, position, (e, n) => (e ? reject(e) : resolve(n))));

/**
 * Reads a sealed file chunk by chunk, handing each plain chunk to `each` in order; throws SealError on
 * any change, and with `name` unless the content is that name's (as unsealToBuffer).
 */
export async function unsealEach(master: Buffer, path: string, each: (plain: Buffer) => Promise<void> | void, name?: Buffer): Promise<number> {
  const r = await SealedReader.open(master, path, name);
  try {
    await r.readAll(each);
    return r.size;
  } finally {
    await r.close();
  }
}

/**
 * The whole plain content in one buffer of its exact size (no concatenation); memory is the file
 * plus about 2 MiB. With `name` (the sha256 the file is stored under, 32 bytes) it is that name's
 * content or SealError: a v2 file by its last chunk's tag, a v1 file by a sha256 over each chunk as
 * it is opened, still in the CPU's cache. Without, a v1 file opens unchecked and a v2 file not at all.
 * `o`: as for `SealedReader.open` (a document's binding instead of a content name).
 */
export async function unsealToBuffer(master: Buffer, path: string, name?: Buffer, o: ReadOptions = {}): Promise<Buffer> {
  const r = await SealedReader.open(master, path, name, o);
  const out = Buffer.allocUnsafe(r.size);
  try {
    let at = 0;
    await r.readAll((plain) => {
      at += plain.copy(out, at);
      // The cipher's output would otherwise hold this chunk in clear until the garbage collector runs.
      plain.fill(0);
    });
    return out;
  } catch (e) {
    // Chunks opened before the failing one are clear bytes of a file that will not be handed out.
    out.fill(0);
    throw e;
  } finally {
    await r.close();
  }
}

async function readFully(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  for (let got = 0; got < buf.length; ) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, position + got);
    if (bytesRead === 0) throw new SealError('the sealed file ends early');
    got += bytesRead;
  }
}

async function writeAll(out: FileHandle, chunk: Buffer): Promise<void> {
  for (let done = 0; done < chunk.length; ) done += (await out.write(chunk, done, chunk.length - done, null)).bytesWritten;
}

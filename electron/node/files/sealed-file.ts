import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { close, fstat, open, read } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open as openHandle } from 'node:fs/promises';
import { promisify } from 'node:util';

/**
 * Files at rest (scans, attachments, result documents) are sealed with AES-256-GCM under a key of
 * their own, itself wrapped by the data directory's file key; so a file copied out of the data
 * directory is noise, and a changed or cut file fails to open rather than reading wrong.
 *
 *   "MCSF" | 1 | wrap iv (12) | wrapped file key (32) | wrap tag (16) | nonce prefix (8)
 *   then chunks of up to 64 KiB, each AES-256-GCM with iv = prefix ‖ chunk index (uint32 BE) and the
 *   additional data "last chunk or not", so dropping whole chunks at the end is detected too.
 */
const MAGIC = Buffer.from('MCSF\x01', 'latin1');
const HEADER = MAGIC.length + 12 + 32 + 16 + 8;
export const SEAL_CHUNK = 64 * 1024;
const TAG = 16;

/** The data directory's file key, derived from its database key (one secret to keep, two uses kept apart). */
export function fileMasterKey(dbKeyHex: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(dbKeyHex, 'hex'), Buffer.alloc(0), 'motcua/files/v1', 32));
}

export function isSealed(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

export class SealError extends Error {}

function header(master: Buffer): { head: Buffer; fileKey: Buffer; prefix: Buffer } {
  const fileKey = randomBytes(32);
  const iv = randomBytes(12);
  const wrap = createCipheriv('aes-256-gcm', master, iv);
  const wrapped = Buffer.concat([wrap.update(fileKey), wrap.final()]);
  const prefix = randomBytes(8);
  return { head: Buffer.concat([MAGIC, iv, wrapped, wrap.getAuthTag(), prefix]), fileKey, prefix };
}

function unwrap(master: Buffer, head: Buffer): { fileKey: Buffer; prefix: Buffer } {
  if (head.length < HEADER || !isSealed(head)) throw new SealError('not a sealed file');
  let o = MAGIC.length;
  const iv = head.subarray(o, (o += 12));
  const wrapped = head.subarray(o, (o += 32));
  const tag = head.subarray(o, (o += 16));
  const prefix = Buffer.from(head.subarray(o, o + 8));
  try {
    const d = createDecipheriv('aes-256-gcm', master, iv);
    d.setAuthTag(tag);
    return { fileKey: Buffer.concat([d.update(wrapped), d.final()]), prefix };
  } catch {
    throw new SealError('the file key does not open with this data directory key');
  }
}

const ivOf = (prefix: Buffer, index: number) => {
  const iv = Buffer.alloc(12);
  prefix.copy(iv, 0);
  iv.writeUInt32BE(index, 8);
  return iv;
};

function sealChunk(fileKey: Buffer, prefix: Buffer, index: number, last: boolean, plain: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', fileKey, ivOf(prefix, index));
  c.setAAD(Buffer.from([last ? 1 : 0]));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/**
 * Writes `size` plain bytes, read chunk by chunk from `read`, sealed to `out`. Memory stays at one
 * chunk whatever the file size; the caller owns temp naming, fsync and rename.
 */
export async function sealTo(master: Buffer, out: FileHandle, size: number, read: (buf: Buffer, position: number) => Promise<number>): Promise<void> {
  const { head, fileKey, prefix } = header(master);
  await writeAll(out, head);
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
    await writeAll(out, sealChunk(fileKey, prefix, i, i === chunks - 1, buf.subarray(0, len)));
  }
}

export function sealBuffer(master: Buffer, plain: Buffer | Uint8Array): Buffer {
  const data = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  const { head, fileKey, prefix } = header(master);
  const chunks = Math.max(1, Math.ceil(data.length / SEAL_CHUNK));
  const parts = [head];
  for (let i = 0; i < chunks; i++) parts.push(sealChunk(fileKey, prefix, i, i === chunks - 1, data.subarray(i * SEAL_CHUNK, (i + 1) * SEAL_CHUNK)));
  return Buffer.concat(parts);
}

/** The plain size of a sealed file of `sealedSize` bytes, or null when no sealed file has that size. */
export function plainSize(sealedSize: number): number | null {
  const body = sealedSize - HEADER;
  if (body < TAG) return null;
  const full = Math.floor(body / (SEAL_CHUNK + TAG));
  const rest = body - full * (SEAL_CHUNK + TAG);
  if (rest === 0) return full * SEAL_CHUNK;
  return rest < TAG ? null : full * SEAL_CHUNK + rest - TAG;
}

/** How many sealed chunks one disk read takes (about 1 MiB): few reads, and memory stays small whatever the file size. */
const READ_CHUNKS = 16;
const AAD = [Buffer.from([0]), Buffer.from([1])] as const;

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
  ) {
    prefix.copy(this.#iv, 0);
  }

  static async open(master: Buffer, path: string): Promise<SealedReader> {
    const fh = await openHandle(path, 'r');
    try {
      const { size } = await fh.stat();
      const plain = plainSize(size);
      if (plain === null) throw new SealError('a sealed file of impossible size (cut)');
      const head = Buffer.alloc(HEADER);
      await readFully(fh, head, 0);
      const { fileKey, prefix } = unwrap(master, head);
      return new SealedReader(fh, fileKey, prefix, plain, Math.max(1, Math.ceil(plain / SEAL_CHUNK)));
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
    if (position >= end) return { bytesRead: 0, buffer };
    await this.#run(Math.floor(position / SEAL_CHUNK), Math.floor((end - 1) / SEAL_CHUNK), (i, plain) => {
      const at = i * SEAL_CHUNK;
      const from = Math.max(position, at) - at;
      const to = Math.min(end, at + plain.length) - at;
      plain.copy(buffer, offset + at + from - position, from, to);
      seen?.(plain.subarray(from, to), at + from);
    });
    return { bytesRead: end - position, buffer };
  }

  /** Every chunk in order, each authenticated, to `each` (an empty file has one chunk: its tag is checked too). */
  readAll(each: (plain: Buffer) => Promise<void> | void): Promise<void> {
    return this.#run(0, this.chunks - 1, (_i, plain) => each(plain));
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
    return openChunk(this.fileKey, this.#iv, index, index === this.chunks - 1, sealed);
  }
}

/** Chunk `index` (its sealed bytes, tag last) opened with `iv` (the file's prefix, the index is written in); SealError when it does not authenticate. */
function openChunk(fileKey: Buffer, iv: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  iv.writeUInt32BE(index, 8);
  const d = createDecipheriv('aes-256-gcm', fileKey, iv);
  d.setAAD(AAD[last ? 1 : 0]);
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = d.update(sealed.subarray(0, sealed.length - TAG));
  try {
    d.final();
  } catch {
    plain.fill(0);
    throw new SealError(`chunk ${index} was changed, cut or reordered`);
  }
  return plain;
}

/**
 * A small sealed file's whole plain content, for a one-PATCH upload: one open, one fstat, one read
 * and one close (callback fs, no FileHandle), where `sizeOf` then `unsealToBuffer` took a stat, an
 * open, a stat, two reads and a close, and a second buffer of the file's size. Each chunk is opened
 * and copied back into the buffer it was read into, where the plain bytes fit before the sealed
 * bytes still to open (chunk i lands at i × 64 KiB, its sealed bytes start after the header and i
 * tags further on); so the file costs one buffer. SealError unless the file has the sealed size of
 * `plain` bytes (cut, or another file), which also bounds what is read into memory.
 */
export async function unsealSmall(master: Buffer, path: string, plain: number, seen?: (plain: Buffer) => void): Promise<Buffer> {
  const fd = await fsOpen(path, 'r');
  let buf: Buffer;
  try {
    const { size } = await fsFstat(fd);
    if (plainSize(size) !== plain) throw new SealError('a sealed file of another size than expected');
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
    const { fileKey, prefix } = unwrap(master, buf.subarray(0, HEADER));
    const iv = Buffer.alloc(12);
    prefix.copy(iv, 0);
    const chunks = Math.max(1, Math.ceil(plain / SEAL_CHUNK));
    for (let i = 0, at = HEADER; i < chunks; i++) {
      const len = Math.min(SEAL_CHUNK, plain - i * SEAL_CHUNK) + TAG;
      const piece = openChunk(fileKey, iv, i, i === chunks - 1, buf.subarray(at, at + len));
      seen?.(piece);
      piece.copy(buf, i * SEAL_CHUNK);
      // The cipher's output would otherwise hold this chunk in clear until the garbage collector runs.
      piece.fill(0);
      at += len;
    }
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

/** Reads a sealed file chunk by chunk, handing each plain chunk to `each` in order; throws SealError on any change. */
export async function unsealEach(master: Buffer, path: string, each: (plain: Buffer) => Promise<void> | void): Promise<number> {
  const r = await SealedReader.open(master, path);
  try {
    await r.readAll(each);
    return r.size;
  } finally {
    await r.close();
  }
}

/**
 * The whole plain content in one buffer of its exact size (no concatenation); memory is the file
 * plus about 2 MiB. `seen` gets each plain chunk as it is opened, while it is still in the CPU's
 * cache (a hash over the content costs less there than in a second pass over the buffer).
 */
export async function unsealToBuffer(master: Buffer, path: string, seen?: (plain: Buffer) => void): Promise<Buffer> {
  const r = await SealedReader.open(master, path);
  const out = Buffer.allocUnsafe(r.size);
  try {
    let at = 0;
    await r.readAll((plain) => {
      seen?.(plain);
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

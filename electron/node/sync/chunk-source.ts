import { createHash } from 'node:crypto';
import { failure } from '../../common/ipc/result';

/**
 * What reads a file by position: a `FileHandle`, or a `SealedReader` that decrypts a sealed file's
 * chunks as they are read (so a sealed scan is uploaded without a clear copy on disk).
 */
export interface PositionalReader {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** A buffer this reader fills without a copy (a sealed file decrypted on another thread writes into shared memory). */
  allocate?(size: number): Buffer;
}

/** A chunk to send and its tus Upload-Checksum (sha256, base64), or null when checksums are off. */
export interface Chunk {
  readonly data: Buffer;
  readonly digest: Promise<string> | null;
}

/**
 * The chunks of one upload, from memory or from a file (plain or sealed). A file is read into two buffers used in
 * turn: one chunk is on the wire while the next is read into the other, so no chunk is copied and
 * no buffer is allocated per chunk. A chunk's checksum is computed as soon as it is read, a slice at
 * a time between turns of the event loop, so the chunk before it keeps flowing to the socket.
 * (WebCrypto's digest was tried: it held the main thread about 150 ms per 8 MB chunk before handing
 * the hash to the thread pool, far longer than hashing here, about 10 ms.)
 */
export class ChunkSource {
  readonly #buffers: Buffer[] = [];
  #turn = 0;

  constructor(
    private readonly src: Buffer | PositionalReader,
    private readonly size: number,
    private readonly chunkSize: number,
    private readonly checksums: boolean,
    /** The whole file's checksum when known: a chunk that is the whole file is not hashed again. */
    private readonly known: string | null = null,
  ) {}

  /**
   * The chunk at `offset`. At most one read may be pending besides the chunk being sent, whose
   * buffer the read after next reuses. A rejection is also seen by whoever awaits the chunk.
   */
  read(offset: number): Promise<Chunk> {
    const len = Math.min(this.chunkSize, this.size - offset);
    const p = Buffer.isBuffer(this.src) ? Promise.resolve(this.#chunk(this.src.subarray(offset, offset + len), offset)) : this.#fromFile(this.src, offset, len);
    // An upload that fails stops awaiting its read-ahead: its failure must not surface as unhandled.
    p.catch(() => undefined);
    return p;
  }

  async #fromFile(fh: PositionalReader, offset: number, len: number): Promise<Chunk> {
    const i = this.#turn++ % 2;
    const n = Math.min(this.chunkSize, this.size);
    const buf = (this.#buffers[i] ??= fh.allocate?.(n) ?? Buffer.allocUnsafe(n)).subarray(0, len);
    for (let got = 0; got < len; ) {
      const { bytesRead } = await fh.read(buf, got, len - got, offset + got);
      if (!bytesRead) throw failure('internal', 'net.fileShorter');
      got += bytesRead;
    }
    return this.#chunk(buf, offset);
  }

  #chunk(data: Buffer, offset: number): Chunk {
    if (!this.checksums) return { data, digest: null };
    if (this.known && offset === 0 && data.length === this.size) return { data, digest: Promise.resolve(this.known) };
    const digest = sha256InSlices(data);
    digest.catch(() => undefined);
    return { data, digest };
  }
}

/** About a millisecond of hashing: long enough to cost little, short enough not to stall a socket. */
const HASH_SLICE = 1024 * 1024;

async function sha256InSlices(data: Buffer): Promise<string> {
  const h = createHash('sha256');
  for (let at = 0; at < data.length; at += HASH_SLICE) {
    if (at) await new Promise<void>((r) => setImmediate(r));
    h.update(data.subarray(at, at + HASH_SLICE));
  }
  return h.digest('base64');
}

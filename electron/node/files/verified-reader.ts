import { createHash } from 'node:crypto';
import { CheckedReader } from './checked-reader';
import type { SealedReader } from './sealed-file';

/** The stored content does not hash to the name it is stored under. */
export class ContentMismatch extends Error {}

/** Bytes of the skipped prefix of a resumed upload hashed per read: the sealed reader's own batch size. */
const PREFIX_READ = 1024 * 1024;

/**
 * A stored file read by position (the tus uploader) and checked against its name in the same pass:
 * one decryption for the upload instead of a `verify` pass before it.
 *
 * What the sealed format already guarantees: every 64 KiB chunk is authenticated (GCM) under a key of
 * this file alone, with its index in the IV and "last or not" in the additional data, and only whole
 * sizes open; so a changed, reordered, cut or extended file throws before a byte of the bad chunk is
 * handed out. What a v1 file does not: that the file under `sha256/ab/abcd…` holds that content. Another
 * validly sealed file (another scan of this data directory, copied or renamed over it, or one stored
 * under a wrong name by a bug) opens cleanly. The name is the attachment's identity at the province
 * (the dossier and the upload's metadata carry it), so that check stays. A v2 file (seal-format.ts)
 * makes it itself: its last chunk opens only under the name it was sealed for, so the read that
 * reaches the end throws SealError for another file, and nothing is hashed here. A v1 file is hashed
 * here as the bytes go:
 *
 * The whole file is hashed in order: bytes before a read's position that were never read (a resumed
 * upload starts at the server's offset) are read and hashed first, and the read that reaches the end
 * throws ContentMismatch unless the hash matches; so the chunk holding the last byte, the PATCH that
 * would complete the upload, never leaves. Bytes read again (the server kept part of a chunk) are not
 * hashed twice: the same authenticated chunk under the same key and IV opens to the same bytes.
 * A failure sticks: every read after it throws it again, and `failure` tells the caller why.
 */
export class VerifiedReader extends CheckedReader {
  readonly #hash = createHash('sha256');
  /** Plain bytes [0, #hashed) are in #hash. */
  #hashed = 0;
  #matched = false;

  constructor(
    private readonly inner: SealedReader,
    private readonly sha256: string,
  ) {
    super();
  }

  get size(): number {
    return this.inner.size;
  }

  protected async readChecked(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    try {
      if (this.inner.bound) return { bytesRead: (await this.inner.read(buffer, offset, length, position)).bytesRead };
      if (position > this.#hashed) await this.#hashUpTo(position);
      const { bytesRead } = await this.inner.read(buffer, offset, length, position, (plain, at) => this.#take(plain, at));
      if (this.#hashed === this.size && !this.#matched) {
        if (this.#hash.digest('hex') !== this.sha256) throw new ContentMismatch('the stored content does not match its sha256');
        this.#matched = true;
      }
      return { bytesRead };
    } catch (e) {
      // Clear bytes of a file that will not be sent stay nowhere (chunks before a bad one were copied in too).
      buffer.fill(0, offset, Math.min(buffer.length, offset + length));
      throw this.fail(e as Error);
    }
  }

  /** Closes the file once the read under way has ended (CheckedReader says why). */
  async close(): Promise<void> {
    await this.settled();
    await this.inner.close();
  }

  /** Hashes the part of plain bytes at `at` not hashed yet; pieces come in order, each from where the last ended or before. */
  #take(plain: Buffer, at: number): void {
    const end = at + plain.length;
    if (end <= this.#hashed) return;
    this.#hash.update(plain.subarray(Math.max(0, this.#hashed - at)));
    this.#hashed = end;
  }

  /** Reads and hashes the plain bytes [#hashed, end) that no read asked for. */
  async #hashUpTo(end: number): Promise<void> {
    const scratch = Buffer.allocUnsafe(Math.min(PREFIX_READ, end - this.#hashed));
    try {
      while (this.#hashed < end) {
        const want = Math.min(scratch.length, end - this.#hashed);
        const { bytesRead } = await this.inner.read(scratch, 0, want, this.#hashed);
        if (!bytesRead) throw new Error('the sealed file is shorter than its size');
        this.#hash.update(scratch.subarray(0, bytesRead));
        this.#hashed += bytesRead;
      }
    } finally {
      scratch.fill(0);
    }
  }
}

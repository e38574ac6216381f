import type { WorkerChannel } from '../workers/worker-channel';
import { CheckedReader } from './checked-reader';
import { SealError } from './sealed-file';
import type { UnsealReply } from './unseal-thread';
import { ContentMismatch } from './verified-reader';

/** The thread the reader was opened on has ended (a new one does not have its file): not the file's fault. */
export class ReaderGone extends Error {}

/** A failed reply as the error the reader's thread would have thrown itself. */
export function replyError(m: UnsealReply & { ok: false }): Error {
  if (m.failure === 'seal') return new SealError(m.message);
  if (m.failure === 'mismatch') return new ContentMismatch(m.message);
  if (m.failure === 'gone') return new ReaderGone(m.message);
  return Object.assign(new Error(m.message), m.code ? { code: m.code } : {});
}

/**
 * A stored file read by position with the decryption on the unseal thread: a VerifiedReader kept
 * open there, with the same rules and the same errors (a chunk that does not open is SealError, a
 * whole that is not the name's content is ContentMismatch, either sticks and is the `failure`).
 *
 * Why a thread: the cipher hands out a new 64 KiB buffer per chunk, 50 MB of memory outside the
 * heap for a 50 MB scan, and V8 answers that much with a full collection of the reader's heap
 * (the app's main thread: one or two per upload, tens of ms each); on the thread the same garbage
 * costs a collection of a heap of a few MB. The cipher's CPU leaves the thread that feeds the
 * socket, too.
 *
 * The plain bytes go straight into memory both threads see: the uploader's chunk buffers come from
 * `allocate` (SharedArrayBuffer), so nothing is copied or moved per chunk; any other buffer is
 * filled through a scratch one. Buffers handed out are wiped on `close`. A thread that ends under a
 * read fails that read without a `failure`: the file is not at fault, the upload is tried again.
 */
export class ThreadReader extends CheckedReader {
  readonly #handedOut: Buffer[] = [];

  constructor(
    private readonly channel: WorkerChannel<UnsealReply>,
    private readonly handle: number,
    readonly size: number,
  ) {
    super();
  }

  /** A buffer the thread writes into directly (the tus chunk source's two). */
  override allocate(size: number): Buffer {
    const b = Buffer.from(new SharedArrayBuffer(size));
    this.#handedOut.push(b);
    return b;
  }

  protected async readChecked(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    const direct = buffer.buffer instanceof SharedArrayBuffer;
    const target = direct ? buffer : Buffer.from(new SharedArrayBuffer(length));
    const at = direct ? buffer.byteOffset + offset : 0;
    try {
      const m = await this.channel.request((id) => ({ kind: 'read', id, reader: this.handle, target: target.buffer as SharedArrayBuffer, offset: at, length, position }));
      if (!m.ok) {
        const e = replyError(m);
        throw e instanceof ReaderGone ? e : this.fail(e);
      }
      if (!direct) target.copy(buffer, offset, 0, m.bytesRead);
      return { bytesRead: m.bytesRead! };
    } catch (e) {
      // Clear bytes of a read that failed stay nowhere (the thread wipes what it wrote; a thread that died did not).
      if (direct) buffer.fill(0, offset, offset + length);
      throw e;
    } finally {
      if (!direct) target.fill(0);
    }
  }

  /**
   * Closes the file on the thread once the read under way has ended (as VerifiedReader's: an
   * upload that stops on a network failure leaves its read-ahead running), and wipes the buffers
   * it handed out: they held the file in clear.
   */
  async close(): Promise<void> {
    await this.settled();
    try {
      // A thread that ended took its file handle with it: none is started just to close nothing.
      if (this.channel.running) await this.channel.request((id) => ({ kind: 'close', id, reader: this.handle }));
    } catch {
      // As above: the thread ended while closing.
    } finally {
      for (const b of this.#handedOut) b.fill(0);
    }
  }
}

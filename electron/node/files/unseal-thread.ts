import { WorkerChannel } from '../workers/worker-channel';
import { unsealSmall } from './sealed-file';
import { ThreadReader, replyError } from './thread-reader';

/**
 * What the unseal thread is asked: a whole file (`unseal`), or a reader by position kept open there
 * (`open`, `read`, `close`). Keys are copies moved to the thread and wiped there after use.
 */
export type UnsealJob =
  | { readonly kind: 'unseal'; readonly id: number; readonly master: Uint8Array; readonly path: string; readonly name: Uint8Array | null }
  | { readonly kind: 'open'; readonly id: number; readonly master: Uint8Array; readonly path: string; readonly sha256: string }
  /** Plain bytes [position, position + length) into target[offset…], memory both threads see. */
  | { readonly kind: 'read'; readonly id: number; readonly reader: number; readonly target: SharedArrayBuffer; readonly offset: number; readonly length: number; readonly position: number }
  | { readonly kind: 'close'; readonly id: number; readonly reader: number };

/**
 * Why a job failed, as the reader's thread tells its errors apart: a file that does not open, one
 * that is not its name's content, the disk's error (with its code), or a reader this thread does not
 * have (it was opened on a thread that has since ended).
 */
export type UnsealFailure = 'seal' | 'mismatch' | 'io' | 'gone';

export type UnsealReply =
  | { readonly id: number; readonly ok: true; readonly plain?: Uint8Array; readonly size?: number; readonly bytesRead?: number }
  | { readonly id: number; readonly ok: false; readonly failure: UnsealFailure; readonly message: string; readonly code?: string };

/**
 * Stored files opened on a thread of its own (the bundled unseal-worker.cjs), so the reader's
 * thread goes on meanwhile.
 *
 * Whole (`unseal`), as `unsealSmall` with no size expected: read in one go and opened in place. A
 * 10 MB result costs about 8–12 ms of reading and AES-GCM; on the reader's thread that time is
 * added to whatever waits for the file. Here it runs beside that thread's other work: the signer
 * lists the token's certificates (a USB round trip per object on a real token) while its input
 * opens. The plain bytes come back moved, not copied. One thread: a file split across two (its
 * chunks open independently) was slower here, on two cores, than one thread beside the signer's.
 *
 * By position (`openVerified`): the tus uploader's reader, decrypting into shared memory
 * (thread-reader.ts says why).
 *
 * A file that does not open is a SealError, as on the reader's thread; a thread that failed
 * (crashed, could not start) costs time, not the read: the file is then opened on the reader's
 * thread.
 */
export class UnsealThread {
  readonly #channel: WorkerChannel<UnsealReply>;
  /** Files opened whole on the thread, and on the reader's after the thread failed. */
  readonly opened = { onThread: 0, here: 0 };

  constructor(script: string) {
    this.#channel = new WorkerChannel(script, 'unseal');
  }

  /** The content of the sealed file at `path`, checked against `name` (its sha256) as `unsealSmall` checks it. */
  async unseal(master: Buffer, path: string, name?: Buffer): Promise<Buffer> {
    const m = await this.#withKey(master, (key, id) => ({ kind: 'unseal', id, master: key, path, name: name ? new Uint8Array(name) : null })).catch(() => null);
    if (!m) {
      const plain = await unsealSmall(master, path, null, name);
      this.opened.here++;
      return plain;
    }
    // The file's own fault (SealError, the disk's) is the answer: reading it again here would say the same.
    if (!m.ok) throw replyError(m);
    this.opened.onThread++;
    return Buffer.from(m.plain!.buffer, m.plain!.byteOffset, m.plain!.byteLength);
  }

  /**
   * The sealed file at `path` as a reader by position that decrypts on the thread and checks the
   * content against `sha256` as it goes (VerifiedReader's rules). Rejects with the file's own error
   * (SealError, the disk's); null when the thread cannot take it (it could not start, or ended):
   * the caller then opens the file on its own thread.
   */
  async openVerified(master: Buffer, path: string, sha256: string): Promise<ThreadReader | null> {
    // The open's id names the reader on the thread: ids are never reused, not even by a new thread.
    const m = await this.#withKey(master, (key, id) => ({ kind: 'open', id, master: key, path, sha256 })).catch(() => null);
    if (!m) return null;
    if (!m.ok) throw replyError(m);
    return new ThreadReader(this.#channel, m.id, m.size!);
  }

  /** The thread's reply to `job`, which carries a copy of the key; rejects only when the thread cannot answer. */
  async #withKey(master: Buffer, job: (key: Uint8Array, id: number) => UnsealJob): Promise<UnsealReply> {
    // Copies with ArrayBuffers of their own: posting a Buffer would clone its whole pool with it.
    // The key's copy is moved to the thread (its buffer then detached here, length 0); wiped here only if it never left.
    const key = new Uint8Array(master);
    try {
      return await this.#channel.request((id) => job(key, id), [key.buffer]);
    } finally {
      if (key.byteLength) key.fill(0);
    }
  }

  close(): Promise<void> {
    return this.#channel.close();
  }
}

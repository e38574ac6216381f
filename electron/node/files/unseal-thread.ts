import { WorkerChannel } from '../workers/worker-channel';
import { SealError, unsealSmall } from './sealed-file';

/** A stored file to open on the unseal thread: the key is a copy moved to it, wiped there after use. */
export interface UnsealJob {
  readonly id: number;
  readonly master: Uint8Array;
  readonly path: string;
  readonly name: Uint8Array | null;
}

export type UnsealReply = { readonly id: number; readonly ok: true; readonly plain: Uint8Array } | { readonly id: number; readonly ok: false; readonly sealError: boolean; readonly message: string };

/**
 * A stored file's whole content opened on a thread of its own (the bundled unseal-worker.cjs),
 * as `unsealSmall` with no size expected: read in one go and opened in place. A 10 MB result costs
 * about 8–12 ms of reading and AES-GCM; on the reader's thread that time is added to whatever
 * waits for the file. Here it runs beside that thread's other work: the signer lists the token's
 * certificates (a USB round trip per object on a real token) while its input opens. The plain
 * bytes come back moved, not copied.
 *
 * One thread: a file split across two (its chunks open independently) was slower here, on two
 * cores, than one thread beside the signer's. A file that does not open is a SealError, as on the
 * reader's thread; a thread that failed (crashed, could not start) costs time, not the read: the
 * file is then opened on the reader's thread.
 */
export class UnsealThread {
  readonly #channel: WorkerChannel<UnsealReply>;
  /** Files opened on the thread, and on the reader's after the thread failed. */
  readonly opened = { onThread: 0, here: 0 };

  constructor(script: string) {
    this.#channel = new WorkerChannel(script, 'unseal');
  }

  /** The content of the sealed file at `path`, checked against `name` (its sha256) as `unsealSmall` checks it. */
  async unseal(master: Buffer, path: string, name?: Buffer): Promise<Buffer> {
    try {
      const plain = await this.#post(master, path, name);
      this.opened.onThread++;
      return plain;
    } catch (e) {
      if (e instanceof SealError) throw e;
      const plain = await unsealSmall(master, path, null, name);
      this.opened.here++;
      return plain;
    }
  }

  async #post(master: Buffer, path: string, name: Buffer | undefined): Promise<Buffer> {
    // Copies with ArrayBuffers of their own: posting a Buffer would clone its whole pool with it.
    // The key's copy is moved to the thread (its buffer then detached here, length 0); wiped here only if it never left.
    const key = new Uint8Array(master);
    try {
      const m = await this.#channel.request((id) => ({ id, master: key, path, name: name ? new Uint8Array(name) : null }) satisfies UnsealJob, [key.buffer]);
      if (m.ok) return Buffer.from(m.plain.buffer, m.plain.byteOffset, m.plain.byteLength);
      throw m.sealError ? new SealError(m.message) : new Error(m.message);
    } finally {
      if (key.byteLength) key.fill(0);
    }
  }

  close(): Promise<void> {
    return this.#channel.close();
  }
}

import { Worker } from 'node:worker_threads';
import { SealError, unsealToBuffer, type ReadOptions } from './sealed-file';

/** A file to open on the unseal thread: the key is a copy moved to it, wiped there after use. */
export interface UnsealJob {
  readonly id: number;
  readonly master: Uint8Array;
  readonly path: string;
  readonly name: Uint8Array | null;
  readonly options: ReadOptions;
}

export type UnsealReply = { readonly id: number; readonly ok: true; readonly plain: Uint8Array } | { readonly id: number; readonly ok: false; readonly sealError: boolean; readonly message: string };

interface Pending {
  readonly resolve: (plain: Buffer) => void;
  readonly reject: (e: Error) => void;
}

/**
 * `unsealToBuffer` on a thread of its own (the bundled unseal-worker.cjs). A 10 MB result costs
 * about 8–12 ms of reading and AES-GCM; on the reader's thread that time is added to whatever
 * waits for the file. Here it runs beside that thread's other work: the signer lists the token's
 * certificates (a USB round trip per object on a real token) while its input opens. The plain
 * bytes come back moved, not copied.
 *
 * One thread: a file split across two (its chunks open independently) was slower here, on two
 * cores, than one thread beside the signer's. Started with the first file and kept; unref'd while
 * idle, so it never keeps a process alive. A file that does not open is a SealError, as on the
 * reader's thread; a thread that failed (crashed, could not start) costs time, not the read: the
 * file is then opened on the reader's thread.
 */
export class UnsealThread {
  #worker: Worker | null = null;
  #seq = 0;
  readonly #pending = new Map<number, Pending>();
  /** Files opened on the thread, and on the reader's after the thread failed. */
  readonly opened = { onThread: 0, here: 0 };

  constructor(private readonly script: string) {}

  #spawn(): Worker {
    const w = new Worker(this.script);
    w.unref();
    w.on('message', (m: UnsealReply) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (this.#pending.size === 0) w.unref();
      if (m.ok) p.resolve(Buffer.from(m.plain.buffer, m.plain.byteOffset, m.plain.byteLength));
      else p.reject(m.sealError ? new SealError(m.message) : new Error(m.message));
    });
    const failAll = (e: Error) => {
      if (this.#worker === w) this.#worker = null;
      for (const p of this.#pending.values()) p.reject(e);
      this.#pending.clear();
    };
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`unseal worker exited with ${code}`)));
    return w;
  }

  /** As `unsealToBuffer(master, path, name, o)`, opened on the thread. */
  async unseal(master: Buffer, path: string, name?: Buffer, o: ReadOptions = {}): Promise<Buffer> {
    try {
      const plain = await this.#post(master, path, name, o);
      this.opened.onThread++;
      return plain;
    } catch (e) {
      if (e instanceof SealError) throw e;
      const plain = await unsealToBuffer(master, path, name, o);
      this.opened.here++;
      return plain;
    }
  }

  #post(master: Buffer, path: string, name: Buffer | undefined, o: ReadOptions): Promise<Buffer> {
    const w = (this.#worker ??= this.#spawn());
    const id = ++this.#seq;
    // Copies with ArrayBuffers of their own: posting a Buffer would clone its whole pool with it.
    const key = new Uint8Array(master);
    const job: UnsealJob = { id, master: key, path, name: name ? new Uint8Array(name) : null, options: o };
    return new Promise<Buffer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      w.ref();
      try {
        w.postMessage(job, [key.buffer]);
      } catch (e) {
        this.#pending.delete(id);
        key.fill(0);
        reject(e as Error);
      }
    });
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = null;
    if (w) await w.terminate();
  }
}

import { Worker, type TransferListItem } from 'node:worker_threads';

/**
 * What a request still waiting gets when its channel is closed (the app shutting down): not a
 * fault of the worker, so callers that only warm up or prepare can let it pass unlogged.
 */
export class WorkerClosedError extends Error {
  constructor(name: string) {
    super(`${name} worker closed`);
    this.name = 'WorkerClosedError';
  }
}

interface Pending<R> {
  readonly resolve: (reply: R) => void;
  readonly reject: (e: Error) => void;
}

interface Live<R> {
  readonly worker: Worker;
  /** This worker's requests still waiting: a worker that ends fails its own, never the next one's. */
  readonly pending: Map<number, Pending<R>>;
}

/**
 * Requests to one worker thread and its replies, matched by id (the PDF worker, the unseal
 * worker). The thread starts with the first request and is kept; it is unref'd while nothing
 * waits on it, so it never keeps a process alive. A thread that fails or exits fails every request
 * still waiting on it, and the next request starts a new one.
 */
export class WorkerChannel<R extends { readonly id: number }> {
  #live: Live<R> | null = null;
  #seq = 0;

  /** `name` words the error when the thread ends ("pdf worker exited with 1"). */
  constructor(
    private readonly script: string,
    private readonly name: string,
    private readonly workerData?: unknown,
  ) {}

  #spawn(): Live<R> {
    const worker = new Worker(this.script, this.workerData === undefined ? {} : { workerData: this.workerData });
    const live: Live<R> = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (m: R) => {
      const p = live.pending.get(m.id);
      if (!p) return;
      live.pending.delete(m.id);
      if (live.pending.size === 0) worker.unref();
      p.resolve(m);
    });
    const failAll = (e: Error) => {
      if (this.#live === live) this.#live = null;
      for (const p of live.pending.values()) p.reject(e);
      live.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`${this.name} worker exited with ${code}`)));
    return live;
  }

  /** A thread is up (a request now would not start one). */
  get running(): boolean {
    return this.#live !== null;
  }

  /** Posts the message made for the next id (moving `transfer`); resolves with the reply that carries that id. */
  request(message: (id: number) => object, transfer: readonly TransferListItem[] = []): Promise<R> {
    const live = (this.#live ??= this.#spawn());
    const id = ++this.#seq;
    return new Promise<R>((resolve, reject) => {
      live.pending.set(id, { resolve, reject });
      live.worker.ref();
      try {
        live.worker.postMessage(message(id), transfer);
      } catch (e) {
        live.pending.delete(id);
        if (live.pending.size === 0) live.worker.unref();
        reject(e as Error);
      }
    });
  }

  async close(): Promise<void> {
    const live = this.#live;
    this.#live = null;
    if (!live) return;
    // Told before the thread ends, so its exit does not word them as a crash.
    for (const p of live.pending.values()) p.reject(new WorkerClosedError(this.name));
    live.pending.clear();
    await live.worker.terminate();
  }
}

/**
 * The sender's pool of workers over the outbox's queue heads. Each worker holds one dossier at a
 * time (the `busy` set), so a dossier's items never go out of order or twice at once, while up to
 * `size` dossiers are on the wire together. A worker that finishes takes the next ready head at
 * once: no batch waits for its slowest dossier (a stalled connection, a long backoff of one item).
 */
export interface PoolSource<T extends { readonly code: string }> {
  readonly size: number;
  /** Ready heads, oldest first, of dossiers not in `busy`. */
  scan(busy: ReadonlySet<string>): Promise<T[]>;
  /** Milliseconds until a head backing off may be tried again; null when none is waiting. */
  nextDelay(): Promise<number | null>;
  /** Sends a dossier's queue from `head` on, as far as it goes. */
  run(head: T): Promise<void>;
  /** Asked before each scan: false stops the pool (the deadline, a lost engine lock). */
  go(): Promise<boolean>;
  readonly waitForBackoff: boolean;
  /** Milliseconds since the epoch. */
  readonly deadline: number;
}

export async function runPool<T extends { readonly code: string }>(s: PoolSource<T>): Promise<void> {
  const busy = new Set<string>();
  let page: T[] = [];
  let scanning: Promise<void> | null = null;
  let stopped = false;
  // Idle workers wait for a busy one to let its dossier go (or for a backoff to end).
  let waiters: Array<() => void> = [];
  const changed = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const refill = () =>
    (scanning ??= (async () => {
      try {
        if (!(await s.go())) stopped = true;
        else page = (await s.scan(busy)).filter((h) => !busy.has(h.code));
      } finally {
        scanning = null;
      }
    })());

  const take = async (): Promise<T | null> => {
    for (;;) {
      if (stopped) return null;
      for (let h = page.shift(); h; h = page.shift()) {
        if (busy.has(h.code)) continue;
        busy.add(h.code);
        return h;
      }
      await refill();
      if (stopped || page.length) continue;
      const next = await s.nextDelay();
      if (busy.size === 0) {
        if (next === null || !s.waitForBackoff || Date.now() + next > s.deadline) {
          stopped = true;
          changed();
          return null;
        }
        await pause(Math.max(10, next), (wake) => waiters.push(wake));
      } else {
        // Another worker still sends: its dossier may leave a head ready at once (a retry with
        // Retry-After 0), so wait for it, or for the next backoff to end if that comes first.
        await pause(next === null ? null : Math.max(10, next), (wake) => waiters.push(wake));
      }
    }
  };

  const worker = async () => {
    for (let head = await take(); head; head = await take()) {
      try {
        await s.run(head);
      } finally {
        busy.delete(head.code);
        changed();
      }
      if (Date.now() > s.deadline) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, s.size) }, worker));
}

/** Until `ms` have passed (never when null) or `onWake`'s callback is called, whichever comes first. */
function pause(ms: number | null, onWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = ms === null ? null : setTimeout(done, ms);
    function done() {
      if (timer) clearTimeout(timer);
      resolve();
    }
    onWake(done);
  });
}

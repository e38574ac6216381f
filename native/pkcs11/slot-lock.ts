import { realpathSync } from 'node:fs';

/**
 * One queue per token slot for the whole process. PKCS#11 login state belongs to the application
 * and the token, not to a session (PKCS#11 2.40, 5.6): while one request is logged in, another
 * request's C_Login answers CKR_USER_ALREADY_LOGGED_IN without looking at its PIN, and its
 * C_Logout logs the first one out mid-batch. So login → sign → logout on a slot runs one request
 * at a time, in arrival order.
 */
const tails = new Map<string, Promise<void>>();

/**
 * The queue's key: the module's real file (two paths to one library share one login state, as
 * the dynamic loader hands both the same instance) and the slot.
 */
export function slotKey(modulePath: string, slot: Buffer): string {
  let file = modulePath;
  try {
    file = realpathSync(modulePath);
  } catch {
    /* a bare library name resolved by the loader: the name is the key */
  }
  return `${file}#${slot.toString('hex')}`;
}

/** Runs `fn` once every earlier holder of `key` has finished, successfully or not. */
export async function withSlotLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = before.then(() => mine);
  tails.set(key, tail);
  await before;
  try {
    return await fn();
  } finally {
    release();
    // The last in the queue removes it, so nothing (no request, no PIN in a closure) outlives its turn.
    if (tails.get(key) === tail) tails.delete(key);
  }
}

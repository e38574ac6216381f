/** Worker-thread entry: opens sealed files posted by UnsealThread (bundled to dist/workers/unseal-worker.cjs). */
import { parentPort } from 'node:worker_threads';
import { SealError, unsealSmall } from '../files/sealed-file';
import type { UnsealJob, UnsealReply } from '../files/unseal-thread';

/**
 * The plain bytes, to be moved to the reader's thread with the ArrayBuffer under them. A buffer no
 * larger than Buffer's shared pool may sit in that pool, which must never be moved: the bytes of
 * the pool's other buffers (another file's, being opened beside it) would go with it, and those
 * buffers would be emptied here. So it is copied out and wiped. A larger one has an ArrayBuffer of
 * its own, whose bytes past the plain ones are sealed ones.
 */
function movable(plain: Buffer): Uint8Array {
  if (plain.buffer.byteLength > Buffer.poolSize) return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
  const own = new Uint8Array(plain);
  plain.fill(0);
  return own;
}

parentPort!.on('message', (m: UnsealJob) => {
  const master = Buffer.from(m.master.buffer, m.master.byteOffset, m.master.byteLength);
  const name = m.name ? Buffer.from(m.name.buffer, m.name.byteOffset, m.name.byteLength) : undefined;
  // The whole file read in one go and opened in place, whatever sealed size it has (the reader takes it whole).
  unsealSmall(master, m.path, null, name)
    .then(
      (plain) => {
        const out = movable(plain);
        parentPort!.postMessage({ id: m.id, ok: true, plain: out } satisfies UnsealReply, [out.buffer as ArrayBuffer]);
      },
      (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, sealError: e instanceof SealError, message: (e as Error).message } satisfies UnsealReply),
    )
    .finally(() => master.fill(0));
});

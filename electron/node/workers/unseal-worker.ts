/** Worker-thread entry: opens sealed files posted by UnsealThread (bundled to dist/workers/unseal-worker.cjs). */
import { stat } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { plainSize, SealError, unsealSmall, unsealToBuffer } from '../files/sealed-file';
import type { UnsealJob, UnsealReply } from '../files/unseal-thread';

/**
 * The whole file is read in one go and opened in place (`unsealSmall`): one buffer of the sealed
 * size, which is the plain size and a tag per 64 KiB, where reading 1 MiB at a time
 * (`unsealToBuffer`) costs a round trip per read and a copy per chunk, about 3 ms more for 10 MB.
 * The caller holds the whole content in memory either way. A size that no sealed file has, or one
 * that changes before the read, is a file that does not open.
 */
async function openWhole(master: Buffer, job: UnsealJob, name: Buffer | undefined): Promise<Buffer> {
  if (Object.keys(job.options).length) return unsealToBuffer(master, job.path, name, job.options);
  const plain = plainSize((await stat(job.path)).size);
  if (plain === null) throw new SealError('not the size of a sealed file');
  return unsealSmall(master, job.path, plain, name);
}

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
  openWhole(master, m, name)
    .then(
      (plain) => {
        const out = movable(plain);
        parentPort!.postMessage({ id: m.id, ok: true, plain: out } satisfies UnsealReply, [out.buffer as ArrayBuffer]);
      },
      (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, sealError: e instanceof SealError, message: (e as Error).message } satisfies UnsealReply),
    )
    .finally(() => master.fill(0));
});

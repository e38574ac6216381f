/** Worker-thread entry: opens sealed files posted by UnsealThread (bundled to dist/workers/unseal-worker.cjs). */
import { parentPort } from 'node:worker_threads';
import { SealError, SealedReader, unsealSmall } from '../files/sealed-file';
import type { UnsealJob, UnsealReply } from '../files/unseal-thread';
import { ContentMismatch, VerifiedReader } from '../files/verified-reader';

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

const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** `use` with the key moved here, wiped once it is done with it (a reader keeps only its file's key). */
async function withMaster<T>(moved: Uint8Array, use: (master: Buffer) => Promise<T>): Promise<T> {
  const master = bytes(moved);
  try {
    return await use(master);
  } finally {
    master.fill(0);
  }
}

/** Readers by position kept open here, by the id of the job that opened them. */
const readers = new Map<number, VerifiedReader>();

function failed(id: number, e: unknown): UnsealReply {
  const failure = e instanceof SealError ? 'seal' : e instanceof ContentMismatch ? 'mismatch' : 'io';
  const code = (e as NodeJS.ErrnoException).code;
  return { id, ok: false, failure, message: (e as Error).message, ...(typeof code === 'string' ? { code } : {}) };
}

async function run(m: UnsealJob): Promise<{ reply: UnsealReply; transfer?: ArrayBuffer[] }> {
  switch (m.kind) {
    case 'unseal': {
      // The whole file read in one go and opened in place, whatever sealed size it has (the reader takes it whole).
      const out = movable(await withMaster(m.master, (master) => unsealSmall(master, m.path, null, m.name ? bytes(m.name) : undefined)));
      return { reply: { id: m.id, ok: true, plain: out }, transfer: [out.buffer as ArrayBuffer] };
    }
    case 'open': {
      const sealed = await withMaster(m.master, (master) => SealedReader.open(master, m.path, Buffer.from(m.sha256, 'hex')));
      readers.set(m.id, new VerifiedReader(sealed, m.sha256));
      return { reply: { id: m.id, ok: true, size: sealed.size } };
    }
    case 'read': {
      const r = readers.get(m.reader);
      if (!r) return { reply: { id: m.id, ok: false, failure: 'gone', message: 'the reader was opened on a thread that has ended' } };
      // VerifiedReader wipes what it wrote into the target when the read fails.
      const { bytesRead } = await r.read(Buffer.from(m.target, m.offset, m.length), 0, m.length, m.position);
      return { reply: { id: m.id, ok: true, bytesRead } };
    }
    case 'close': {
      const r = readers.get(m.reader);
      readers.delete(m.reader);
      await r?.close();
      return { reply: { id: m.id, ok: true } };
    }
  }
}

parentPort!.on('message', (m: UnsealJob) => {
  run(m).then(
    ({ reply, transfer }) => parentPort!.postMessage(reply, transfer ?? []),
    (e: unknown) => parentPort!.postMessage(failed(m.id, e)),
  );
});

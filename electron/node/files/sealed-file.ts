import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

/**
 * Files at rest (scans, attachments, result documents) are sealed with AES-256-GCM under a key of
 * their own, itself wrapped by the data directory's file key; so a file copied out of the data
 * directory is noise, and a changed or cut file fails to open rather than reading wrong.
 *
 *   "MCSF" | 1 | wrap iv (12) | wrapped file key (32) | wrap tag (16) | nonce prefix (8)
 *   then chunks of up to 64 KiB, each AES-256-GCM with iv = prefix ‖ chunk index (uint32 BE) and the
 *   additional data "last chunk or not", so dropping whole chunks at the end is detected too.
 */
const MAGIC = Buffer.from('MCSF\x01', 'latin1');
const HEADER = MAGIC.length + 12 + 32 + 16 + 8;
export const SEAL_CHUNK = 64 * 1024;
const TAG = 16;

/** The data directory's file key, derived from its database key (one secret to keep, two uses kept apart). */
export function fileMasterKey(dbKeyHex: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(dbKeyHex, 'hex'), Buffer.alloc(0), 'motcua/files/v1', 32));
}

export function isSealed(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

export class SealError extends Error {}

function header(master: Buffer): { head: Buffer; fileKey: Buffer; prefix: Buffer } {
  const fileKey = randomBytes(32);
  const iv = randomBytes(12);
  const wrap = createCipheriv('aes-256-gcm', master, iv);
  const wrapped = Buffer.concat([wrap.update(fileKey), wrap.final()]);
  const prefix = randomBytes(8);
  return { head: Buffer.concat([MAGIC, iv, wrapped, wrap.getAuthTag(), prefix]), fileKey, prefix };
}

function unwrap(master: Buffer, head: Buffer): { fileKey: Buffer; prefix: Buffer } {
  if (head.length < HEADER || !isSealed(head)) throw new SealError('not a sealed file');
  let o = MAGIC.length;
  const iv = head.subarray(o, (o += 12));
  const wrapped = head.subarray(o, (o += 32));
  const tag = head.subarray(o, (o += 16));
  const prefix = Buffer.from(head.subarray(o, o + 8));
  try {
    const d = createDecipheriv('aes-256-gcm', master, iv);
    d.setAuthTag(tag);
    return { fileKey: Buffer.concat([d.update(wrapped), d.final()]), prefix };
  } catch {
    throw new SealError('the file key does not open with this data directory key');
  }
}

const ivOf = (prefix: Buffer, index: number) => {
  const iv = Buffer.alloc(12);
  prefix.copy(iv, 0);
  iv.writeUInt32BE(index, 8);
  return iv;
};

function sealChunk(fileKey: Buffer, prefix: Buffer, index: number, last: boolean, plain: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', fileKey, ivOf(prefix, index));
  c.setAAD(Buffer.from([last ? 1 : 0]));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function openChunk(fileKey: Buffer, prefix: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG) throw new SealError('a chunk is cut');
  const d = createDecipheriv('aes-256-gcm', fileKey, ivOf(prefix, index));
  d.setAAD(Buffer.from([last ? 1 : 0]));
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
  } catch {
    throw new SealError(`chunk ${index} was changed, cut or reordered`);
  }
}

/**
 * Writes `size` plain bytes, read chunk by chunk from `read`, sealed to `out`. Memory stays at one
 * chunk whatever the file size; the caller owns temp naming, fsync and rename.
 */
export async function sealTo(master: Buffer, out: FileHandle, size: number, read: (buf: Buffer, position: number) => Promise<number>): Promise<void> {
  const { head, fileKey, prefix } = header(master);
  await writeAll(out, head);
  const chunks = Math.max(1, Math.ceil(size / SEAL_CHUNK));
  const buf = Buffer.alloc(Math.min(SEAL_CHUNK, Math.max(size, 1)));
  for (let i = 0; i < chunks; i++) {
    const len = Math.min(SEAL_CHUNK, size - i * SEAL_CHUNK);
    let got = 0;
    while (got < len) {
      const n = await read(buf.subarray(got, len), i * SEAL_CHUNK + got);
      if (n === 0) throw new SealError('the source ended early');
      got += n;
    }
    await writeAll(out, sealChunk(fileKey, prefix, i, i === chunks - 1, buf.subarray(0, len)));
  }
}

export function sealBuffer(master: Buffer, plain: Buffer | Uint8Array): Buffer {
  const data = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  const { head, fileKey, prefix } = header(master);
  const chunks = Math.max(1, Math.ceil(data.length / SEAL_CHUNK));
  const parts = [head];
  for (let i = 0; i < chunks; i++) parts.push(sealChunk(fileKey, prefix, i, i === chunks - 1, data.subarray(i * SEAL_CHUNK, (i + 1) * SEAL_CHUNK)));
  return Buffer.concat(parts);
}

/** The plain size of a sealed file of `sealedSize` bytes, or null when no sealed file has that size. */
export function plainSize(sealedSize: number): number | null {
  const body = sealedSize - HEADER;
  if (body < TAG) return null;
  const full = Math.floor(body / (SEAL_CHUNK + TAG));
  const rest = body - full * (SEAL_CHUNK + TAG);
  if (rest === 0) return full * SEAL_CHUNK;
  return rest < TAG ? null : full * SEAL_CHUNK + rest - TAG;
}

/** Reads a sealed file chunk by chunk, handing each plain chunk to `each` in order; throws SealError on any change. */
export async function unsealEach(master: Buffer, path: string, each: (plain: Buffer) => Promise<void> | void): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const plain = plainSize(size);
    if (plain === null) throw new SealError('a sealed file of impossible size (cut)');
    const head = Buffer.alloc(HEADER);
    await readFully(fh, head, 0);
    const { fileKey, prefix } = unwrap(master, head);
    const chunks = Math.max(1, Math.ceil(plain / SEAL_CHUNK));
    const buf = Buffer.alloc(Math.min(SEAL_CHUNK, Math.max(plain, 0)) + TAG);
    let pos = HEADER;
    for (let i = 0; i < chunks; i++) {
      const len = Math.min(SEAL_CHUNK, plain - i * SEAL_CHUNK) + TAG;
      await readFully(fh, buf.subarray(0, len), pos);
      pos += len;
      await each(openChunk(fileKey, prefix, i, i === chunks - 1, buf.subarray(0, len)));
    }
    return plain;
  } finally {
    await fh.close();
  }
}

export async function unsealToBuffer(master: Buffer, path: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  await unsealEach(master, path, (p) => void parts.push(p));
  return Buffer.concat(parts);
}

async function readFully(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  for (let got = 0; got < buf.length; ) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, position + got);
    if (bytesRead === 0) throw new SealError('the sealed file ends early');
    got += bytesRead;
  }
}

async function writeAll(out: FileHandle, chunk: Buffer): Promise<void> {
  for (let done = 0; done < chunk.length; ) done += (await out.write(chunk, done, chunk.length - done, null)).bytesWritten;
}

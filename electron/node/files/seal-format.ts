import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The sealed file format (sealed-file.ts reads and writes it):
 *
 *   "MCSF" | version | wrap iv (12) | wrapped file key (32) | wrap tag (16) | nonce prefix (8)
 *   then chunks of up to 64 KiB, each AES-256-GCM under the file key with iv = prefix ‖ chunk index
 *   (uint32 BE) and additional data (AAD) [0] for every chunk but the last.
 *
 * Version 1 ("unbound"): the last chunk's AAD is [1], so dropping whole chunks at the end fails too.
 * What it does not say is which content the file is: a content-addressed file (the content store's
 * `sha256/ab/abcd…`) must be hashed again on read to catch another validly sealed file put under its
 * name. No longer written but by tests; still read everywhere (documents sealed before they were
 * bound open unchecked, as they always did).
 *
 * Version 2 ("bound", content-store files since issue #13): the last chunk's AAD is [1] ‖ the sha256
 * of the whole plain content (32 bytes), hashed by the writer as it seals. A reader opens the last
 * chunk with [1] ‖ the name it looks the file up under, so a file sealed for other content fails its
 * tag exactly like a changed byte, and the second sha256 pass over the content is not needed.
 * The document vault's files (receipts, forms, reports: named by path, not by content) are v2 too,
 * bound instead to a labelled hash of their file name (document-vault.ts `documentBinding`): the same
 * tag then refuses one citizen's receipt copied over another's, and the label keeps a document's
 * binding from ever being a content store name.
 *
 * Why this is as good as the recomputed hash: the tag of the last chunk can only be produced with
 * the file key, random per file and readable only by unwrapping it with the data directory's master
 * key; so a file authenticates under name N only if a holder of the master key sealed it saying "this
 * content hashes to N", and the chunk tags (index in the iv, last flag in the AAD) tie that claim to
 * exactly these chunks in this order. Someone with disk access but not the key can swap, copy, cut,
 * reorder or edit files, and each fails a tag. Flipping the version byte does not help: v2 read as v1
 * opens its last chunk with [1] and fails, v1 read as v2 with [1] ‖ N and fails.
 * What it does not change: the writer is trusted to hash what it seals (sealTo hashes as it reads,
 * and the content store refuses a file that changed between its hash and its copy); a holder of the
 * master key can forge anything, as before; reads by position hand out chunks before the last one
 * is opened, as the streaming hash let them before (the read that reaches the end is the one that
 * fails); v1 files are checked by the hash pass as before.
 */
export const SEAL_CHUNK = 64 * 1024;
export const TAG = 16;
const MAGIC = 'MCSF';
export const HEADER = MAGIC.length + 1 + 12 + 32 + 16 + 8;
export type SealVersion = 1 | 2;
const magicOf = (v: SealVersion) => Buffer.from(`${MAGIC}${String.fromCharCode(v)}`, 'latin1');
const NOT_LAST = Buffer.from([0]);
const LAST_V1 = Buffer.from([1]);

export class SealError extends Error {}

/** The data directory's file key, derived from its database key (one secret to keep, two uses kept apart). */
export function fileMasterKey(dbKeyHex: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(dbKeyHex, 'hex'), Buffer.alloc(0), 'motcua/files/v1', 32));
}

/** The format version of a file starting with `head`, or null when it is not a sealed file. */
export function sealVersion(head: Buffer): SealVersion | null {
  if (head.length < MAGIC.length + 1 || head.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  const v = head[MAGIC.length];
  return v === 1 || v === 2 ? v : null;
}

export function isSealed(head: Buffer): boolean {
  return sealVersion(head) !== null;
}

/** A chunk's additional data: [0] unless last; last, [1] (v1) or [1] ‖ the content's sha256 (v2). */
export function aadOf(last: boolean, bound: Buffer | null): Buffer {
  if (!last) return NOT_LAST;
  return bound ? Buffer.concat([LAST_V1, bound]) : LAST_V1;
}

export function newHeader(master: Buffer, version: SealVersion): { head: Buffer; fileKey: Buffer; prefix: Buffer } {
  const fileKey = randomBytes(32);
  const iv = randomBytes(12);
  const wrap = createCipheriv('aes-256-gcm', master, iv);
  const wrapped = Buffer.concat([wrap.update(fileKey), wrap.final()]);
  const prefix = randomBytes(8);
  return { head: Buffer.concat([magicOf(version), iv, wrapped, wrap.getAuthTag(), prefix]), fileKey, prefix };
}

export function unwrap(master: Buffer, head: Buffer): { fileKey: Buffer; prefix: Buffer; version: SealVersion } {
  const version = head.length >= HEADER ? sealVersion(head) : null;
  if (!version) throw new SealError('not a sealed file');
  let o = MAGIC.length + 1;
  const iv = head.subarray(o, (o += 12));
  const wrapped = head.subarray(o, (o += 32));
  const tag = head.subarray(o, (o += 16));
  const prefix = Buffer.from(head.subarray(o, o + 8));
  try {
    const d = createDecipheriv('aes-256-gcm', master, iv);
    d.setAuthTag(tag);
    return { fileKey: Buffer.concat([d.update(wrapped), d.final()]), prefix, version };
  } catch {
    throw new SealError('the file key does not open with this data directory key');
  }
}

/**
 * The binding a reader opens the last chunk with: the name for a v2 file (SealError when none is
 * given: a bound file cannot be opened whole without it), nothing for a v1 file.
 */
export function bindingFor(version: SealVersion, name: Buffer | undefined): Buffer | null {
  if (version === 1) return null;
  if (!name || name.length !== 32) throw new SealError('a bound sealed file opens only under its sha256');
  return name;
}

export function sealChunk(fileKey: Buffer, prefix: Buffer, index: number, aad: Buffer, plain: Buffer): Buffer {
  const iv = Buffer.alloc(12);
  prefix.copy(iv, 0);
  iv.writeUInt32BE(index, 8);
  const c = createCipheriv('aes-256-gcm', fileKey, iv);
  c.setAAD(aad);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** Chunk `index` (its sealed bytes, tag last) opened with `iv` (the file's prefix, the index is written in); SealError when it does not authenticate. */
export function openChunk(fileKey: Buffer, iv: Buffer, index: number, aad: Buffer, sealed: Buffer): Buffer {
  iv.writeUInt32BE(index, 8);
  const d = createDecipheriv('aes-256-gcm', fileKey, iv);
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = d.update(sealed.subarray(0, sealed.length - TAG));
  try {
    d.final();
  } catch {
    plain.fill(0);
    throw new SealError(`chunk ${index} was changed, cut or reordered, or the file is not the content it is read as`);
  }
  return plain;
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

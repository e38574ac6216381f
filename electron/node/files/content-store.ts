import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { failure } from '../../common/ipc/result';
import { fsFailure } from './fs-errors';
import { eachChunk, openRegularFile } from './regular-file';
import { plainSize, sealContent, SealedReader, sealTo, unsealEach, unsealSmall, unsealToBuffer } from './sealed-file';
import { PlainTemp } from './plain-temp';
import type { CheckedReader } from './checked-reader';
import type { UnsealThread } from './unseal-thread';
import { VerifiedReader } from './verified-reader';

export interface StoredFile {
  readonly sha256: string;
  readonly path: string;
  readonly sizeBytes: number;
  readonly fileName: string;
  readonly contentType: string;
}

const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };
export const MAX_SCAN_BYTES = 50 * 1024 * 1024;

/** Recognises a scan by its first bytes, not its name: a renamed file is refused with the real reason. */
export function sniffContentType(head: Buffer): string | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/**
 * Scans and documents, stored by SHA-256 of their content under `<data dir>/files/sha256/ab/abcdef…`
 * and sealed (sealed-file.ts): the same file twice is stored once, a stored file can be checked
 * against its name at any time, and nothing in the folder reads without the data directory's key.
 * Files are sealed bound to their sha256 (format v2, seal-format.ts), so a read under the name checks
 * the content by the last chunk's tag, without hashing it again; files sealed before (v1) are still
 * hashed on every read.
 * Writes go to a temp file and are renamed into place, so a crash never leaves half a file; a
 * failed write (a full disk) removes its temp file. No clear copy is written: the signer and the
 * uploader read a stored file in memory (`readVerified`) or by position (`openVerified`); `temp` is
 * only the folder where older versions kept such copies, wiped at start.
 */
export class ContentStore {
  readonly temp: PlainTemp;

  constructor(
    readonly root: string,
    private readonly master: Buffer,
    /** Where `readVerified` opens a file (unseal-thread.ts), so its reader's thread goes on meanwhile; null: on the reader's. */
    private readonly unsealer: UnsealThread | null = null,
  ) {
    this.temp = new PlainTemp(join(root, 'tmp'));
  }

  pathOf(sha256: string): string {
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256);
  }

  async importFile(source: string): Promise<StoredFile> {
    const name = basename(source);
    // One handle for every check and both reads: the file cannot be swapped between them.
    const { fh, size } = await openRegularFile(source);
    try {
      if (size === 0) throw failure('invalid_input', 'files.empty', { file: name });
      if (size > MAX_SCAN_BYTES) throw failure('invalid_input', 'files.tooLarge', { file: name, mb: MAX_SCAN_BYTES / 1024 / 1024 });
      const head = Buffer.alloc(8);
      await fh.read(head, 0, 8, 0);
      const contentType = sniffContentType(head);
      if (!contentType) throw failure('invalid_input', 'files.wrongType', { file: name });
      const ext = extname(source).toLowerCase();
      if (ext && TYPES[ext] && TYPES[ext] !== contentType) {
        throw failure('invalid_input', 'files.extMismatch', { file: name, ext, type: contentType });
      }
      // Hash first without writing anything: a file already stored costs no disk space, even on a full disk.
      const h = createHash('sha256');
      if ((await eachChunk(fh, size, (c) => void h.update(c))) !== size) throw changedWhileReading(name);
      const sha256 = h.digest('hex');
      const dest = this.pathOf(sha256);
      if (!(await exists(dest))) await this.#copyIn(fh, size, sha256, dest, name);
      return { sha256, path: dest, sizeBytes: size, fileName: name.normalize('NFC'), contentType };
    } finally {
      await fh.close();
    }
  }

  /** Copies the open file into the store under its hash: what is stored must be what was hashed. */
  #copyIn(fh: FileHandle, size: number, sha256: string, dest: string, name: string): Promise<void> {
    return this.#sealIn(dest, size, name, sha256, async (buf, position) => (await fh.read(buf, 0, buf.length, position)).bytesRead, false);
  }

  /**
   * Seals `size` bytes from `read` to `dest`: temp file, fsync, rename; the temp file never outlives
   * a failure. The bytes are hashed as they are sealed (the hash the file is bound to) and refused
   * unless they hash to `sha256`; `hashed`: they were hashed to `sha256` in memory just before and
   * cannot have changed (pieces held by the caller), so the sealer binds `sha256` without a second hash.
   */
  async #sealIn(dest: string, size: number, name: string, sha256: string, read: (buf: Buffer, position: number) => Promise<number>, hashed: boolean): Promise<void> {
    const tmp = `${dest}.${randomUUID()}.tmp`;
    try {
      await mkdir(dirname(dest), { recursive: true, mode: 0o700 });
      const out = await open(tmp, 'wx', 0o600);
      try {
        const bound = await sealTo(this.master, out, size, read, hashed ? Buffer.from(sha256, 'hex') : undefined);
        // A file changed between the hash and the copy is refused.
        if (bound.toString('hex') !== sha256) throw changedWhileReading(name);
        await out.sync();
      } finally {
        await out.close();
      }
      await rename(tmp, dest);
    } catch (e) {
      throw fsFailure(e, { key: 'fs.attachment', params: { file: name } }) ?? e;
    } finally {
      // After a successful rename the temp name no longer exists and this does nothing.
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  /**
   * Stores a file given as pieces in memory (a signed PDF: the original, then its signature), sealed
   * straight from the pieces: they are never joined, so memory stays at the pieces plus one chunk.
   */
  async putPieces(pieces: readonly Uint8Array[], fileName: string, contentType: string): Promise<StoredFile> {
    const h = createHash('sha256');
    let size = 0;
    for (const p of pieces) {
      h.update(p);
      size += p.byteLength;
    }
    const sha256 = h.digest('hex');
    const dest = this.pathOf(sha256);
    // Hashed once: the pieces are in memory and the sealer binds this digest without hashing them again.
    if (!(await exists(dest))) await this.#sealIn(dest, size, fileName, sha256, async (buf, position) => copyFromPieces(pieces, buf, position), true);
    return { sha256, path: dest, sizeBytes: size, fileName, contentType };
  }

  async putBuffer(buf: Buffer, fileName: string, contentType: string): Promise<StoredFile> {
    const digest = createHash('sha256').update(buf).digest();
    const sha256 = digest.toString('hex');
    const dest = this.pathOf(sha256);
    if (!(await exists(dest))) await writeFileAtomic(dest, sealContent(this.master, buf, digest));
    return { sha256, path: dest, sizeBytes: buf.length, fileName, contentType };
  }

  /** The plain size of a stored file, or -1 when it is missing or not a whole sealed file. */
  async sizeOf(sha256: string): Promise<number> {
    const s = await stat(this.pathOf(sha256)).catch(() => null);
    return s ? (plainSize(s.size) ?? -1) : -1;
  }

  /** Opens the stored file and checks its content against its name: false when changed, cut, missing or not sealed with this key. */
  async verify(sha256: string): Promise<boolean> {
    try {
      await unsealEach(this.master, this.pathOf(sha256), () => undefined, nameOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A stored file's content, checked against its name, for whoever can take bytes (the signer, a
   * one-PATCH upload): one read and one decryption into one buffer, and no plain copy on disk.
   * Memory is the file itself (at most MAX_SCAN_BYTES, or a signed copy of such a file) plus about
   * 1 MiB. Null when changed, cut, missing or not sealed with this key. With the unseal thread, the
   * decryption runs there: the caller's thread is free for other work until the bytes come back.
   */
  async readVerified(sha256: string): Promise<Buffer | null> {
    try {
      const [path, name] = [this.pathOf(sha256), nameOf(sha256)];
      return await (this.unsealer ? this.unsealer.unseal(this.master, path, name) : unsealToBuffer(this.master, path, name));
    } catch {
      return null;
    }
  }

  /**
   * `readVerified` for a small file whose plain size the caller knows (a one-PATCH upload): the
   * sealed file read whole in one go, into the one buffer the content is then opened into
   * (`unsealSmall`), and no separate `sizeOf`. Null when its size is not `sizeBytes`, or changed,
   * cut, missing or not sealed with this key. Memory is the sealed file: keep it for small files.
   */
  async readSmallVerified(sha256: string, sizeBytes: number): Promise<Buffer | null> {
    try {
      return await unsealSmall(this.master, this.pathOf(sha256), sizeBytes, nameOf(sha256));
    } catch {
      return null;
    }
  }

  /**
   * The stored file for a reader by position: decrypted chunk by chunk as it is read, each chunk
   * authenticated, no clear copy on disk. The caller closes it. A v2 file's last chunk opens only if
   * the content is `sha256`'s; a v1 file's content is not checked against its name (a file put under
   * another's name opens): `openVerified` checks both kinds in the same pass.
   */
  openSealed(sha256: string): Promise<SealedReader> {
    return SealedReader.open(this.master, this.pathOf(sha256), nameOf(sha256));
  }

  /**
   * The stored file for a reader by position that checks it against its name as it reads (the tus
   * uploader, verified-reader.ts): one decryption, and the read that reaches the end throws unless the
   * content is `sha256`'s (the last chunk's tag for a v2 file, a hash as it goes for a v1 file). Rejects when the file is missing, cut or not sealed with this key.
   * With the unseal thread, the decryption runs there (thread-reader.ts says why); without it, or
   * when the thread cannot take it, here.
   */
  async openVerified(sha256: string): Promise<CheckedReader> {
    // A thread that cannot take it costs time, not the read; the file's own fault is the answer either way.
    const onThread = await this.unsealer?.openVerified(this.master, this.pathOf(sha256), sha256);
    if (onThread) return onThread;
    return new VerifiedReader(await this.openSealed(sha256), sha256);
  }
}

/** Copies pieces[…] from plain `position` into `buf`, as much as fits; returns how many bytes. */
function copyFromPieces(pieces: readonly Uint8Array[], buf: Buffer, position: number): number {
  let n = 0;
  let at = 0;
  for (const p of pieces) {
    const end = at + p.byteLength;
    if (n < buf.length && position + n < end) {
      const from = position + n - at;
      const take = Math.min(p.byteLength - from, buf.length - n);
      buf.set(p.subarray(from, from + take), n);
      n += take;
    }
    at = end;
  }
  return n;
}

/** The name a stored file is read under, as the sealed reader binds it (a malformed name opens nothing). */
const nameOf = (sha256: string) => Buffer.from(sha256, 'hex');

const changedWhileReading = (name: string) => failure('invalid_input', 'files.changedWhileReading', { file: name });

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * temp file + fsync + rename: the destination is either the old file or the whole new one. On any
 * failure (a full disk mid-write) the temp file is removed: it may hold a receipt or a report with
 * citizens' data, and nothing else would ever clean it up.
 */
export async function writeFileAtomic(dest: string, data: Buffer | Uint8Array): Promise<void> {
  const tmp = `${dest}.${randomUUID()}.tmp`;
  try {
    // Folders this creates are this user's alone, and so is the file (it may be a citizen's receipt).
    await mkdir(dirname(dest), { recursive: true, mode: 0o700 });
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, dest);
  } catch (e) {
    throw fsFailure(e, { key: 'fs.file', params: { file: basename(dest) } }) ?? e;
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

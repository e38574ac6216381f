import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppFailure } from '../../common/ipc/result';

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

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Scans and documents, stored by SHA-256 under `<data dir>/files/sha256/ab/abcdef…`: the same
 * file twice is stored once, and a stored file can be checked against its name at any time.
 * Writes go to a temp file and are renamed into place, so a crash never leaves half a file.
 */
export class ContentStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256);
  }

  async importFile(source: string): Promise<StoredFile> {
    let size: number;
    try {
      const s = await stat(source);
      if (!s.isFile()) throw new Error('not a file');
      size = s.size;
    } catch {
      throw new AppFailure('not_found', `Không đọc được tệp ${basename(source)}.`);
    }
    if (size === 0) throw new AppFailure('invalid_input', `Tệp ${basename(source)} rỗng.`);
    if (size > MAX_SCAN_BYTES) throw new AppFailure('invalid_input', `Tệp ${basename(source)} lớn hơn 50 MB.`);
    const fh = await open(source, 'r');
    const head = Buffer.alloc(8);
    await fh.read(head, 0, 8, 0);
    await fh.close();
    const contentType = sniffContentType(head);
    if (!contentType) throw new AppFailure('invalid_input', `Tệp ${basename(source)} không phải PDF, JPG hoặc PNG.`);
    const ext = extname(source).toLowerCase();
    if (ext && TYPES[ext] && TYPES[ext] !== contentType) {
      throw new AppFailure('invalid_input', `Tệp ${basename(source)} có đuôi ${ext} nhưng nội dung là ${contentType}.`);
    }
    const sha256 = await sha256File(source);
    const dest = this.pathOf(sha256);
    if (!(await exists(dest))) {
      await mkdir(join(this.root, 'sha256', sha256.slice(0, 2)), { recursive: true });
      const tmp = `${dest}.${randomUUID()}.tmp`;
      try {
        await copyFile(source, tmp);
        // The copy must be what we hashed: a file changed while being read is refused.
        if ((await sha256File(tmp)) !== sha256) throw new AppFailure('invalid_input', `Tệp ${basename(source)} thay đổi trong khi đang nhập, hãy thử lại.`);
        await rename(tmp, dest);
      } finally {
        await rm(tmp, { force: true });
      }
    }
    return { sha256, path: dest, sizeBytes: size, fileName: basename(source).normalize('NFC'), contentType };
  }

  async putBuffer(buf: Buffer, fileName: string, contentType: string): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const dest = this.pathOf(sha256);
    if (!(await exists(dest))) await writeFileAtomic(dest, buf);
    return { sha256, path: dest, sizeBytes: buf.length, fileName, contentType };
  }

  async verify(sha256: string): Promise<boolean> {
    try {
      return (await sha256File(this.pathOf(sha256))) === sha256;
    } catch {
      return false;
    }
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** temp file + fsync + rename: the destination is either the old file or the whole new one. */
export async function writeFileAtomic(dest: string, data: Buffer | Uint8Array): Promise<void> {
  await mkdir(join(dest, '..'), { recursive: true });
  const tmp = `${dest}.${randomUUID()}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, dest);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

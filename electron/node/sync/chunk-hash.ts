import { createHash, webcrypto } from 'node:crypto';
import { open } from 'node:fs/promises';

/** tus Upload-Checksum of a chunk in memory (a small file sent from memory). */
export function sha256Base64(chunk: Uint8Array): string {
  return createHash('sha256').update(chunk).digest('base64');
}

/** tus Upload-Checksum of a chunk of a file on disk, hashed in the thread pool (WebCrypto). */
export async function sha256Slice(path: string, offset: number, len: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, offset);
    return Buffer.from(await webcrypto.subtle.digest('SHA-256', buf)).toString('base64');
  } finally {
    await fh.close();
  }
}

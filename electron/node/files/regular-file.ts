import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { failure } from '../../common/ipc/result';
import { errnoCode } from './fs-errors';

// O_NOFOLLOW: a symlink swapped in after the check below is refused by the kernel (ELOOP).
// O_NONBLOCK: a FIFO opens at once instead of waiting for a writer, and is then refused by fstat.
// Neither exists on Windows, where the realpath comparison still refuses links and junctions.
const ATTACHMENT_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const samePath = (a: string, b: string) => (caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);

/**
 * Opens a scan for reading only when it is the regular file its path names. A scan is uploaded to
 * the province as a citizen's document, so a symlink in the scanner's folder (to another citizen's
 * file, the database, a device) or a path whose `..` the kernel resolves through a symlinked folder
 * to somewhere other than the path as written, is refused instead of followed. Callers read the
 * returned handle, never the path again, so what was checked is what is read.
 */
export async function openRegularFile(path: string): Promise<{ fh: FileHandle; size: number }> {
  const name = basename(path);
  const lexical = resolve(path);
  let real: string;
  let expected: string;
  try {
    // The kernel's answer for the path as given, against the path with `..` removed by text and
    // only its folder resolved: they differ exactly when a link or a `..` leads elsewhere.
    real = await realpath(path);
    expected = join(await realpath(dirname(lexical)), basename(lexical));
  } catch {
    throw failure('not_found', 'files.unreadable', { file: name });
  }
  const link = () => failure('invalid_input', 'files.link', { file: name });
  if (!samePath(real, expected)) throw link();
  let fh: FileHandle;
  try {
    fh = await open(lexical, ATTACHMENT_FLAGS);
  } catch (e) {
    if (errnoCode(e) === 'ELOOP') throw link();
    throw failure('not_found', 'files.unreadable', { file: name });
  }
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw failure('invalid_input', 'files.notRegular', { file: name });
    return { fh, size: s.size };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Calls `fn` with the handle's bytes from offset 0, in order; returns how many there were (reading stops past `limit`). */
export async function eachChunk(fh: FileHandle, limit: number, fn: (chunk: Buffer) => Promise<void> | void): Promise<number> {
  const buf = Buffer.alloc(1024 * 1024);
  let total = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, total);
    if (bytesRead === 0) return total;
    total += bytesRead;
    if (total > limit) return total;
    await fn(buf.subarray(0, bytesRead));
  }
}

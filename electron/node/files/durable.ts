import { closeSync, fsyncSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';

/** Flushes a written file to the disk before it is renamed into place. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename or link in `dir` survive a power cut. */
export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  }
}

/**
 * Overwrites a file with zeros, flushes, then removes it. On SSDs and copy-on-write file systems
 * old blocks may survive elsewhere; this is the best an application can do without the OS.
 */
export function wipeFile(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  try {
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let done = 0; done < size; ) done += writeSync(fd, zeros, 0, Math.min(zeros.length, size - done), done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(path);
}

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, openSync, readSync } from 'node:fs';

/**
 * Drops these files' pages from the OS page cache, so that a figure can be taken as on the first
 * reads after the PC starts, whatever ran before the bench (a CI run, the database's build). GNU
 * dd's `iflag=nocache count=0` asks the kernel (posix_fadvise DONTNEED) to drop the whole file:
 * no root, and nothing but these files leaves the cache. Dirty pages are not dropped, so each file
 * is synced first. Returns why it could not (not Linux, dd refused), or null once done.
 */
export function evictFromPageCache(paths: readonly string[]): string | null {
  if (process.platform !== 'linux') return `not on ${process.platform}`;
  for (const path of paths.filter((p) => existsSync(p))) {
    const fd = openSync(path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const r = spawnSync('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none'], { encoding: 'utf8' });
    if (r.error) return `dd: ${r.error.message}`;
    if (r.status !== 0) return `dd exit ${r.status}: ${r.stderr.trim()}`;
  }
  return null;
}

/**
 * Reads these files through once, so that their pages are in the OS page cache, as a running app's
 * store is after a while at the counter. Without it the "warm" figures read whatever the bench's
 * earlier steps or a CI run before it happened to leave in memory. Returns the bytes read.
 */
export function loadIntoPageCache(paths: readonly string[]): number {
  const chunk = Buffer.allocUnsafe(8 << 20);
  let total = 0;
  for (const path of paths.filter((p) => existsSync(p))) {
    const fd = openSync(path, 'r');
    try {
      for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) total += n;
    } finally {
      closeSync(fd);
    }
  }
  return total;
}

import { closeSync, existsSync, linkSync, openSync, readdirSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncFile, wipeFile } from './durable';
import { isSealed, sealBuffer } from './sealed-file';

/**
 * Stored files from a version before sealing are sealed in place, one by one: the sealed copy is
 * written and flushed under a temporary name, the clear file keeps a second name, the copy is
 * renamed over it, and the clear bytes are overwritten and removed. A kill at any point leaves each
 * file either clear or sealed (never half), and the next start finishes the job.
 */
export function sealLegacyFiles(root: string, master: Buffer): number {
  const dir = join(root, 'sha256');
  if (!existsSync(dir)) return 0;
  let sealed = 0;
  for (const sub of readdirSync(dir)) {
    const subDir = join(dir, sub);
    const names = readdirSync(subDir);
    // First what a kill left: a copy or a second name whose original is still there, clear or sealed.
    for (const name of names) if (/\.(sealing|clear|tmp)$/.test(name)) wipeFile(join(subDir, name));
    for (const name of names) {
      if (/\.(sealing|clear|tmp)$/.test(name)) continue;
      const path = join(subDir, name);
      if (headSealed(path)) continue;
      const copy = `${path}.sealing`;
      writeFileSync(copy, sealBuffer(master, readFileSync(path)), { mode: 0o600, flag: 'wx' });
      syncFile(copy);
      linkSync(path, `${path}.clear`);
      renameSync(copy, path);
      wipeFile(`${path}.clear`);
      sealed++;
    }
  }
  return sealed;
}

function headSealed(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    return isSealed(head.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

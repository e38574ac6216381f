import { chmodSync, closeSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataLayout } from '../config/paths';
import { syncDir, syncFile, wipeFile } from './durable';
import { sealDocument } from './document-vault';
import { isSealed, sealContent } from './sealed-file';

/** Names only a kill can leave behind: a sealed copy not yet renamed, a second name of the original, a write cut short. */
const LEFTOVER = /\.(sealing|clear|tmp)$/;
/** A working copy of a result that versions before sealing kept in files/returns and never deleted. */
const WORKING_COPY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf$/;

/**
 * Scans and generated documents stored by a version before sealing, sealed once, each file
 * crash-safely. The marker is written after both passes, so a start after it opens none of the
 * stored files again (everything since is written sealed), and a kill before it repeats the passes.
 */
export function sealLegacyDataDir(l: DataLayout, master: Buffer): void {
  if (existsSync(l.legacySealedMarker)) return;
  // Folders of older versions were 0755: the data directory's own folders are this user's alone.
  for (const d of [l.filesDir, l.logsDir]) if (existsSync(d)) chmodSync(d, 0o700);
  sealLegacyFiles(l.filesDir, master);
  sealLegacyDocuments([l.receiptsDir, l.returnsDir, l.reportsDir], master, l.legacySealedMarker);
}

/**
 * Stored scans and attachments from a version before sealing (files/sha256/xx/…), sealed in place,
 * v2: bound to the sha256 of the bytes found (a file that no longer matched its name then fails to
 * open under it, as the hash pass on v1 files would have refused it).
 */
export function sealLegacyFiles(root: string, master: Buffer): number {
  const dir = join(root, 'sha256');
  if (!existsSync(dir)) return 0;
  let sealed = 0;
  for (const sub of readdirSync(dir)) sealed += sealFolderInPlace(join(dir, sub), master, { bind: 'content' });
  return sealed;
}

/**
 * Generated documents from a version before sealing (receipts and forms, hand-over slips, day-close
 * reports): each folder made this user's alone (0700, files 0600) and sealed in place; result
 * working copies wiped (the result itself is in the content store). Done once: `marker` is written
 * after the last folder, so later starts do not open every receipt again (new ones are written
 * sealed), and a kill before it means the next start goes over the folders again.
 */
export function sealLegacyDocuments(dirs: readonly string[], master: Buffer, marker: string): number {
  if (existsSync(marker)) return 0;
  let sealed = 0;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) if (WORKING_COPY.test(name)) wipeFile(join(dir, name));
    sealed += sealFolderInPlace(dir, master, { tighten: true, bind: 'name' });
  }
  mkdirSync(dirname(marker), { recursive: true, mode: 0o700 });
  writeFileSync(marker, `${new Date().toISOString()}\n`, { mode: 0o600 });
  return sealed;
}

/**
 * Seals every clear file of one folder in place, one by one: the sealed copy is written and flushed
 * under a temporary name, the clear file keeps a second name, the copy is renamed over it, and the
 * clear bytes are overwritten and removed. A kill at any point leaves each file either clear or
 * sealed (never half), and the next start finishes the job. `bind`: a stored file to the sha256 of
 * its bytes, a document to its file name (as the vault writes them).
 */
export function sealFolderInPlace(dir: string, master: Buffer, o: { tighten?: boolean; bind: 'content' | 'name' }): number {
  const names = readdirSync(dir);
  // First what a kill left: a copy or a second name whose original is still there, clear or sealed.
  for (const name of names) if (LEFTOVER.test(name)) removeLeftover(join(dir, name));
  let sealed = 0;
  for (const name of names) {
    if (LEFTOVER.test(name)) continue;
    const path = join(dir, name);
    if (!lstatSync(path).isFile()) continue;
    if (headSealed(path)) {
      if (o.tighten) chmodSync(path, 0o600);
      continue;
    }
    const copy = `${path}.sealing`;
    const clear = readFileSync(path);
    writeFileSync(copy, o.bind === 'content' ? sealContent(master, clear) : sealDocument(master, clear, path), { mode: 0o600, flag: 'wx' });
    syncFile(copy);
    linkSync(path, `${path}.clear`);
    renameSync(copy, path);
    syncDir(dir);
    wipeFile(`${path}.clear`);
    sealed++;
  }
  return sealed;
}

/**
 * A `.clear` name is the original file itself until the sealed copy is renamed over the original:
 * overwriting it then would zero the only copy, so it is only unlinked. Once the original name holds
 * the sealed copy, `.clear` is the last name of the clear bytes and is wiped.
 */
function removeLeftover(path: string): void {
  const original = path.slice(0, path.lastIndexOf('.'));
  if (path.endsWith('.clear') && existsSync(original) && statSync(original).ino === statSync(path).ino) {
    unlinkSync(path);
    return;
  }
  wipeFile(path);
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

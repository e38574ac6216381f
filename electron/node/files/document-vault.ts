import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { failure } from '../../common/ipc/result';
import { writeFileAtomic } from './content-store';
import { wipeFile } from './durable';
import { fsFailure } from './fs-errors';
import { SealError, sealBound, unsealToBuffer } from './sealed-file';

/**
 * The documents the app generates and keeps in its data directory (receipts, turn-back slips,
 * the forms, hand-over slips, day-close reports and their signed versions): written sealed like
 * the content store's files, with the same key, so none of them reads without this PC's key.
 * Clear bytes exist only in memory (`read`: the signer takes and returns bytes, the print view gets
 * them over IPC through PrintOffers). A file the user saves to a place of their own choice (`--out`)
 * is written clear by intent (`exportTo`). Each is bound to its file name (`documentBinding`): a
 * receipt copied over another dossier's receipt fails to open, as a changed byte does; documents
 * sealed before that (format v1) still open.
 */
export class DocumentVault {
  /** `viewerDir`: where versions before printing from memory left plain copies for the OS viewer; only wiped now. */
  constructor(
    private readonly master: Buffer,
    readonly viewerDir: string,
  ) {}

  /** Sealed, atomically (temp file, fsync, rename), 0600 in a 0700 folder. */
  write(dest: string, plain: Buffer | Uint8Array): Promise<void> {
    return writeFileAtomic(dest, sealDocument(this.master, plain, dest));
  }

  /** The clear bytes, in memory; a missing, cut, changed or foreign file is a typed failure naming the file. */
  async read(path: string): Promise<Buffer> {
    try {
      return await readDocumentSealed(this.master, path);
    } catch (e) {
      throw documentFailure(e, path);
    }
  }

  /** A clear copy at a place the user chose (`--out`): clear by intent, written atomically. */
  async exportTo(path: string, out: string): Promise<void> {
    await writeFileAtomic(out, await this.read(path));
  }

  /**
   * Plain copies an older version handed to the OS viewer and had not wiped yet (it did after ten
   * minutes, or at the next start): call at start. Returns how many folders went.
   */
  wipeViewerLeftovers(): number {
    if (!existsSync(this.viewerDir)) return 0;
    const names = readdirSync(this.viewerDir);
    for (const name of names) wipeTree(join(this.viewerDir, name));
    return names.length;
  }
}

/**
 * What a generated document (receipt, form, slip, report) is bound to: its file name, which names
 * the dossier or the day (the folder is left out, so a data directory restored elsewhere still
 * reads). Labelled, so it can never equal a content store name (a sha256 of file bytes).
 */
export function documentBinding(path: string): Buffer {
  return createHash('sha256').update(`motcua/document-name/v1\0${basename(path).normalize('NFC')}`).digest();
}

/** A generated document sealed as it is kept at `path`: by the vault, and by the first start's sealing of clear ones. */
export function sealDocument(master: Buffer, plain: Buffer | Uint8Array, path: string): Buffer {
  return sealBound(master, plain, documentBinding(path));
}

/** A generated document's clear bytes: bound to its name (v2), or as sealed before binding (v1). */
export function readDocumentSealed(master: Buffer, path: string): Promise<Buffer> {
  return unsealToBuffer(master, path, documentBinding(path), { v1: 'open' });
}

function documentFailure(e: unknown, path: string) {
  const file = basename(path);
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') return failure('not_found', 'document.missing', { file });
  if (e instanceof SealError) return failure('conflict', 'document.unreadable', { file });
  return fsFailure(e, { key: 'fs.file', params: { file } }) ?? failure('conflict', 'document.unreadable', { file });
}

/** Overwrites then removes every file under `dir`, then the folder; never throws (on Windows a file may still be held open). */
function wipeTree(dir: string): void {
  try {
    if (!existsSync(dir)) return;
    if (!statSync(dir).isDirectory()) return wipeFile(dir);
    for (const name of readdirSync(dir)) wipeTree(join(dir, name));
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Tried again at the next start.
  }
}

import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { failure } from '../../common/ipc/result';
import { writeFileAtomic } from './content-store';
import { wipeFile } from './durable';
import { fsFailure } from './fs-errors';
import { SealError, sealBuffer, unsealToBuffer } from './sealed-file';

/**
 * How long a plain copy handed to the OS viewer lives. `shell.openPath` returns as soon as the
 * viewer was started, and nothing tells us when the officer has printed and closed it: the copy
 * must outlive that, so it is wiped after this delay, or when the app next starts if it was shut
 * down first. Ten minutes covers a print dialog and a printer warming up.
 */
export const VIEWER_LIFETIME_MS = 10 * 60_000;

/**
 * The documents the app generates and keeps in its data directory (receipts, turn-back slips,
 * the forms, hand-over slips, day-close reports and their signed versions): written sealed like
 * the content store's files, with the same key, so none of them reads without this PC's key.
 * Clear bytes exist only in memory (`read`; the signer takes and returns bytes) or in a viewer copy
 * for the OS viewer, the one tool that needs a path (see VIEWER_LIFETIME_MS). A file the user saves
 * to a place of their own choice (`--out`) is written clear by intent (`exportTo`).
 */
export class DocumentVault {
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly master: Buffer,
    readonly viewerDir: string,
  ) {}

  /** Sealed, atomically (temp file, fsync, rename), 0600 in a 0700 folder. */
  write(dest: string, plain: Buffer | Uint8Array): Promise<void> {
    return writeFileAtomic(dest, sealBuffer(this.master, plain));
  }

  /** The clear bytes, in memory; a missing, cut, changed or foreign file is a typed failure naming the file. */
  async read(path: string): Promise<Buffer> {
    try {
      return await unsealToBuffer(this.master, path);
    } catch (e) {
      throw documentFailure(e, path);
    }
  }

  /** A clear copy at a place the user chose (`--out`): clear by intent, written atomically. */
  async exportTo(path: string, out: string): Promise<void> {
    await writeFileAtomic(out, await this.read(path));
  }

  /**
   * A plain copy the OS viewer can open (printing, preview), under the document's own name so the
   * viewer's title and print job read right; wiped after VIEWER_LIFETIME_MS or at the next start.
   */
  async viewerCopy(path: string): Promise<string> {
    const plain = await this.read(path);
    const dir = join(this.viewerDir, randomUUID());
    const dest = join(dir, basename(path));
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const fh = await open(dest, 'wx', 0o600);
      try {
        await fh.writeFile(plain);
      } finally {
        await fh.close();
      }
    } catch (e) {
      wipeTree(dir);
      throw fsFailure(e, { key: 'fs.file', params: { file: basename(path) } }) ?? e;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      wipeTree(dir);
    }, VIEWER_LIFETIME_MS);
    timer.unref();
    this.#timers.add(timer);
    return dest;
  }

  /** Viewer copies of an earlier run (call at start, before anything is opened); returns how many folders went. */
  wipeViewerLeftovers(): number {
    if (!existsSync(this.viewerDir)) return 0;
    const names = readdirSync(this.viewerDir);
    for (const name of names) wipeTree(join(this.viewerDir, name));
    return names.length;
  }

  /** At close the waiting viewer copies go at once: the next start would wipe them anyway, and until then they would lie in clear. */
  close(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.wipeViewerLeftovers();
  }
}

function documentFailure(e: unknown, path: string) {
  const file = basename(path);
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') return failure('not_found', 'document.missing', { file });
  if (e instanceof SealError) return failure('conflict', 'document.unreadable', { file });
  return fsFailure(e, { key: 'fs.file', params: { file } }) ?? failure('conflict', 'document.unreadable', { file });
}

/** Overwrites then removes every file under `dir`, then the folder; never throws (a viewer may still hold a file on Windows). */
function wipeTree(dir: string): void {
  try {
    if (!existsSync(dir)) return;
    if (!statSync(dir).isDirectory()) return wipeFile(dir);
    for (const name of readdirSync(dir)) wipeTree(join(dir, name));
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Left for the next start's wipeViewerLeftovers.
  }
}

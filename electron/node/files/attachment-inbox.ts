import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { failure } from '../../common/ipc/result';
import { sniffContentType } from './content-store';
import { openRegularFile } from './regular-file';

export interface InboxFile {
  readonly token: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly contentType: string;
}

/**
 * The renderer never names a file path. Files enter through the OS file dialog or the scanner's
 * watched folder; each gets an opaque token, and only tokens travel over IPC. A compromised page
 * therefore cannot attach (and upload) an arbitrary file of the PC.
 */
export class AttachmentInbox {
  readonly #byToken = new Map<string, InboxFile & { path: string }>();
  readonly #byPath = new Map<string, string>();

  async register(path: string): Promise<InboxFile | null> {
    const known = this.#byPath.get(path);
    if (known) return this.#public(this.#byToken.get(known)!);
    try {
      // The same rule as the content store: links, devices, FIFOs and `..` detours never enter the list.
      const { fh, size } = await openRegularFile(path);
      const head = Buffer.alloc(8);
      try {
        await fh.read(head, 0, 8, 0);
      } finally {
        await fh.close();
      }
      const contentType = size > 0 ? sniffContentType(head) : null;
      if (!contentType) return null;
      const entry = { token: randomUUID(), fileName: basename(path).normalize('NFC'), sizeBytes: size, contentType, path };
      this.#byToken.set(entry.token, entry);
      this.#byPath.set(path, entry.token);
      return this.#public(entry);
    } catch {
      return null;
    }
  }

  async registerAll(paths: readonly string[]): Promise<InboxFile[]> {
    const out: InboxFile[] = [];
    for (const p of paths) {
      const f = await this.register(p);
      if (f) out.push(f);
    }
    return out;
  }

  /** New PDF/JPG/PNG files in the scanner's output folder, newest first. */
  async scanFolder(dir: string, limit = 50): Promise<InboxFile[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      throw failure('not_found', 'attachments.scanFolderUnreadable', { dir });
    }
    const files = await Promise.all(
      names
        .filter((n) => /\.(pdf|jpe?g|png)$/i.test(n))
        .map(async (n) => {
          const p = join(dir, n);
          const s = await stat(p).catch(() => null);
          return s?.isFile() ? { p, m: s.mtimeMs } : null;
        }),
    );
    const sorted = files.filter((x): x is { p: string; m: number } => Boolean(x)).sort((a, b) => b.m - a.m).slice(0, limit);
    return this.registerAll(sorted.map((x) => x.p));
  }

  pathOf(token: string): string {
    const e = this.#byToken.get(token);
    if (!e) throw failure('not_found', 'attachments.gone');
    return e.path;
  }

  async preview(token: string, maxBytes = 15 * 1024 * 1024): Promise<{ contentType: string; dataUrl: string }> {
    const e = this.#byToken.get(token);
    if (!e) throw failure('not_found', 'attachments.goneShort');
    if (e.sizeBytes > maxBytes) throw failure('invalid_input', 'attachments.tooLargeToPreview');
    const { fh, size } = await openRegularFile(e.path);
    let b: Buffer;
    try {
      if (size > maxBytes) throw failure('invalid_input', 'attachments.tooLargeToPreview');
      b = await fh.readFile();
    } finally {
      await fh.close();
    }
    return { contentType: e.contentType, dataUrl: `data:${e.contentType};base64,${b.toString('base64')}` };
  }

  #public(e: InboxFile): InboxFile {
    return { token: e.token, fileName: e.fileName, sizeBytes: e.sizeBytes, contentType: e.contentType };
  }
}

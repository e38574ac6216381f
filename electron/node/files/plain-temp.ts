import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { wipeFile } from './durable';
import { unsealEach } from './sealed-file';

/**
 * The one place plain copies of sealed files exist: a private folder (0700, files 0600) inside
 * the data directory. Each copy lives only while the tool that needs a path runs; whatever a
 * crash left behind is overwritten and removed when the app or a command next starts.
 */
export class PlainTemp {
  constructor(
    readonly dir: string,
    private readonly master: Buffer,
  ) {}

  /** A plain copy of a sealed file for a tool that needs a path, wiped as soon as `fn` ends. */
  withPlainCopy<T>(sealedPath: string, fn: (path: string) => Promise<T>): Promise<T> {
    return this.#withFile(
      (out) =>
        unsealEach(this.master, sealedPath, async (c) => {
          for (let done = 0; done < c.length; ) done += (await out.write(c, done, c.length - done, null)).bytesWritten;
        }),
      fn,
    );
  }

  /** A plain file holding `plain` (a document already unsealed in memory) for a tool that needs a path, wiped as soon as `fn` ends. */
  withPlainBytes<T>(plain: Buffer, fn: (path: string) => Promise<T>): Promise<T> {
    return this.#withFile((out) => out.writeFile(plain), fn);
  }

  /** A new 0600 file in the private folder, filled by `fill`, handed to `fn`, and wiped whatever happens. */
  async #withFile<T>(fill: (out: FileHandle) => Promise<unknown>, fn: (path: string) => Promise<T>): Promise<T> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, `${randomUUID()}.tmp`);
    try {
      const out = await open(path, 'wx', 0o600);
      try {
        await fill(out);
      } finally {
        await out.close();
      }
      return await fn(path);
    } finally {
      if (existsSync(path)) wipeFile(path);
    }
  }

  /** Leftovers of a crash: plain copies no process uses any more (call before anything is in flight). */
  wipeLeftovers(): number {
    if (!existsSync(this.dir)) return 0;
    let n = 0;
    for (const name of readdirSync(this.dir)) {
      wipeFile(join(this.dir, name));
      n++;
    }
    return n;
  }
}

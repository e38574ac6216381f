import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { wipeFile } from './durable';

/**
 * The private folder (0700) where versions before in-memory signing and sealed uploads wrote plain
 * copies of sealed files for the signer and the uploader. Nothing writes there any more: the signer
 * takes bytes and the uploader reads the sealed file by position. What an older version or a crash
 * left behind is overwritten and removed when the app or a command next starts.
 */
export class PlainTemp {
  constructor(readonly dir: string) {}

  /** Leftovers of an older version or a crash (call before anything is in flight); returns how many files went. */
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

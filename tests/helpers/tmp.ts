import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * A fresh directory per test, removed afterwards; real files on disk, never mocks. What lies beside
 * it under its name goes with it: the data directory's key file (`<dir>.key`, never inside), and a
 * test's files kept outside the data directory on purpose (`<dir>-scan.pdf`, `<dir>.key.old`).
 */
export function tempDir(prefix = 'motcua-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const name = basename(dir);
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      for (const n of readdirSync(dirname(dir))) if (n.startsWith(`${name}.`) || n.startsWith(`${name}-`)) rmSync(join(dirname(dir), n), { recursive: true, force: true });
    },
  };
}

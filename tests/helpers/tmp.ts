import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** The cleanups of this test file's temp dirs not removed yet (tests/setup/temp-dirs.ts runs them after its last test). */
const live = new Set<() => void>();

/**
 * A fresh directory per test, removed afterwards; real files on disk, never mocks. What lies beside
 * it under its name goes with it: the data directory's key file (`<dir>.key`, never inside), and a
 * test's files kept outside the data directory on purpose (`<dir>-scan.pdf`, `<dir>.key.old`).
 * One the test does not remove goes when its test file ends (they may hold a test citizen's files).
 */
export function tempDir(prefix = 'motcua-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const name = basename(dir);
  const cleanup = () => {
    live.delete(cleanup);
    rmSync(dir, { recursive: true, force: true });
    for (const n of readdirSync(dirname(dir))) if (n.startsWith(`${name}.`) || n.startsWith(`${name}-`)) rmSync(join(dirname(dir), n), { recursive: true, force: true });
  };
  live.add(cleanup);
  return { dir, cleanup };
}

/** Removes every temp dir of this test file still there (a process-exit hook never runs in vitest's workers). */
export function removeTempDirs(): void {
  for (const cleanup of [...live]) cleanup();
}

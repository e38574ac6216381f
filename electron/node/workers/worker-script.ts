import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A bundled worker script (`workers/<name>.cjs`, built by scripts/build.mjs into dist/ and by the
 * bench beside its bundle), wherever this module runs from: the app's bundle, the CLI's, the
 * bench's, or the TypeScript sources under vitest (then dist/ of a prior build). Null when none was built.
 */
export function findWorkerScript(name: string): string | null {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, 'workers', `${name}.cjs`), join(dir, 'dist', 'workers', `${name}.cjs`)]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = dirname(dir);
  }
  return null;
}

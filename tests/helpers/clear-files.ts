import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every regular file under `root` (database, WAL, journals, temp and stored files), recursively. */
export function allFiles(root: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) out.push(...allFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * The files under `root` that hold a citizen's data in clear: any of `texts` as UTF-8 or UTF-16
 * (SQLite and PDFs may hold text either way), or a whole PDF in clear (a kept document, a viewer
 * copy, a temp file). Empty when everything at rest is sealed.
 */
export function clearFiles(root: string, texts: readonly string[]): string[] {
  const needles = texts.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
  return allFiles(root).filter((f) => {
    const b = readFileSync(f);
    return b.subarray(0, 4).toString('latin1') === '%PDF' || needles.some((n) => b.includes(n));
  });
}

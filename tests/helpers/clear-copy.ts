import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Folders of this test file's clear copies, removed after its last test (tests/setup/clear-copies.ts). */
const copies: string[] = [];

/**
 * A clear copy of a document for a tool that reads a path (pdftotext, pdfsig, qpdf), in a folder of
 * the test's own outside every data directory. It may hold a test citizen's receipt: it goes when
 * the test file ends. (A hook on the process's exit never ran: the test runner ends its workers
 * without one, and the copies piled up in the temp folder.)
 */
export function plainCopy(bytes: Buffer | Uint8Array, name = 'document.pdf'): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-clear-copy-'));
  copies.push(dir);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Removes every clear copy made so far; returns how many folders went. */
export function removeClearCopies(): number {
  const n = copies.length;
  for (const d of copies.splice(0)) rmSync(d, { recursive: true, force: true });
  return n;
}

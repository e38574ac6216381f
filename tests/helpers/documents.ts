import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ContentStore } from '../../electron/node/files/content-store';
import { DocumentVault, readDocumentSealed } from '../../electron/node/files/document-vault';
import { fileMasterKey } from '../../electron/node/files/sealed-file';
import { dataDbKey } from './data-db';
import { tempDir } from './tmp';

/**
 * The documents the app keeps (receipts, forms, slips, reports) are sealed at rest. Tests read them
 * the way the app does: unsealed with the data directory's key; pdftotext and friends get a clear
 * copy in a temp dir of its own outside every data directory, removed when the test file ends (tmp.ts).
 */
export function plainCopy(bytes: Buffer | Uint8Array, name = 'document.pdf'): string {
  const path = join(tempDir('motcua-clear-copy-').dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The clear bytes of a document kept sealed in `dataDir`. */
export async function readDocument(dataDir: string, path: string): Promise<Buffer> {
  return readDocumentSealed(fileMasterKey(await dataDbKey(dataDir)), path);
}

/** A clear copy of a document kept sealed in `dataDir`, for a tool that reads a path. */
export async function plainDocument(dataDir: string, path: string): Promise<string> {
  return plainCopy(await readDocument(dataDir, path), basename(path));
}

/** A content store and a document vault under one key, for a service built outside the core (benches). */
export function documentStores(root: string, master: Buffer = randomBytes(32)): { files: ContentStore; docs: DocumentVault } {
  const files = new ContentStore(root, master);
  return { files, docs: new DocumentVault(master, join(root, 'viewer')) };
}

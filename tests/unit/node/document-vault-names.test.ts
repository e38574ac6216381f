import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorText } from '../../../electron/common/ipc/result';
import { ContentStore } from '../../../electron/node/files/content-store';
import { DocumentVault, documentBinding } from '../../../electron/node/files/document-vault';
import { sealBuffer, sealVersion } from '../../../electron/node/files/sealed-file';
import { tempDir } from '../../helpers/tmp';

const PDF = (s: string) => Buffer.from(`%PDF-1.4\n% ${s}\n${'x'.repeat(70_000)}\n%%EOF\n`, 'latin1');

/**
 * Generated documents are bound to their file names (issue #13): someone with the data directory
 * but not its key can no longer put one citizen's receipt (or a day's report) under another's name
 * and have it open as that one. Older documents (v1, unbound) still open.
 */
describe('generated documents are bound to their file names', () => {
  let t: ReturnType<typeof tempDir>;
  let master: Buffer;
  let vault: DocumentVault;
  const receipts = () => join(t.dir, 'files', 'receipts');
  beforeEach(() => {
    t = tempDir('motcua-doc-names-');
    master = randomBytes(32);
    vault = new DocumentVault(master, join(t.dir, 'files', 'viewer'));
  });
  afterEach(() => t.cleanup());

  it('a receipt copied over another dossier’s receipt fails to open, in Vietnamese and English; each opens under its own name', async () => {
    const a = join(receipts(), '000.00.01.H22-261130-0001.pdf');
    const b = join(receipts(), '000.00.01.H22-261130-0002.pdf');
    await vault.write(a, PDF('receipt of A'));
    await vault.write(b, PDF('receipt of B'));
    expect(sealVersion(readFileSync(a))).toBe(2);
    expect(await vault.read(a)).toEqual(PDF('receipt of A'));
    expect(await vault.read(b)).toEqual(PDF('receipt of B'));

    copyFileSync(a, b);
    const refused = await vault.read(b).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'conflict', key: 'document.unreadable', params: { file: '000.00.01.H22-261130-0002.pdf' } });
    expect((refused as Error).message).toMatch(/Không mở được tệp 000\.00\.01\.H22-261130-0002\.pdf/);
    expect(errorText(refused as never, 'en')).toMatch(/cannot be opened/);
    // Swapped by renaming, the same: neither opens under the other's name.
    await vault.write(b, PDF('receipt of B'));
    renameSync(a, join(receipts(), 'tmp.pdf'));
    renameSync(b, a);
    renameSync(join(receipts(), 'tmp.pdf'), b);
    await expect(vault.read(a)).rejects.toMatchObject({ key: 'document.unreadable' });
    await expect(vault.read(b)).rejects.toMatchObject({ key: 'document.unreadable' });
    // The export a user asked for is refused too: no clear copy of the wrong citizen's receipt is written.
    await expect(vault.exportTo(a, join(t.dir, 'out.pdf'))).rejects.toMatchObject({ key: 'document.unreadable' });
  });

  it('the name, not the folder: a data directory restored under another path still reads its documents', async () => {
    const a = join(receipts(), 'bao-cao-2026-11-30-chot.pdf');
    await vault.write(a, PDF('report'));
    const moved = join(t.dir, 'restored', 'files', 'receipts');
    mkdirSync(moved, { recursive: true });
    copyFileSync(a, join(moved, 'bao-cao-2026-11-30-chot.pdf'));
    expect(await vault.read(join(moved, 'bao-cao-2026-11-30-chot.pdf'))).toEqual(PDF('report'));
    // A Vietnamese name read back in another Unicode form (NFD, as some file systems hand it) is the same name.
    const vn = join(receipts(), 'Báo cáo ngày.pdf');
    await vault.write(vn, PDF('vn'));
    expect(documentBinding(vn.normalize('NFD'))).toEqual(documentBinding(vn));
  });

  it('a document sealed before names were bound (v1) still opens, wherever it lies', async () => {
    mkdirSync(receipts(), { recursive: true });
    const old = join(receipts(), 'cu.pdf');
    writeFileSync(old, sealBuffer(master, PDF('old receipt')));
    expect(await vault.read(old)).toEqual(PDF('old receipt'));
  });

  it('a stored scan put where a document was expected does not open as that document, nor a document as a stored file', async () => {
    const files = new ContentStore(join(t.dir, 'files'), master);
    const src = join(t.dir, 'scan.pdf');
    writeFileSync(src, PDF('scan'));
    const stored = await files.importFile(src);
    const doc = join(receipts(), 'r.pdf');
    mkdirSync(receipts(), { recursive: true });
    copyFileSync(files.pathOf(stored.sha256), doc);
    await expect(vault.read(doc)).rejects.toMatchObject({ key: 'document.unreadable' });
    // And the other way round: a document put under a stored file's name is not that file.
    await vault.write(doc, PDF('scan'));
    copyFileSync(doc, files.pathOf(stored.sha256));
    expect(await files.readVerified(stored.sha256)).toBeNull();
  });
});

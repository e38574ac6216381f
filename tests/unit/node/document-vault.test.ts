import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorText } from '../../../electron/common/ipc/result';
import { DocumentVault, readDocumentSealed } from '../../../electron/node/files/document-vault';
import { PrintOffers } from '../../../electron/node/files/print-offers';
import { sealLegacyDocuments } from '../../../electron/node/files/seal-legacy';
import { isSealed, sealBuffer, sealVersion } from '../../../electron/node/files/sealed-file';
import { tempDir } from '../../helpers/tmp';

const PDF = (s: string) => Buffer.from(`%PDF-1.4\n% ${s}\n%%EOF\n`, 'latin1');

describe('generated documents at rest (DocumentVault)', () => {
  let t: ReturnType<typeof tempDir>;
  let master: Buffer;
  let vault: DocumentVault;
  beforeEach(() => {
    t = tempDir('motcua-docs-');
    master = randomBytes(32);
    vault = new DocumentVault(master, join(t.dir, 'files', 'viewer'));
  });
  afterEach(() => {
    vi.useRealTimers();
    t.cleanup();
  });

  it('writes sealed, 0600 in a 0700 folder, and reads the same bytes back', async () => {
    const path = join(t.dir, 'files', 'receipts', 'r.pdf');
    await vault.write(path, PDF('Nguyễn Văn Đức 001090123456'));
    const onDisk = readFileSync(path);
    expect(isSealed(onDisk)).toBe(true);
    expect(onDisk.includes(Buffer.from('001090123456'))).toBe(false);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(t.dir, 'files', 'receipts')).mode & 0o777).toBe(0o700);
    expect(await vault.read(path)).toEqual(PDF('Nguyễn Văn Đức 001090123456'));
    expect(readdirSync(join(t.dir, 'files', 'receipts'))).toEqual(['r.pdf']);
  });

  it('a cut file, a file of another key and a missing file are typed failures in Vietnamese (English by key), never a crash', async () => {
    const path = join(t.dir, 'r.pdf');
    await vault.write(path, PDF('x'.repeat(100_000)));
    truncateSync(path, statSync(path).size - 10);
    const cut = await vault.read(path).catch((e: unknown) => e);
    expect(cut).toMatchObject({ code: 'conflict', key: 'document.unreadable', params: { file: 'r.pdf' } });
    expect((cut as Error).message).toMatch(/Không mở được tệp r\.pdf: tệp đã bị cắt, bị sửa hoặc không được niêm phong bằng khóa của máy này/);
    expect(errorText(cut as never, 'en')).toMatch(/cannot be opened/);

    writeFileSync(path, sealBuffer(randomBytes(32), PDF('other PC')));
    await expect(vault.read(path)).rejects.toMatchObject({ code: 'conflict', key: 'document.unreadable' });
    // A clear PDF where a sealed one is expected (a file put back by hand) is refused the same way.
    writeFileSync(path, PDF('clear'));
    await expect(vault.read(path)).rejects.toMatchObject({ key: 'document.unreadable' });
    const offers = new PrintOffers(vault);
    await expect(offers.bytes(offers.offer(path).token)).rejects.toMatchObject({ key: 'document.unreadable' });
    await expect(vault.read(join(t.dir, 'gone.pdf'))).rejects.toMatchObject({ code: 'not_found', key: 'document.missing', params: { file: 'gone.pdf' } });
  });

  it('a print offer hands the clear bytes over in memory by token: the renderer never gets a path, and nothing is written', async () => {
    const path = join(t.dir, 'files', 'receipts', 'mau-02-7.pdf');
    await vault.write(path, PDF('Nguyễn Văn Đức 001090123456'));
    const before = readdirSync(t.dir, { recursive: true }).sort();
    const offers = new PrintOffers(vault);
    const offer = offers.offer(path);
    expect(offer.name).toBe('mau-02-7.pdf');
    expect(offer.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.stringify(offer)).not.toContain(t.dir);
    const r = await offers.bytes(offer.token);
    expect(r.contentType).toBe('application/pdf');
    expect(r.dataUrl.startsWith('data:application/pdf;base64,')).toBe(true);
    expect(Buffer.from(r.dataUrl.slice(r.dataUrl.indexOf(',') + 1), 'base64')).toEqual(PDF('Nguyễn Văn Đức 001090123456'));
    // Read again (a page reloaded, React's double effect in development): the same bytes.
    expect((await offers.bytes(offer.token)).dataUrl).toBe(r.dataUrl);
    expect(readdirSync(t.dir, { recursive: true }).sort()).toEqual(before);
    expect(existsSync(join(t.dir, 'files', 'viewer'))).toBe(false);
    // An unknown token, one gone at sign-out, and a file over the cap are typed failures.
    await expect(offers.bytes('6f1c2b9e-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found', key: 'print.gone' });
    offers.clear();
    await expect(offers.bytes(offer.token)).rejects.toMatchObject({ code: 'not_found', key: 'print.gone' });
    const big = join(t.dir, 'big.pdf');
    await vault.write(big, PDF('x'.repeat(10_000)));
    const tooBig = await offers.bytes(offers.offer(big).token, 9_000).catch((e: unknown) => e);
    expect(tooBig).toMatchObject({ code: 'invalid_input', key: 'print.tooLarge', params: { file: 'big.pdf' } });
    expect(errorText(tooBig as never, 'vi')).toBe('Tệp big.pdf quá lớn để in từ ứng dụng.');
    expect(errorText(tooBig as never, 'en')).toBe('File big.pdf is too large to print from the app.');
  });

  it('keeps the last 20 offers: an older token is gone, a newer one reads', async () => {
    const path = join(t.dir, 'r.pdf');
    await vault.write(path, PDF('r'));
    const offers = new PrintOffers(vault);
    const first = offers.offer(path);
    const rest = Array.from({ length: 20 }, () => offers.offer(path));
    await expect(offers.bytes(first.token)).rejects.toMatchObject({ key: 'print.gone' });
    expect((await offers.bytes(rest[0]!.token)).contentType).toBe('application/pdf');
  });

  it('plain viewer copies an older version left go at start, folders and all', () => {
    const viewer = join(t.dir, 'files', 'viewer');
    for (const id of ['a', 'b']) {
      mkdirSync(join(viewer, id), { recursive: true });
      writeFileSync(join(viewer, id, 'giay-tiep-nhan.pdf'), PDF('old clear copy'));
    }
    expect(vault.wipeViewerLeftovers()).toBe(2);
    expect(readdirSync(viewer)).toEqual([]);
    expect(vault.wipeViewerLeftovers()).toBe(0);
  });

  it('an export to a file the user chose is clear, by intent', async () => {
    const path = join(t.dir, 'r.pdf');
    await vault.write(path, PDF('export'));
    const out = join(t.dir, 'out.pdf');
    await vault.exportTo(path, out);
    expect(readFileSync(out)).toEqual(PDF('export'));
  });
});

describe('documents from a version before sealing are sealed in place at start', () => {
  let t: ReturnType<typeof tempDir>;
  const master = randomBytes(32);
  beforeEach(() => {
    t = tempDir('motcua-legacy-docs-');
  });
  afterEach(() => t.cleanup());

  const dirs = () => ['receipts', 'returns', 'reports'].map((d) => join(t.dir, d));
  const marker = () => join(t.dir, 'files', '.documents-sealed');

  it('seals each clear file, wipes old result working copies, tightens modes, and is done once', async () => {
    for (const d of dirs()) mkdirSync(d, { recursive: true, mode: 0o755 });
    writeFileSync(join(t.dir, 'receipts', 'A.pdf'), PDF('receipt A'), { mode: 0o644 });
    writeFileSync(join(t.dir, 'receipts', 'mau-02-1.pdf'), PDF('mau 02'), { mode: 0o644 });
    writeFileSync(join(t.dir, 'returns', 'ban-giao-A.pdf'), PDF('slip'), { mode: 0o644 });
    writeFileSync(join(t.dir, 'returns', '0f8fad5b-d9cb-469f-a165-70867728950e.pdf'), PDF('working copy'));
    writeFileSync(join(t.dir, 'reports', 'bao-cao-2026-11-23-chot.pdf'), PDF('report'), { mode: 0o644 });
    writeFileSync(join(t.dir, 'reports', 'sealed.pdf'), sealBuffer(master, PDF('already')), { mode: 0o644 });
    expect(sealLegacyDocuments(dirs(), master, marker())).toBe(4);
    expect(readdirSync(join(t.dir, 'returns'))).toEqual(['ban-giao-A.pdf']);
    for (const [f, text] of [['receipts/A.pdf', 'receipt A'], ['receipts/mau-02-1.pdf', 'mau 02'], ['returns/ban-giao-A.pdf', 'slip'], ['reports/bao-cao-2026-11-23-chot.pdf', 'report'], ['reports/sealed.pdf', 'already']] as const) {
      const p = join(t.dir, f);
      expect(isSealed(readFileSync(p)), f).toBe(true);
      expect(await readDocumentSealed(master, p)).toEqual(PDF(text));
      // Sealed by the pass: bound to its file name (v2); the one sealed before stays as it was (v1).
      expect(sealVersion(readFileSync(p)), f).toBe(f === 'reports/sealed.pdf' ? 1 : 2);
      expect(statSync(p).mode & 0o777, f).toBe(0o600);
    }
    for (const d of dirs()) expect(statSync(d).mode & 0o777).toBe(0o700);
    // Once done, a later start opens nothing: a clear file put there afterwards is not this pass's business.
    writeFileSync(join(t.dir, 'receipts', 'later.pdf'), PDF('later'));
    expect(sealLegacyDocuments(dirs(), master, marker())).toBe(0);
  });

  it('a kill mid-way leaves each file clear or sealed; the next start finishes and clears the leftovers', async () => {
    const r = join(t.dir, 'receipts');
    mkdirSync(r, { recursive: true });
    // Killed after the sealed copy was written, before the second name: `.sealing` beside the clear original.
    writeFileSync(join(r, 'A.pdf'), PDF('A'));
    writeFileSync(join(r, 'A.pdf.sealing'), sealBuffer(master, PDF('A')).subarray(0, 40));
    // Killed after the second name, before the rename: `.clear` is the original itself (same file).
    writeFileSync(join(r, 'B.pdf'), PDF('B'));
    linkSync(join(r, 'B.pdf'), join(r, 'B.pdf.clear'));
    writeFileSync(join(r, 'B.pdf.sealing'), sealBuffer(master, PDF('B')));
    // Killed after the rename, before the wipe: `.clear` is the last name of the clear bytes.
    writeFileSync(join(r, 'C.pdf'), sealBuffer(master, PDF('C')));
    writeFileSync(join(r, 'C.pdf.clear'), PDF('C'));
    // A receipt write cut short by a crash (writeFileAtomic's temp name).
    writeFileSync(join(r, 'D.pdf.6f1c2b9e-0000-4000-8000-000000000000.tmp'), PDF('half'));
    expect(sealLegacyDocuments(dirs(), master, marker())).toBe(2);
    expect(readdirSync(r).sort()).toEqual(['A.pdf', 'B.pdf', 'C.pdf']);
    for (const n of ['A', 'B', 'C']) expect(await readDocumentSealed(master, join(r, `${n}.pdf`)), n).toEqual(PDF(n));
    expect(existsSync(marker())).toBe(true);
  });
});

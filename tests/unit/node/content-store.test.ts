import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentStore } from '../../../electron/node/files/content-store';
import { isSealed, SEAL_CHUNK } from '../../../electron/node/files/sealed-file';
import { tempDir } from '../../helpers/tmp';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('content store: files kept from memory and read without a clear copy', () => {
  let t: ReturnType<typeof tempDir>;
  let files: ContentStore;
  beforeEach(() => {
    t = tempDir('motcua-content-');
    files = new ContentStore(join(t.dir, 'files'), randomBytes(32));
  });
  afterEach(() => t.cleanup());

  it('pieces (a signed PDF: the original, then its update) are stored sealed as one file, byte for byte, across chunk bounds', async () => {
    const original = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * SEAL_CHUNK + 5)]);
    const pieces = [original, new Uint8Array(0), randomBytes(100), new Uint8Array(randomBytes(SEAL_CHUNK))];
    const whole = Buffer.concat(pieces);
    const stored = await files.putPieces(pieces, 'ket-qua (đã ký).pdf', 'application/pdf');
    expect(stored).toMatchObject({ sha256: sha(whole), sizeBytes: whole.length, fileName: 'ket-qua (đã ký).pdf', contentType: 'application/pdf' });
    expect(isSealed(readFileSync(stored.path))).toBe(true);
    expect(readFileSync(stored.path).includes(original.subarray(0, 64))).toBe(false);
    expect((await files.readVerified(stored.sha256))!.equals(whole)).toBe(true);
    // The same bytes imported from a file land on the same stored file.
    const src = join(t.dir, 'whole.pdf');
    writeFileSync(src, whole);
    expect((await files.importFile(src)).path).toBe(stored.path);
    // Nothing but the stored file: no temp name left beside it.
    expect(readdirSync(join(t.dir, 'files', 'sha256', stored.sha256.slice(0, 2)))).toEqual([stored.sha256]);
  });

  it('a stored file is read by position through the sealed reader, one read at a time', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * SEAL_CHUNK)]);
    const stored = await files.putPieces([bytes], 'scan.pdf', 'application/pdf');
    const r = await files.openSealed(stored.sha256);
    try {
      const a = Buffer.alloc(SEAL_CHUNK);
      const first = r.read(a, 0, a.length, 100);
      await expect(r.read(Buffer.alloc(10), 0, 10, 0)).rejects.toThrow(/one read at a time/);
      expect((await first).bytesRead).toBe(SEAL_CHUNK);
      expect(a.equals(bytes.subarray(100, 100 + SEAL_CHUNK))).toBe(true);
    } finally {
      await r.close();
    }
  });

  it('a stored file whose content no longer matches its name is not handed out', async () => {
    const one = await files.putPieces([Buffer.from('%PDF-1.7\n% one\n')], 'a.pdf', 'application/pdf');
    const two = await files.putPieces([Buffer.from('%PDF-1.7\n% two\n')], 'b.pdf', 'application/pdf');
    // A sealed file of this key under another file's name: it opens, but is not the file asked for.
    writeFileSync(one.path, readFileSync(two.path));
    expect(await files.readVerified(one.sha256)).toBeNull();
    expect(await files.verify(one.sha256)).toBe(false);
    expect(await files.readVerified(sha(Buffer.from('never stored')))).toBeNull();
  });

  it('a small file read whole for its one-PATCH upload (issue #15): the same bytes at every chunk bound, refused when it is not what its row says', async () => {
    for (const n of [1, SEAL_CHUNK - 1, SEAL_CHUNK, SEAL_CHUNK + 1, 3 * SEAL_CHUNK, 200 * 1024 + 7]) {
      const bytes = randomBytes(n);
      const stored = await files.putBuffer(bytes, 'scan.pdf', 'application/pdf');
      const got = await files.readSmallVerified(stored.sha256, n);
      expect(got?.length).toBe(n);
      expect(got!.equals(bytes)).toBe(true);
      // A row that says another size: the file is not that one (cut, or another file).
      expect(await files.readSmallVerified(stored.sha256, n + 1)).toBeNull();
      if (n > 1) expect(await files.readSmallVerified(stored.sha256, n - 1)).toBeNull();
    }
    const one = await files.putBuffer(randomBytes(2 * SEAL_CHUNK + 9), 'a.pdf', 'application/pdf');
    const two = await files.putBuffer(randomBytes(2 * SEAL_CHUNK + 9), 'b.pdf', 'application/pdf');
    const sealed = readFileSync(one.path);
    // A changed byte in the last chunk, then the chunk cut off: neither is handed out.
    const changed = Buffer.from(sealed);
    changed[changed.length - 20]! ^= 1;
    writeFileSync(one.path, changed);
    expect(await files.readSmallVerified(one.sha256, one.sizeBytes)).toBeNull();
    writeFileSync(one.path, sealed.subarray(0, sealed.length - SEAL_CHUNK));
    expect(await files.readSmallVerified(one.sha256, one.sizeBytes)).toBeNull();
    // Another file of this key, of the same size, under its name: it opens, but does not hash to the name.
    writeFileSync(one.path, readFileSync(two.path));
    expect(await files.readSmallVerified(one.sha256, one.sizeBytes)).toBeNull();
    writeFileSync(one.path, sealed);
    expect((await files.readSmallVerified(one.sha256, one.sizeBytes))?.length).toBe(one.sizeBytes);
    // Under another data directory's key, or missing.
    expect(await new ContentStore(join(t.dir, 'files'), randomBytes(32)).readSmallVerified(one.sha256, one.sizeBytes)).toBeNull();
    expect(await files.readSmallVerified(sha(Buffer.from('never stored')), 12)).toBeNull();
  });
});

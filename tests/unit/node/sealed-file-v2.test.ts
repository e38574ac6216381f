import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentStore } from '../../../electron/node/files/content-store';
import { SEAL_CHUNK, sealBuffer, sealContent, SealError, SealedReader, sealVersion, unsealEach, unsealSmall, unsealToBuffer } from '../../../electron/node/files/sealed-file';
import { tempDir } from '../../helpers/tmp';

const sha = (b: Buffer) => createHash('sha256').update(b).digest();
/** Sealed layout (seal-format.ts): header, then 64 KiB chunks each followed by a 16-byte tag. */
const HEADER = 5 + 12 + 32 + 16 + 8;
const CHUNK = SEAL_CHUNK + 16;

/** Every way of reading a whole file under a name: each must refuse what the others refuse. */
const readers: Array<[string, (master: Buffer, path: string, name: Buffer, size: number) => Promise<unknown>]> = [
  ['unsealToBuffer', (m, p, n) => unsealToBuffer(m, p, n)],
  ['unsealEach', (m, p, n) => unsealEach(m, p, () => undefined, n)],
  ['unsealSmall', (m, p, n, size) => unsealSmall(m, p, size, n)],
  [
    'SealedReader.read',
    async (m, p, n) => {
      const r = await SealedReader.open(m, p, n);
      try {
        await r.read(Buffer.alloc(r.size), 0, r.size, 0);
      } finally {
        await r.close();
      }
    },
  ],
];

describe('sealed files v2: the last chunk is bound to the content sha256, so the name is checked without hashing', () => {
  let t: ReturnType<typeof tempDir>;
  const master = randomBytes(32);
  beforeEach(() => {
    t = tempDir('motcua-seal2-');
  });
  afterEach(() => t.cleanup());
  const put = (name: string, bytes: Buffer) => {
    const p = join(t.dir, name);
    writeFileSync(p, bytes);
    return p;
  };

  it.each([0, 1, SEAL_CHUNK, 2 * SEAL_CHUNK, 2 * SEAL_CHUNK + 5])('%i bytes (empty: one last chunk bound to the hash of nothing; exact multiples of 64 KiB: a full last chunk) open under their name, every way, and under no other', async (size) => {
    const plain = randomBytes(size);
    const p = put('f', sealContent(master, plain));
    expect(sealVersion(readFileSync(p))).toBe(2);
    expect(await unsealToBuffer(master, p, sha(plain))).toEqual(plain);
    for (const [how, read] of readers) {
      await expect(read(master, p, sha(plain), size), how).resolves.not.toThrow();
      await expect(read(master, p, sha(Buffer.from('other content')), size), how).rejects.toBeInstanceOf(SealError);
    }
    // A bound file does not open whole without its name: there is nothing to open its last chunk with.
    await expect(unsealToBuffer(master, p)).rejects.toBeInstanceOf(SealError);
  });

  it('a byte changed in any chunk, a file cut at any chunk bound or inside one, and chunks reordered are refused every way', async () => {
    const plain = randomBytes(3 * SEAL_CHUNK + 100);
    const sealed = sealContent(master, plain);
    const flip = (at: number) => Buffer.from(sealed).fill(sealed[at]! ^ 1, at, at + 1);
    const cases: Array<[string, Buffer]> = [];
    for (let i = 0; i < 4; i++) {
      cases.push([`byte changed in chunk ${i}`, flip(HEADER + i * CHUNK + 7)]);
      cases.push([`tag changed of chunk ${i}`, flip(Math.min(sealed.length, HEADER + (i + 1) * CHUNK) - 1)]);
    }
    // Whole chunks dropped at the end: the new last chunk was sealed with [0], not [1] ‖ the name.
    for (let kept = 1; kept < 4; kept++) cases.push([`${4 - kept} chunk(s) dropped at the end`, sealed.subarray(0, HEADER + kept * CHUNK)]);
    cases.push(['cut inside the last chunk', sealed.subarray(0, sealed.length - 40)]);
    cases.push(['two chunks swapped', Buffer.concat([sealed.subarray(0, HEADER), sealed.subarray(HEADER + CHUNK, HEADER + 2 * CHUNK), sealed.subarray(HEADER, HEADER + CHUNK), sealed.subarray(HEADER + 2 * CHUNK)])]);
    for (const [what, bytes] of cases) {
      const p = put(what.replace(/\W+/g, '-'), bytes);
      for (const [how, read] of readers) await expect(read(master, p, sha(plain), plain.length), `${what}, ${how}`).rejects.toBeInstanceOf(SealError);
    }
  });

  it('the version byte flipped either way does not let a file open as another: v2 read as v1 and v1 read as v2 both fail the last tag', async () => {
    const plain = randomBytes(SEAL_CHUNK + 9);
    const v2 = sealContent(master, plain);
    v2[4] = 1;
    const v1 = sealBuffer(master, plain);
    v1[4] = 2;
    for (const [what, bytes] of [
      ['v2 made v1', v2],
      ['v1 made v2', v1],
    ] as const) {
      const p = put(what.replace(/ /g, '-'), bytes);
      for (const [how, read] of readers) await expect(read(master, p, sha(plain), plain.length), `${what}, ${how}`).rejects.toBeInstanceOf(SealError);
    }
  });

  it('a v1 file (sealed before) opens under its name, and under another name is caught by the hash by every whole read', async () => {
    const plain = randomBytes(2 * SEAL_CHUNK + 3);
    const p = put('v1', sealBuffer(master, plain));
    for (const [how, read] of readers) {
      await expect(read(master, p, sha(plain), plain.length), how).resolves.not.toThrow();
      // A reader by position does not hash: for a v1 file the name is checked by VerifiedReader (verified-reader.test.ts).
      if (how === 'SealedReader.read') await expect(read(master, p, sha(randomBytes(8)), plain.length), how).resolves.not.toThrow();
      else await expect(read(master, p, sha(randomBytes(8)), plain.length), how).rejects.toBeInstanceOf(SealError);
    }
  });
});

describe('content store: files are written v2 and read without a hash pass; v1 files still open and are still checked', () => {
  let t: ReturnType<typeof tempDir>;
  let master: Buffer;
  let files: ContentStore;
  beforeEach(() => {
    t = tempDir('motcua-store2-');
    master = randomBytes(32);
    files = new ContentStore(join(t.dir, 'files'), master);
  });
  afterEach(() => t.cleanup());
  const pdf = (text: string, n = 2 * SEAL_CHUNK + 11) => Buffer.concat([Buffer.from(`%PDF-1.7 ${text}\n`), randomBytes(n)]);

  it('importFile, putPieces and putBuffer all write v2', async () => {
    const src = join(t.dir, 'scan.pdf');
    writeFileSync(src, pdf('imported'));
    const stored = [await files.importFile(src), await files.putPieces([pdf('signed'), Buffer.from('%%EOF')], 's.pdf', 'application/pdf'), await files.putBuffer(pdf('receipt'), 'r.pdf', 'application/pdf')];
    for (const s of stored) {
      expect(sealVersion(readFileSync(s.path))).toBe(2);
      expect(await files.verify(s.sha256)).toBe(true);
      expect((await files.readVerified(s.sha256))?.length).toBe(s.sizeBytes);
    }
  });

  it.each(['v2', 'v1'] as const)('a %s file copied under another file name is refused by every reader of the store', async (format) => {
    const a = await files.putPieces([pdf('a')], 'a.pdf', 'application/pdf');
    const b = pdf('b');
    const sb = await files.putPieces([b], 'b.pdf', 'application/pdf');
    if (format === 'v1') writeFileSync(sb.path, sealBuffer(master, b));
    expect(await files.readVerified(sb.sha256)).toEqual(b);
    writeFileSync(a.path, readFileSync(sb.path));
    expect(await files.verify(a.sha256)).toBe(false);
    expect(await files.readVerified(a.sha256)).toBeNull();
    expect(await files.readSmallVerified(a.sha256, b.length)).toBeNull();
    const r = await files.openVerified(a.sha256);
    try {
      await expect(r.read(Buffer.alloc(r.size), 0, r.size, 0)).rejects.toThrow();
    } finally {
      await r.close();
    }
  });
});

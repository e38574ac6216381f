import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileMasterKey, plainSize, SEAL_CHUNK, sealBuffer, sealContent, SealError, SealedReader, sealTo, sealVersion, unsealEach, unsealToBuffer } from '../../../electron/node/files/sealed-file';
import { tempDir } from '../../helpers/tmp';

describe('sealed files (AES-256-GCM, chunked)', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());
  const dir = () => {
    const t = tempDir('motcua-seal-');
    cleanup = t.cleanup;
    return t.dir;
  };
  const master = randomBytes(32);

  it.each([0, 1, SEAL_CHUNK - 1, SEAL_CHUNK, SEAL_CHUNK + 1, 3 * SEAL_CHUNK + 17])('%i bytes: sealed by buffer (v1 and v2) and by stream (v2), all open to the same bytes', async (size) => {
    const d = dir();
    const plain = randomBytes(size);
    const name = createHash('sha256').update(plain).digest();
    const a = join(d, 'a');
    writeFileSync(a, sealBuffer(master, plain));
    const b = join(d, 'b');
    const out = await open(b, 'w');
    // The stream sealer hashes what it seals and says so: the digest its last chunk is bound to.
    expect(await sealTo(master, out, size, async (buf, pos) => plain.copy(buf, 0, pos, pos + buf.length))).toEqual(name);
    await out.close();
    const c = join(d, 'c');
    writeFileSync(c, sealContent(master, plain));
    expect([a, b, c].map((p) => sealVersion(readFileSync(p)))).toEqual([1, 2, 2]);
    expect(await unsealToBuffer(master, a)).toEqual(plain);
    expect(await unsealToBuffer(master, a, name)).toEqual(plain);
    expect(await unsealToBuffer(master, b, name)).toEqual(plain);
    expect(await unsealToBuffer(master, c, name)).toEqual(plain);
    // v1 and v2 have the same layout and sizes: only the version byte and the last chunk's AAD differ.
    for (const p of [a, b, c]) expect(plainSize(readFileSync(p).length)).toBe(size);
    // The same content sealed twice differs (fresh file key and nonces): nothing to compare across files.
    expect(readFileSync(a).equals(readFileSync(b))).toBe(false);
  });

  it('the plain bytes appear nowhere in the sealed file', () => {
    const marker = Buffer.from('CCCD 079123456789 Nguyễn Văn An 0912345678');
    const sealed = sealBuffer(master, Buffer.concat([marker, randomBytes(100), marker]));
    expect(sealed.includes(marker)).toBe(false);
    expect(sealed.includes(Buffer.from('079123456789'))).toBe(false);
  });

  it('a flipped byte, a cut chunk, a dropped last chunk, swapped chunks and another key are each refused', async () => {
    const d = dir();
    const plain = randomBytes(3 * SEAL_CHUNK + 100);
    const sealed = sealBuffer(master, plain);
    const header = sealed.length - (plain.length + 4 * 16);
    const chunk = SEAL_CHUNK + 16;
    const cases: Array<[string, Buffer]> = [
      ['flipped', Buffer.from(sealed).fill(sealed[header + 10]! ^ 1, header + 10, header + 11)],
      ['cut inside a chunk', sealed.subarray(0, sealed.length - 50)],
      ['last chunk dropped', sealed.subarray(0, header + 3 * chunk)],
      ['chunks swapped', Buffer.concat([sealed.subarray(0, header), sealed.subarray(header + chunk, header + 2 * chunk), sealed.subarray(header, header + chunk), sealed.subarray(header + 2 * chunk)])],
    ];
    for (const [name, bytes] of cases) {
      const p = join(d, name.replace(/ /g, '-'));
      writeFileSync(p, bytes);
      await expect(unsealToBuffer(master, p), name).rejects.toBeInstanceOf(SealError);
    }
    const p = join(d, 'other-key');
    writeFileSync(p, sealed);
    await expect(unsealToBuffer(randomBytes(32), p)).rejects.toBeInstanceOf(SealError);
    truncateSync(p, 10);
    await expect(unsealToBuffer(master, p)).rejects.toBeInstanceOf(SealError);
  });

  it('reads any plain range by position, across chunk and read-batch bounds, like a file handle', async () => {
    const d = dir();
    const plain = randomBytes(40 * SEAL_CHUNK + 1234);
    const p = join(d, 'big');
    writeFileSync(p, sealBuffer(master, plain));
    const r = await SealedReader.open(master, p);
    try {
      expect(r.size).toBe(plain.length);
      const ranges: Array<[number, number]> = [[0, 1], [0, SEAL_CHUNK], [SEAL_CHUNK - 3, 7], [5, 17 * SEAL_CHUNK + 9], [16 * SEAL_CHUNK - 1, 2], [plain.length - 10, 100], [3 * SEAL_CHUNK, 8 * 1024 * 1024]];
      for (const [pos, len] of ranges) {
        const buf = Buffer.alloc(len + 4, 0xee);
        const { bytesRead } = await r.read(buf, 4, len, pos);
        const want = plain.subarray(pos, pos + len);
        expect(bytesRead, `${pos}+${len}`).toBe(want.length);
        expect(buf.subarray(4, 4 + bytesRead).equals(want), `${pos}+${len}`).toBe(true);
        // Nothing written before the offset asked for.
        expect(buf.subarray(0, 4).equals(Buffer.alloc(4, 0xee))).toBe(true);
      }
      expect((await r.read(Buffer.alloc(8), 0, 8, plain.length)).bytesRead).toBe(0);
    } finally {
      await r.close();
    }
    const parts: Buffer[] = [];
    expect(await unsealEach(master, p, (c) => void parts.push(c))).toBe(plain.length);
    expect(Buffer.concat(parts).equals(plain)).toBe(true);
  });

  it('a changed chunk far into the file fails the read that reaches it, not the reads before', async () => {
    const d = dir();
    const plain = randomBytes(20 * SEAL_CHUNK);
    const sealed = sealBuffer(master, plain);
    const header = sealed.length - (plain.length + 20 * 16);
    const at = header + 18 * (SEAL_CHUNK + 16) + 5;
    sealed[at] = sealed[at]! ^ 1;
    const p = join(d, 'changed');
    writeFileSync(p, sealed);
    const r = await SealedReader.open(master, p);
    try {
      const buf = Buffer.alloc(SEAL_CHUNK);
      await r.read(buf, 0, SEAL_CHUNK, 0);
      expect(buf.equals(plain.subarray(0, SEAL_CHUNK))).toBe(true);
      await expect(r.read(Buffer.alloc(4 * SEAL_CHUNK), 0, 4 * SEAL_CHUNK, 16 * SEAL_CHUNK)).rejects.toBeInstanceOf(SealError);
    } finally {
      await r.close();
    }
    await expect(unsealToBuffer(master, p)).rejects.toThrow(/chunk 18/);
  });

  it('the file key is derived from the database key: stable for one key, different for another', () => {
    const k = randomBytes(32).toString('hex');
    expect(fileMasterKey(k)).toEqual(fileMasterKey(k));
    expect(fileMasterKey(k).equals(fileMasterKey(randomBytes(32).toString('hex')))).toBe(false);
    expect(fileMasterKey(k)).toHaveLength(32);
  });
});

import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { failure } from '../../common/ipc/result';

/** Catalog, calendar and dossier files are a few hundred KB; 10 MB leaves room without letting one file eat the counter PC's memory. */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;

// O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file.
const INPUT_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 1024 * 1024;
const mb = (n: number) => (n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);

/**
 * Offset of the first byte that starts an ill-formed UTF-8 sequence (Unicode Table 3-7: no
 * overlong forms, no UTF-16 surrogates, nothing above U+10FFFF, no cut sequences), or -1.
 * Decoding would turn each into U+FFFD and a citizen's name would be stored damaged without a word.
 */
export function invalidUtf8Offset(b: Uint8Array): number {
  if (isUtf8(b)) return -1;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c === 0xe0) [need, lo] = [2, 0xa0];
    else if (c === 0xed) [need, hi] = [2, 0x9f];
    else if (c >= 0xe1 && c <= 0xef) need = 2;
    else if (c === 0xf0) [need, lo] = [3, 0x90];
    else if (c === 0xf4) [need, hi] = [3, 0x8f];
    else if (c >= 0xf1 && c <= 0xf3) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * The bytes of an input file, refused before they are read when it is not a regular file (a
 * FIFO would block, a device never ends) or is larger than `maxBytes`. Reading stops one byte past
 * the limit, so a file that grows while being read is refused too.
 */
export async function readInputFile(path: string, maxBytes: number): Promise<Buffer> {
  let fh: FileHandle;
  try {
    fh = await open(path, INPUT_FLAGS);
  } catch {
    throw failure('not_found', 'input.unreadable', { path });
  }
  const tooBig = (size: number) =>
    failure('invalid_input', 'input.tooLarge', { path, mb: mb(size), max: mb(maxBytes) });
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw failure('invalid_input', 'input.notRegular', { path });
    if (s.size > maxBytes) throw tooBig(s.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, total);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooBig(total);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}

/** A JSON input file (`motcua intake --json`, catalog and calendar imports): bounded, strictly UTF-8 (a BOM is allowed), then parsed. */
export async function readJsonInput(path: string, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const bytes = await readInputFile(path, maxBytes);
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) {
    const line = bytes.subarray(0, bad).filter((x) => x === 0x0a).length + 1;
    throw failure('invalid_input', 'input.notUtf8', { path, offset: bad, line, byte: bytes[bad]!.toString(16).padStart(2, '0') });
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return JSON.parse(bytes.toString('utf8', bom));
  } catch (e) {
    throw failure('invalid_input', 'input.notJson', { path, error: (e as Error).message });
  }
}

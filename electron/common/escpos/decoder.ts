import type { Bitmap } from './encoder';

/** What a printer understood of a byte stream; the virtual printer and the tests read these. */
export type EscPosOp =
  | { readonly t: 'init' }
  | { readonly t: 'align'; readonly align: 'left' | 'center' | 'right' }
  | { readonly t: 'bold'; readonly on: boolean }
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'feed'; readonly lines: number }
  | { readonly t: 'raster'; readonly bitmap: Bitmap }
  | { readonly t: 'code128'; readonly data: string }
  | { readonly t: 'qr'; readonly data: string }
  | { readonly t: 'cut' }
  | { readonly t: 'status'; readonly n: number }
  | { readonly t: 'unknown'; readonly byte: number };

/** Decodes a CODE128 GS k 73 payload ({B text, {C digit pairs, {{ = '{'). */
export function decodeCode128Payload(p: Uint8Array): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const b = p[i]!;
    if (b === 0x7b && i + 1 < p.length) {
      const n = p[i + 1]!;
      if (n === 0x41 || n === 0x42 || n === 0x43) {
        set = String.fromCharCode(n) as 'A' | 'B' | 'C';
        i++;
        continue;
      }
      if (n === 0x7b) {
        out += '{';
        i++;
        continue;
      }
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

/**
 * Incremental ESC/POS decoder: feed it chunks as they arrive; it returns the commands that are
 * complete and keeps the rest for the next chunk (a raster band may straddle reads).
 */
export class EscPosDecoder {
  #buf = new Uint8Array(0);
  #qrStore = '';
  #text = '';

  push(chunk: Uint8Array): EscPosOp[] {
    const merged = new Uint8Array(this.#buf.length + chunk.length);
    merged.set(this.#buf);
    merged.set(chunk, this.#buf.length);
    const ops: EscPosOp[] = [];
    let i = 0;
    const flushText = () => {
      if (this.#text) ops.push({ t: 'text', text: this.#text });
      this.#text = '';
    };
    const need = (n: number) => i + n <= merged.length;
    loop: while (i < merged.length) {
      const b = merged[i]!;
      if (b === 0x1b) {
        if (!need(2)) break;
        const c = merged[i + 1]!;
        if (c === 0x40) {
          flushText();
          ops.push({ t: 'init' });
          i += 2;
          continue;
        }
        if (!need(3)) break;
        const n = merged[i + 2]!;
        flushText();
        if (c === 0x61) ops.push({ t: 'align', align: n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left' });
        else if (c === 0x45) ops.push({ t: 'bold', on: (n & 1) === 1 });
        else if (c === 0x64) ops.push({ t: 'feed', lines: n });
        else if (c !== 0x74 && c !== 0x21 && c !== 0x33) ops.push({ t: 'unknown', byte: c });
        i += 3;
        continue;
      }
      if (b === 0x1c) {
        if (!need(2)) break;
        i += 2; // FS . and friends: mode switches with no visible effect here
        continue;
      }
      if (b === 0x10) {
        if (!need(3)) break;
        if (merged[i + 1] === 0x04) ops.push({ t: 'status', n: merged[i + 2]! });
        i += 3;
        continue;
      }
      if (b === 0x1d) {
        if (!need(2)) break;
        const c = merged[i + 1]!;
        switch (c) {
          case 0x76: {
            if (!need(8)) break loop;
            const xL = merged[i + 4]!;
            const xH = merged[i + 5]!;
            const yL = merged[i + 6]!;
            const yH = merged[i + 7]!;
            const bpr = xL + xH * 256;
            const rows = yL + yH * 256;
            if (!need(8 + bpr * rows)) break loop;
            flushText();
            ops.push({ t: 'raster', bitmap: { width: bpr * 8, height: rows, data: merged.slice(i + 8, i + 8 + bpr * rows) } });
            i += 8 + bpr * rows;
            continue;
          }
          case 0x6b: {
            if (!need(4)) break loop;
            const m = merged[i + 2]!;
            if (m >= 65) {
              const n = merged[i + 3]!;
              if (!need(4 + n)) break loop;
              flushText();
              const payload = merged.slice(i + 4, i + 4 + n);
              if (m === 73) ops.push({ t: 'code128', data: decodeCode128Payload(payload) });
              i += 4 + n;
            } else {
              const end = merged.indexOf(0, i + 3);
              if (end < 0) break loop;
              i = end + 1;
            }
            continue;
          }
          case 0x28: {
            if (!need(5)) break loop;
            const len = merged[i + 3]! + merged[i + 4]! * 256;
            if (!need(5 + len)) break loop;
            if (merged[i + 2] === 0x6b && len >= 3) {
              const fn = merged[i + 6]!;
              if (fn === 0x50) this.#qrStore = new TextDecoder().decode(merged.slice(i + 8, i + 5 + len));
              if (fn === 0x51) {
                flushText();
                ops.push({ t: 'qr', data: this.#qrStore });
              }
            }
            i += 5 + len;
            continue;
          }
          case 0x56: {
            if (!need(3)) break loop;
            const m = merged[i + 2]!;
            const extra = m === 0x41 || m === 0x42 || m === 65 || m === 66 ? 1 : 0;
            if (!need(3 + extra)) break loop;
            flushText();
            ops.push({ t: 'cut' });
            i += 3 + extra;
            continue;
          }
          default:
            if (!need(3)) break loop;
            i += 3; // GS h, GS w, GS H, GS f, GS ! …: one parameter byte
            continue;
        }
      }
      if (b === 0x0a) {
        this.#text += '\n';
        i++;
        continue;
      }
      if (b >= 0x20 && b < 0x7f) {
        this.#text += String.fromCharCode(b);
        i++;
        continue;
      }
      ops.push({ t: 'unknown', byte: b });
      i++;
    }
    if (i >= merged.length) flushText();
    this.#buf = merged.slice(i);
    return ops;
  }
}

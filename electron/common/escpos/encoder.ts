/**
 * ESC/POS command encoder (Epson reference; signing-printing-scanning.md §5.3). Pure: builds
 * bytes only. Vietnamese text never goes out as characters — it is rasterised (GS v 0) by the
 * caller — so only ASCII is accepted by `text`.
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const FS = 0x1c;

export interface Bitmap {
  readonly width: number; // dots, multiple of 8 not required
  readonly height: number;
  /** 1 bit per dot, rows of ceil(width/8) bytes, MSB = leftmost, 1 = black. */
  readonly data: Uint8Array;
}

export type Align = 'left' | 'center' | 'right';
const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };

/** The largest raster band per GS v 0 command: small enough for slow USB-serial links and small buffers. */
export const RASTER_BAND_ROWS = 96;

export class EscPosBuilder {
  readonly #chunks: Uint8Array[] = [];

  #push(...bytes: Array<number | Uint8Array>): this {
    for (const b of bytes) this.#chunks.push(typeof b === 'number' ? Uint8Array.of(b) : b);
    return this;
  }

  /** ESC @ then FS . (leave Chinese/Kanji mode on clones) so every job starts from a known state. */
  init(): this {
    return this.#push(Uint8Array.of(ESC, 0x40, FS, 0x2e));
  }

  align(a: Align): this {
    return this.#push(Uint8Array.of(ESC, 0x61, ALIGN[a]));
  }

  bold(on: boolean): this {
    return this.#push(Uint8Array.of(ESC, 0x45, on ? 1 : 0));
  }

  /** Plain ASCII text (codes, amounts). Anything else is refused: it must be rasterised. */
  text(s: string): this {
    if (!/^[\x20-\x7e\n]*$/.test(s)) throw new Error('ESC/POS text must be printable ASCII; rasterise Vietnamese text');
    return this.#push(new TextEncoder().encode(s));
  }

  feed(lines = 1): this {
    return this.#push(Uint8Array.of(ESC, 0x64, Math.max(0, Math.min(255, lines))));
  }

  /** GS v 0 in bands of at most RASTER_BAND_ROWS rows. */
  raster(img: Bitmap): this {
    const bytesPerRow = Math.ceil(img.width / 8);
    for (let y = 0; y < img.height; y += RASTER_BAND_ROWS) {
      const rows = Math.min(RASTER_BAND_ROWS, img.height - y);
      this.#push(Uint8Array.of(GS, 0x76, 0x30, 0, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8));
      this.#push(img.data.subarray(y * bytesPerRow, (y + rows) * bytesPerRow));
    }
    return this;
  }

  /** Native CODE128 (GS k 73) with code set C for long digit runs: narrower, so it fits 58 mm paper. */
  code128(data: string, opts: { height?: number; moduleWidth?: number; hri?: boolean } = {}): this {
    const payload = code128Payload(data);
    if (payload.length > 255) throw new Error('CODE128 data too long');
    return this.#push(
      Uint8Array.of(GS, 0x68, opts.height ?? 80),
      Uint8Array.of(GS, 0x77, opts.moduleWidth ?? 2),
      Uint8Array.of(GS, 0x48, opts.hri === false ? 0 : 2),
      Uint8Array.of(GS, 0x66, 0),
      Uint8Array.of(GS, 0x6b, 73, payload.length),
      payload,
    );
  }

  /** Native QR (GS ( k, model 2, error correction M). */
  qr(data: string, moduleSize = 6): this {
    const bytes = new TextEncoder().encode(data);
    const len = bytes.length + 3;
    return this.#push(
      Uint8Array.of(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0),
      Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, Math.max(1, Math.min(16, moduleSize))),
      Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31),
      Uint8Array.of(GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30),
      bytes,
      Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30),
    );
  }

  /** Feed past the cutter, then a partial cut (GS V 66 n), which every cutter model supports. */
  cut(feedDots = 48): this {
    return this.#push(Uint8Array.of(GS, 0x56, 0x42, Math.min(255, feedDots)));
  }

  bytes(): Uint8Array {
    const total = this.#chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of this.#chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

/**
 * CODE128 data for GS k function B: `{B` text, switching to `{C` (one byte per digit pair) for
 * runs of 4+ digits. Printers accept the braces as code-set selectors (Epson GS k 73).
 */
export function code128Payload(data: string): Uint8Array {
  if (!/^[\x20-\x7e]+$/.test(data)) throw new Error('CODE128 data must be printable ASCII');
  const out: number[] = [];
  let set: 'B' | 'C' | null = null;
  let i = 0;
  while (i < data.length) {
    const run = /^\d+/.exec(data.slice(i))?.[0] ?? '';
    const even = run.length - (run.length % 2);
    if (even >= 4) {
      if (set !== 'C') out.push(0x7b, 0x43);
      set = 'C';
      for (let k = 0; k < even; k += 2) out.push(Number(data.slice(i + k, i + k + 2)));
      i += even;
      continue;
    }
    if (set !== 'B') out.push(0x7b, 0x42);
    set = 'B';
    const ch = data.charCodeAt(i);
    if (ch === 0x7b) out.push(0x7b, 0x7b);
    else out.push(ch);
    i++;
  }
  return Uint8Array.from(out);
}

/** DLE EOT n: real-time status requests (n = 1 printer, 2 offline cause, 4 roll paper). */
export const statusRequest = (n: 1 | 2 | 4): Uint8Array => Uint8Array.of(DLE, 0x04, n);

export interface PrinterStatus {
  readonly offline: boolean;
  readonly coverOpen: boolean;
  readonly paperOut: boolean;
  readonly paperNearEnd: boolean;
  readonly error: boolean;
}

/** Decodes the three status bytes (Epson DLE EOT; fixed bits 1 and 4 are set in every valid reply). */
export function decodeStatus(printer: number, offlineCause: number, paper: number): PrinterStatus {
  return {
    offline: (printer & 0x08) !== 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    paperOut: (offlineCause & 0x20) !== 0 || (paper & 0x60) === 0x60,
    paperNearEnd: (paper & 0x0c) === 0x0c,
    error: (offlineCause & 0x40) !== 0,
  };
}

export const isValidStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

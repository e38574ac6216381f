type Bwip = typeof import('bwip-js');
import { rgb, type PDFPage } from 'pdf-lib';
import { RawMarks } from './raw-ops';

/** Dark rectangles in module units, from the top left: the symbol as BWIPP encodes it. */
export interface Symbol {
  readonly cols: number;
  readonly rows: number;
  readonly rects: ReadonlyArray<readonly [x: number, y: number, w: number, h: number]>;
}

// A receipt is printed again, and Mẫu 06 carries its Liên 1: the same code is encoded more than once.
const cache = new Map<string, Symbol>();
function cached(key: string, make: () => Symbol): Symbol {
  let s = cache.get(key);
  if (!s) {
    if (cache.size >= 256) cache.clear();
    cache.set(key, (s = make()));
  }
  return s;
}

/** Code 128 with a 6-module quiet zone each side, as the PNG the receipt drew before (paddingwidth 6). */
function code128(bwipjs: Bwip, text: string): Symbol {
  return cached(`c:${text}`, () => {
    const { sbs } = (bwipjs.raw('code128', text, {}) as Array<{ sbs: number[] }>)[0]!;
    const rects: Array<[number, number, number, number]> = [];
    let x = 6;
    sbs.forEach((w, i) => {
      if (i % 2 === 0) rects.push([x, 0, w, 1]);
      x += w;
    });
    return { cols: x + 6, rows: 1, rects };
  });
}

/** QR (error correction M) with a 2-module margin, dark runs of each row as one rectangle. */
function qr(bwipjs: Bwip, text: string): Symbol {
  return cached(`q:${text}`, () => {
    const { pixs, pixx, pixy } = (bwipjs.raw('qrcode', text, {}) as Array<{ pixs: number[]; pixx: number; pixy: number }>)[0]!;
    const rects: Array<[number, number, number, number]> = [];
    for (let y = 0; y < pixy; y++) {
      for (let x = 0; x < pixx; ) {
        if (!pixs[y * pixx + x]) {
          x++;
          continue;
        }
        const x0 = x;
        while (x < pixx && pixs[y * pixx + x]) x++;
        rects.push([x0 + 2, y + 2, x - x0, 1]);
      }
    }
    return { cols: pixx + 4, rows: pixy + 4, rects };
  });
}

/**
 * The symbol drawn as filled rectangles into [x, y, width, height] (PDF units, y at the bottom):
 * sharp at any printer resolution, and no PNG to encode, decode and compress again per receipt.
 */
function draw(page: PDFPage, s: Symbol, x: number, y: number, width: number, height: number): void {
  const mx = width / s.cols;
  const my = height / s.rows;
  new RawMarks(page).fillRects(s.rects.map(([rx, ry, rw, rh]) => [x + rx * mx, y + height - (ry + rh) * my, rw * mx, rh * my] as const), BLACK).flush();
}

const BLACK = rgb(0, 0, 0);

/** A dossier code's Code 128 and QR, encoded (bwip-js is loaded with the first: a report never needs it). */
export async function dossierBarcodes(text: string): Promise<{ code128: Symbol; qr: Symbol }> {
  // Its ES module's default export is the API; its named `raw` is another function.
  const mod = (await import('bwip-js')) as Bwip & { default?: Bwip };
  const bwipjs = mod.default ?? mod;
  return { code128: code128(bwipjs, text), qr: qr(bwipjs, text) };
}

/** Code 128 bars the full height of the box. */
export function drawCode128(page: PDFPage, s: Symbol, x: number, y: number, width: number, height: number): void {
  draw(page, s, x, y, width, height);
}

/** QR in a square box. */
export function drawQr(page: PDFPage, s: Symbol, x: number, y: number, size: number): void {
  draw(page, s, x, y, size, size);
}

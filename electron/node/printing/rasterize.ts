import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Bitmap } from '../../common/escpos/encoder';

let registered = false;
function registerFonts(fontsDir: string): void {
  if (registered) return;
  GlobalFonts.registerFromPath(join(fontsDir, 'NotoSans-Regular.ttf'), 'Noto Sans');
  GlobalFonts.registerFromPath(join(fontsDir, 'NotoSans-Bold.ttf'), 'Noto Sans');
  registered = true;
}

export interface RasterLine {
  readonly text: string;
  /** Font size in dots (203 dpi: 24 dots ≈ 3 mm). */
  readonly size?: number;
  readonly bold?: boolean;
  readonly align?: 'left' | 'center' | 'right';
  /** Extra space after the line, in dots. */
  readonly gap?: number;
}

function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width <= width || !line) line = next;
    else {
      out.push(line);
      line = word;
    }
  }
  out.push(line);
  return out;
}

/** Threshold an RGBA buffer into a 1-bit ESC/POS bitmap (dark = print). */
export function toBitmap(rgba: ArrayLike<number>, width: number, height: number): Bitmap {
  const bpr = Math.ceil(width / 8);
  const data = new Uint8Array(bpr * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const lum = 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      const alpha = rgba[i + 3]!;
      if (alpha > 127 && lum < 128) data[y * bpr + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, data };
}

/**
 * Renders Vietnamese lines with the bundled Noto Sans at the printer's width, word-wrapped:
 * every tone mark is drawn by the font, whatever code pages the printer has.
 */
export function rasterizeLines(lines: readonly RasterLine[], width: number, fontsDir: string): Bitmap {
  registerFonts(fontsDir);
  const probe = createCanvas(width, 10).getContext('2d');
  const laid: Array<{ text: string; size: number; bold: boolean; align: RasterLine['align']; y: number }> = [];
  let y = 0;
  for (const l of lines) {
    const size = l.size ?? 24;
    probe.font = `${l.bold ? 'bold ' : ''}${size}px "Noto Sans"`;
    for (const t of wrap(probe, l.text, width - 8)) {
      laid.push({ text: t, size, bold: Boolean(l.bold), align: l.align ?? 'left', y });
      y += Math.round(size * 1.3);
    }
    y += l.gap ?? 0;
  }
  const height = Math.max(1, y + 4);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'top';
  for (const l of laid) {
    ctx.font = `${l.bold ? 'bold ' : ''}${l.size}px "Noto Sans"`;
    const w = ctx.measureText(l.text).width;
    const x = l.align === 'center' ? (width - w) / 2 : l.align === 'right' ? width - w - 4 : 4;
    ctx.fillText(l.text, x, l.y + 2);
  }
  return toBitmap(ctx.getImageData(0, 0, width, height).data, width, height);
}

/** A PNG (e.g. a bwip-js barcode) as a 1-bit bitmap, centred on a line `width` dots wide. */
export function pngToBitmap(png: Buffer, width: number): Bitmap {
  const img = PNG.sync.read(png);
  const w = Math.min(width, img.width);
  const left = Math.max(0, Math.floor((width - img.width) / 2));
  const rgba = new Uint8Array(width * img.height * 4).fill(255);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * img.width + x) * 4;
      const d = (y * width + x + left) * 4;
      rgba.set(img.data.subarray(s, s + 4), d);
    }
  }
  return toBitmap(rgba, width, img.height);
}

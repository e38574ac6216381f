import bwipjs from 'bwip-js';

/** Code 128 of the dossier code, as a PNG (bwip-js renders BWIPP, the reference encoder). */
export function code128Png(text: string, opts: { scale?: number; heightMm?: number } = {}): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'code128', text, scale: opts.scale ?? 3, height: opts.heightMm ?? 10, includetext: false, paddingwidth: 6 });
}

/** QR at BWIPP's default error correction (M), enough for a dossier code on thermal paper. */
export function qrPng(text: string, opts: { scale?: number } = {}): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'qrcode', text, scale: opts.scale ?? 4, paddingwidth: 2, paddingheight: 2 });
}

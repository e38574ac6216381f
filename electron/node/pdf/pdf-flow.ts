import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { cachingFontkit } from './font-shaping';

export const A5: [number, number] = [419.53, 595.28];
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

export interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
}

const fontCache = new Map<string, Buffer>();
async function fontBytes(dir: string, name: string): Promise<Buffer> {
  const key = join(dir, name);
  let b = fontCache.get(key);
  if (!b) fontCache.set(key, (b = await readFile(key)));
  return b;
}

/** A PDF with the bundled Noto fonts embedded (subset), so every Vietnamese mark is in the file. */
export async function newDocument(fontsDir: string, title: string): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachingFontkit);
  doc.setTitle(title);
  doc.setCreator('Một Cửa Desk');
  doc.setProducer('Một Cửa Desk (pdf-lib)');
  doc.setLanguage('vi-VN');
  const [regular, bold, italic] = await Promise.all([
    doc.embedFont(await fontBytes(fontsDir, 'NotoSerif-Regular.ttf'), { subset: true }),
    doc.embedFont(await fontBytes(fontsDir, 'NotoSerif-Bold.ttf'), { subset: true }),
    doc.embedFont(await fontBytes(fontsDir, 'NotoSans-Italic.ttf'), { subset: true }),
  ]);
  return { doc, fonts: { regular, bold, italic } };
}

export interface TextOpts {
  readonly size?: number;
  readonly font?: keyof Fonts;
  readonly align?: 'left' | 'center' | 'right';
  readonly indent?: number;
  /** Draw inside [x, x+width] instead of the full line. */
  readonly x?: number;
  readonly width?: number;
  readonly gapAfter?: number;
}

/** Top-down text flow with word wrap and page breaks: enough layout for the official forms. */
export class Flow {
  page!: PDFPage;
  y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly size: [number, number],
    readonly margin: { top: number; right: number; bottom: number; left: number },
  ) {
    this.newPage();
  }

  get contentWidth(): number {
    return this.size[0] - this.margin.left - this.margin.right;
  }

  newPage(): void {
    this.page = this.doc.addPage(this.size);
    this.y = this.size[1] - this.margin.top;
  }

  ensure(height: number): void {
    if (this.y - height < this.margin.bottom) this.newPage();
  }

  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const para of text.split('\n')) {
      let line = '';
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
        else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  text(text: string, o: TextOpts = {}): void {
    const size = o.size ?? 10;
    const font = this.fonts[o.font ?? 'regular'];
    const x0 = (o.x ?? this.margin.left) + (o.indent ?? 0);
    const width = (o.width ?? this.contentWidth) - (o.indent ?? 0);
    const lh = size * 1.3;
    for (const line of this.wrap(text, font, size, width)) {
      this.ensure(lh);
      const w = font.widthOfTextAtSize(line, size);
      const x = o.align === 'center' ? x0 + (width - w) / 2 : o.align === 'right' ? x0 + width - w : x0;
      this.page.drawText(line, { x, y: this.y - size, size, font, color: rgb(0, 0, 0) });
      this.y -= lh;
    }
    this.y -= o.gapAfter ?? 0;
  }

  /** Two blocks side by side, each flowing on its own; the flow continues below the taller one. */
  columns(left: (f: Flow) => void, right: (f: Flow) => void, split = 0.45): void {
    const top = this.y;
    const w = this.contentWidth;
    const run = (fn: (f: Flow) => void, x: number, width: number) => {
      this.y = top;
      const view = Object.create(this) as Flow;
      view.text = (t: string, o: TextOpts = {}) => Flow.prototype.text.call(this, t, { ...o, x, width });
      fn(view);
      return this.y;
    };
    const yl = run(left, this.margin.left, w * split);
    const yr = run(right, this.margin.left + w * split, w * (1 - split));
    this.y = Math.min(yl, yr);
  }

  image(img: PDFImage, width: number, height: number, x: number): void {
    this.ensure(height);
    this.page.drawImage(img, { x, y: this.y - height, width, height });
  }

  rule(width = this.contentWidth, x = this.margin.left): void {
    this.page.drawLine({ start: { x, y: this.y }, end: { x: x + width, y: this.y }, thickness: 0.6, color: rgb(0, 0, 0) });
  }

  space(h: number): void {
    this.y -= h;
  }
}

import { PDFOperator, type PDFFont, type PDFOperatorNames, type PDFPage, type RGB } from 'pdf-lib';

/**
 * Page marks written as PDF operator text and pushed as one operator, for the long tables (a
 * 1,000-row Mẫu 07 log is ~15,000 cell borders and ~25,000 strings). pdf-lib's drawText and
 * drawRectangle build a dozen operator objects per call and a new font resource name per string:
 * most of a long report's time was that garbage. The marks are the ones pdf-lib draws — the same
 * glyphs through the same font subset (encodeText), at the same positions, stroke width and colours
 * — only written directly, in the same order in the page's content stream; a table row's borders
 * as one stroked path and its strings in one text object (one colour, font and size set once).
 */
export class RawMarks {
  #ops: string[] = [];

  constructor(private readonly page: PDFPage) {}

  /** Stroked rectangles of one width and colour (a table row's cell borders), one path stroked once. */
  strokeRects(rects: ReadonlyArray<readonly [x: number, y: number, width: number, height: number]>, lineWidth: number, color: RGB): this {
    if (rects.length) this.#ops.push(`q ${rgbOf(color)} RG ${num(lineWidth)} w [] 0 d\n${rects.map(([x, y, w, h]) => `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`).join('\n')}\nS Q`);
    return this;
  }

  /** Single lines of text in one font, size and colour (a table row's cells), one text object. */
  texts(lines: ReadonlyArray<readonly [text: string, x: number, y: number]>, size: number, font: PDFFont, color: RGB): this {
    if (!lines.length) return this;
    let op = `q BT ${rgbOf(color)} rg ${fontKey(this.page, font)} ${num(size)} Tf`;
    // The cells come wrapped into lines; a line break left in one is drawn as a space, never as a second line.
    for (const [text, x, y] of lines) op += `\n1 0 0 1 ${num(x)} ${num(y)} Tm ${encodeWords(font, clean(text).replace(/[\n\f\r\v]/g, ' '))} Tj`;
    this.#ops.push(`${op}\nET Q`);
    return this;
  }

  /** Filled rectangles in one colour (a barcode's bars, a QR's dark runs), one path filled once. */
  fillRects(rects: ReadonlyArray<readonly [x: number, y: number, width: number, height: number]>, color: RGB): this {
    if (rects.length) this.#ops.push(`q ${rgbOf(color)} rg\n${rects.map(([x, y, w, h]) => `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`).join('\n')}\nf Q`);
    return this;
  }

  /** Appends the marks to the page's content stream, after whatever was drawn on it before. */
  flush(): void {
    if (!this.#ops.length) return;
    this.page.pushOperators(PDFOperator.of(this.#ops.join('\n') as unknown as PDFOperatorNames));
    this.#ops = [];
  }
}

/** pdf-lib's drawText cleans the text the same way before encoding it. */
const clean = (text: string) => text.replace(/\t|\u0085|\u2028|\u2029/g, '    ').replace(/[\b\v]/g, '');

/**
 * encodeText, word by word: a glyph's subset id never changes within a document, and a line's
 * glyphs are its words' glyphs with the space's between them (font-shaping.ts), so each word is
 * encoded once per document's font and a line is its words' codes put together.
 */
const encoded = new WeakMap<PDFFont, Map<string, string>>();
function encodeWords(font: PDFFont, text: string): string {
  let words = encoded.get(font);
  if (!words) encoded.set(font, (words = new Map()));
  const hex = (w: string) => {
    let h = words.get(w);
    if (h === undefined) words.set(w, (h = w ? font.encodeText(w).toString().slice(1, -1) : ''));
    return h;
  };
  if (/\p{M}/u.test(text)) return font.encodeText(text).toString();
  return `<${text.split(' ').map(hex).join(hex(' '))}>`;
}

/** One font resource name per page and font (pdf-lib adds one for every drawText). */
const keys = new WeakMap<PDFPage, Map<PDFFont, string>>();
function fontKey(page: PDFPage, font: PDFFont): string {
  let m = keys.get(page);
  if (!m) keys.set(page, (m = new Map()));
  let k = m.get(font);
  if (!k) m.set(font, (k = page.node.newFontDictionary(font.name, font.ref).toString()));
  return k;
}

/** A number as PDF writes it, to a thousandth of a point (a third of a micrometre): never in exponent form. */
function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Number.isInteger(r) || Math.abs(r) >= 1e-6 ? String(r) : '0';
}

const rgbOf = (c: RGB) => `${num(c.red)} ${num(c.green)} ${num(c.blue)}`;

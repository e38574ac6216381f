import { PDFOperator, type PDFFont, type PDFOperatorNames, type PDFPage, type RGB } from 'pdf-lib';

/**
 * Page marks written as PDF operator text and pushed as one operator, for the long tables (a
 * 1,000-row Mẫu 07 log is ~15,000 cell borders and ~25,000 strings). pdf-lib's drawText and
 * drawRectangle build a dozen operator objects per call and a new font resource name per string:
 * most of a long report's time was that garbage. The marks are the ones pdf-lib draws — the same
 * glyphs through the same font subset (encodeText), at the same positions, stroke width and colours
 * — only written directly, in the same order in the page's content stream.
 */
export class RawMarks {
  #ops: string[] = [];

  constructor(private readonly page: PDFPage) {}

  /** A stroked rectangle, as drawRectangle({ borderColor, borderWidth }) without a fill. */
  strokeRect(x: number, y: number, width: number, height: number, lineWidth: number, color: RGB): this {
    this.#ops.push(`q ${rgbOf(color)} RG ${num(lineWidth)} w [] 0 d ${num(x)} ${num(y)} ${num(width)} ${num(height)} re S Q`);
    return this;
  }

  /** Filled rectangles in one colour (a barcode's bars, a QR's dark runs), one path filled once. */
  fillRects(rects: ReadonlyArray<readonly [x: number, y: number, width: number, height: number]>, color: RGB): this {
    if (rects.length) this.#ops.push(`q ${rgbOf(color)} rg\n${rects.map(([x, y, w, h]) => `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`).join('\n')}\nf Q`);
    return this;
  }

  /** One line of text, as drawText(text, { x, y, size, font, color }). */
  text(text: string, x: number, y: number, size: number, font: PDFFont, color: RGB): this {
    // pdf-lib's drawText cleans the text the same way before encoding it.
    const clean = text.replace(/\t|\u0085|\u2028|\u2029/g, '    ').replace(/[\b\v]/g, '');
    for (const [i, line] of clean.split(/[\n\f\r\v]/).entries()) {
      const at = i === 0 ? `1 0 0 1 ${num(x)} ${num(y)} Tm ` : 'T* ';
      if (i === 0) this.#ops.push(`q BT ${rgbOf(color)} rg ${fontKey(this.page, font)} ${num(size)} Tf 24 TL `);
      this.#ops[this.#ops.length - 1] += `${at}${font.encodeText(line).toString()} Tj`;
    }
    this.#ops[this.#ops.length - 1] += ' ET Q';
    return this;
  }

  /** Appends the marks to the page's content stream, after whatever was drawn on it before. */
  flush(): void {
    if (!this.#ops.length) return;
    this.page.pushOperators(PDFOperator.of(this.#ops.join('\n') as unknown as PDFOperatorNames));
    this.#ops = [];
  }
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

/** A number as PDF writes it: never in exponent form. */
function num(n: number): string {
  const s = String(n);
  return s.includes('e') ? n.toFixed(12).replace(/\.?0+$/, '') : s;
}

const rgbOf = (c: RGB) => `${num(c.red)} ${num(c.green)} ${num(c.blue)}`;

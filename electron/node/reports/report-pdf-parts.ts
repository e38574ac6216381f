import { rgb, type PDFFont } from 'pdf-lib';
import type { Kpi766 } from '../../common/domain/kpi766';
import type { Flow } from '../pdf/pdf-flow';
import { RawMarks } from '../pdf/raw-ops';

export const RED = rgb(0.75, 0.1, 0.08);
const BLACK = rgb(0, 0, 0);

/** Column widths from relative weights, scaled so that together they fill — never pass — the width. */
export function fitWidths(weights: readonly number[], width: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => Math.floor((w / sum) * width * 100) / 100);
}

/** Word wrap that also breaks a word longer than the cell (a long code or note), so no text leaves its cell. */
export function wrapCell(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(/\s+/).filter(Boolean);
    // Most cells (a code, a time, a name) fit on one line: then every word and every prefix fits
    // too, and the loop below would give that one line — found with one measure instead of two per word.
    const whole = words.join(' ');
    if (font.widthOfTextAtSize(whole, size) <= width) {
      lines.push(whole);
      continue;
    }
    let line = '';
    for (const word of words) {
      const pieces: string[] = [];
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
        pieces.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      pieces.push(rest);
      for (const piece of pieces) {
        const candidate = line ? `${line} ${piece}` : piece;
        if (!line || font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
        else {
          lines.push(line);
          line = piece;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A bordered table across the content width, its header repeated on every page it runs to.
 * `color` marks a row's text (overdue rows in red).
 */
export function drawTable(f: Flow, headers: readonly string[], rows: ReadonlyArray<readonly string[]>, weights: readonly number[], o: { size?: number; color?: (row: number) => ReturnType<typeof rgb> | null } = {}): void {
  const size = o.size ?? 6.5;
  const widths = fitWidths(weights, f.contentWidth);
  const draw = (cells: readonly string[], bold: boolean, row: number) => {
    const font = bold ? f.fonts.bold : f.fonts.regular;
    const wrapped = cells.map((c, i) => wrapCell(c, font, size, widths[i]! - 4));
    const h = Math.max(...wrapped.map((w) => w.length)) * size * 1.25 + 4;
    if (f.y - h < f.margin.bottom) {
      f.newPage();
      if (!bold) draw(headers, true, -1);
    }
    const color = (row >= 0 && o.color?.(row)) || BLACK;
    let x = f.margin.left;
    const borders: Array<[number, number, number, number]> = [];
    const texts: Array<[string, number, number]> = [];
    wrapped.forEach((lines, i) => {
      borders.push([x, f.y - h, widths[i]!, h]);
      lines.forEach((line, k) => line && texts.push([line, x + 2, f.y - 2 - size * 1.25 * (k + 1) + 1.5]));
      x += widths[i]!;
    });
    new RawMarks(f.page).strokeRects(borders, 0.4, BLACK).texts(texts, size, font, color).flush();
    f.y -= h;
  };
  draw(headers, true, -1);
  rows.forEach((r, i) => draw(r, false, i));
  f.space(6);
}

export const pct = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);

/** The 766 block: the ratio and its five classes; dossiers in progress past their due time in red. */
export function drawKpi766(f: Flow, k: Kpi766, judgedAt: string): void {
  f.text(`Tỷ lệ giải quyết đúng hạn (QĐ 766): ${pct(k.tyLeDungHan)}`, { size: 11, font: 'bold' });
  f.text('= (trước hạn + đúng hạn + đang trong hạn) / (đã giải quyết + đang giải quyết); hồ sơ đang giải quyết xét tại ' + judgedAt, { size: 8, font: 'italic' });
  const cells = [
    ['Trước hạn', k.truocHan],
    ['Đúng hạn', k.dungHan],
    ['Trễ hạn', k.treHan],
    ['Đang trong hạn', k.dangTrongHan],
    ['Đang quá hạn', k.dangQuaHan],
    ['Chưa rõ hạn', k.khongRoHan],
  ] as const;
  drawTable(f, cells.map((c) => c[0]), [cells.map((c) => String(c[1]))], [1, 1, 1, 1, 1, 1], {
    size: 9,
    color: () => null,
  });
  if (k.dangQuaHan || k.treHan) {
    f.page.drawText(`Quá hạn: ${k.treHan} đã giải quyết trễ hạn, ${k.dangQuaHan} đang giải quyết đã quá hạn`, { x: f.margin.left, y: f.y - 9, size: 9, font: f.fonts.bold, color: RED });
    f.space(14);
  }
}

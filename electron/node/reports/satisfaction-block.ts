import type { Worksheet } from 'exceljs';
import type { Satisfaction } from '../../common/domain/citizen-display';
import type { Flow } from '../pdf/pdf-flow';

/**
 * The citizen-satisfaction figures of a report (issue #16), kept apart from the KPI and charts:
 * ratings 1–5 from the citizen display and the share satisfied (4–5), which the provinces aim to keep ≥ 90 %.
 */
const pct = (s: Satisfaction) => (s.satisfiedPct === null ? '—' : `${s.satisfiedPct.toLocaleString('vi-VN')} %`);

export function satisfactionLine(s: Satisfaction): string {
  if (s.total === 0) return 'Chưa có lượt đánh giá nào.';
  return `Hài lòng (4–5): ${pct(s)} trên ${s.total} lượt — mức 1: ${s.counts[0]}, mức 2: ${s.counts[1]}, mức 3: ${s.counts[2]}, mức 4: ${s.counts[3]}, mức 5: ${s.counts[4]} (mục tiêu ≥ 90 %)`;
}

export function satisfactionPdf(f: Flow, s: Satisfaction | undefined): void {
  if (!s) return;
  f.space(6);
  f.text('Mức độ hài lòng của công dân', { size: 11, font: 'bold' });
  f.text(satisfactionLine(s), { size: 9, indent: 8 });
}

export function satisfactionRows(sheet: Worksheet, s: Satisfaction | undefined): void {
  if (!s) return;
  sheet.addRow([]);
  sheet.addRow(['Mức độ hài lòng của công dân', 'Mức 1', 'Mức 2', 'Mức 3', 'Mức 4', 'Mức 5', 'Tổng', '% hài lòng']).font = { bold: true };
  sheet.addRow(['Số lượt đánh giá', ...s.counts, s.total, s.satisfiedPct ?? '']);
}

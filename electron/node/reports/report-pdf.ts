import { rgb } from 'pdf-lib';
import { formatVnd } from '../../common/domain/receipt';
import { A4_LANDSCAPE, Flow, newDocument } from '../pdf/pdf-flow';
import { savePdf } from '../pdf/pdf-save';
import type { DailyReport } from './report-repo';
import { LOG_HEADERS, logCells, logOmitted, MAU07_WEIGHTS, TOTAL_LABELS, when } from './report-cells';
import { drawKpi766, drawTable, pct, RED } from './report-pdf-parts';
import { satisfactionPdf } from './satisfaction-block';

/** A4 landscape: totals, simple charts (by hour, by procedure, on-time ratio), then Mẫu 07. */
const REVIEW_LABELS = { void: 'Hủy phiếu', reprint: 'In lại phiếu', override: 'Cho phép tiếp nhận khi đồng bộ quá hạn' } as const;

export async function reportPdf(r: DailyReport, fontsDir: string, anchor: { at: string; rows: number; head: string } | null = null): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(fontsDir, r.dateTo === r.date ? `Báo cáo quầy ngày ${r.date}` : `Báo cáo quầy ${r.date} – ${r.dateTo}`);
  const f = new Flow(doc, fonts, A4_LANDSCAPE, { top: 30, right: 30, bottom: 30, left: 30 });
  const vnDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  const title = r.dateTo === r.date ? `BÁO CÁO QUẦY TRONG NGÀY ${vnDay(r.date)}` : `BÁO CÁO QUẦY TỪ NGÀY ${vnDay(r.date)} ĐẾN NGÀY ${vnDay(r.dateTo)}`;
  f.text(title, { size: 14, font: 'bold', align: 'center' });
  f.text(`${r.unitCode ?? ''}${r.counterId ? ` — quầy ${r.counterId}` : ' — toàn đơn vị'} — lập lúc ${when(r.generatedAt)}; dữ liệu các quầy khác đến ${when(r.unitDataAsOf) || 'chưa có'}`, {
    size: 9,
    font: 'italic',
    align: 'center',
    gapAfter: 6,
  });
  // The close's audit anchor, printed (and signed with the report) so the log cannot later be cut back unnoticed.
  if (anchor) f.text(`Mốc nhật ký kiểm toán: ${anchor.rows} dòng, mã cuối ${anchor.head} (lúc ${when(anchor.at)})`, { size: 8, font: 'italic' });
  if (r.closed) f.text(`Đã chốt ngày lúc ${when(r.closed.at)} bởi ${r.closed.by}${r.changedAfterClose ? ` — ${r.changedAfterClose} hồ sơ thay đổi sau khi chốt` : ''}`, { size: 9, font: 'bold' });
  const top = f.y;
  f.columns(
    (l) => {
      for (const [k, label] of TOTAL_LABELS) l.text(`${label}: ${k === 'feesCollected' ? formatVnd(r.totals[k]) : r.totals[k]}`, { size: 9.5 });
    },
    (rc) => {
      rc.text('Tiếp nhận theo giờ', { size: 9.5, font: 'bold' });
    },
    0.42,
  );
  // Bar chart by hour (07–17), drawn beside the totals.
  const x0 = f.margin.left + f.contentWidth * 0.44;
  const chartTop = top - 24;
  const hours = r.byHour.slice(7, 18);
  const max = Math.max(1, ...hours);
  hours.forEach((n, i) => {
    const h = (n / max) * 90;
    f.page.drawRectangle({ x: x0 + i * 30, y: chartTop - 100, width: 20, height: Math.max(0.5, h), color: rgb(0.05, 0.36, 0.68) });
    f.page.drawText(String(7 + i), { x: x0 + i * 30 + 4, y: chartTop - 112, size: 7, font: fonts.regular });
    if (n) f.page.drawText(String(n), { x: x0 + i * 30 + 4, y: chartTop - 98 + h, size: 7, font: fonts.regular });
  });
  const judged = r.totals.onTime + r.totals.late;
  if (judged) {
    const w = 300;
    const ok = (r.totals.onTime / judged) * w;
    f.page.drawRectangle({ x: x0, y: chartTop - 140, width: ok, height: 10, color: rgb(0.12, 0.48, 0.2) });
    f.page.drawRectangle({ x: x0 + ok, y: chartTop - 140, width: w - ok, height: 10, color: rgb(0.7, 0.15, 0.12) });
    f.page.drawText(`Đúng hạn ${Math.round((r.totals.onTime / judged) * 100)}%`, { x: x0, y: chartTop - 152, size: 8, font: fonts.regular });
  }
  f.space(10);
  drawKpi766(f, r.kpi766, when(r.kpi766.judgedAt));
  // A day's report has one trend day, the figures just printed above.
  if (r.trend.length > 1) {
    f.text('Diễn biến theo ngày', { size: 11, font: 'bold' });
    drawTable(f, ['Ngày', 'Tiếp nhận', 'Giải quyết xong', 'Tỷ lệ đúng hạn (766)'], r.trend.map((d) => [vnDay(d.day), String(d.received), String(d.finished), pct(d.tyLeDungHan)]), [2, 1, 1, 1.5], { size: 8 });
  }
  f.text('Theo thủ tục', { size: 11, font: 'bold' });
  drawTable(f, ['Thủ tục', 'Tiếp nhận', 'Đã trả', 'Đúng hạn', 'Trễ hạn'], r.byProcedure.slice(0, 25).map((p) => [p.tenTthc, String(p.received), String(p.returned), String(p.onTime), String(p.late)]), [6, 1, 1, 1, 1], {
    size: 8,
    color: (i) => (r.byProcedure[i]!.late ? RED : null),
  });
  satisfactionPdf(f, r.satisfaction);
  f.text('Theo quầy', { size: 11, font: 'bold' });
  drawTable(f, ['Quầy', 'Tiếp nhận', 'Đã trả', 'Phí, lệ phí đã thu', 'Nguồn'], r.byCounter.map((c) => [c.counterId, String(c.received), String(c.returned), formatVnd(c.feesCollected), c.source === 'local' ? 'sổ của quầy' : 'dữ liệu tỉnh']), [2, 1, 1, 2, 2], { size: 8 });

  f.text('Việc cần xem xét khi chốt ngày', { size: 11, font: 'bold' });
  if (!r.review.length) f.text('Không có phiếu hủy, in lại hay cho phép vượt.', { size: 9, indent: 8 });
  for (const x of r.review) f.text(`${when(x.at)} — ${REVIEW_LABELS[x.kind]}${x.code ? ` ${x.code}` : ''}${x.by ? ` (${x.by})` : ''}: ${x.reason ?? '(không ghi lý do)'}`, { size: 9, indent: 8 });

  // A period past LOG_EXPORT_MAX_DAYS is exported without its log: say so, and where it is.
  if (r.log.length < r.logTotal) {
    f.space(6);
    f.text(logOmitted(r), { size: 9.5, font: 'italic' });
    return savePdf(doc);
  }
  // Mẫu 07 — Sổ theo dõi hồ sơ, on its own page(s).
  f.newPage();
  f.text('SỔ THEO DÕI HỒ SƠ (Mẫu 07)', { size: 13, font: 'bold', align: 'center', gapAfter: 6 });
  // Relative widths, scaled to the page: every column, Ghi chú included, stays inside the margins.
  drawTable(f, LOG_HEADERS, r.log.map(logCells), MAU07_WEIGHTS);
  if (!r.log.length) f.text('(không có hồ sơ)', { size: 9 });
  return savePdf(doc);
}

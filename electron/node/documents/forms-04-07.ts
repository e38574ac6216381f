import { PDFDocument, rgb } from 'pdf-lib';
import type { ControlSlipModel, DelayNoticeModel, StopNoticeModel } from '../../common/domain/forms';
import { vnLongTime, type ReceiptModel } from '../../common/domain/receipt';
import { A4_LANDSCAPE, A5, Flow, newDocument } from '../pdf/pdf-flow';
import { savePdf } from '../pdf/pdf-save';
import { LOG_HEADERS, logCells } from '../reports/report-cells';
import type { LogRow } from '../reports/report-repo';
import { header, renderReceiptPdf, signatures } from './receipt-pdf';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 24, right: 26, bottom: 20, left: 26 };
const DOTS = '……………………………………';
const longOrDots = (t: string | null) => (t ? vnLongTime(t) : DOTS);

/** The opening Mẫu 04 and 05 share: the national header, the title, the applicant addressed. */
async function openNotice(
  m: Pick<DelayNoticeModel, 'code' | 'unitName' | 'deskName' | 'place' | 'at'> & { applicant: { name: string; address: string | null } },
  mau: '04' | '05',
  title: string,
  titleSize: number,
  fontsDir: string,
) {
  const { doc, fonts } = await newDocument(fontsDir, `Mẫu ${mau} — ${title} ${m.code}`);
  doc.setKeywords([m.code, `Mẫu ${mau}`]);
  const f = new Flow(doc, fonts, A5, MARGIN);
  header(f, m.unitName, m.deskName, m.place, m.at);
  f.text(title, { size: titleSize, font: 'bold', align: 'center', gapAfter: 6 });
  f.text(`Kính gửi: Ông/Bà ${m.applicant.name}`, { size: 9.5, font: 'bold' });
  if (m.applicant.address) f.text(`Địa chỉ: ${m.applicant.address}`, { size: 9 });
  return { doc, f };
}

/** Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (TT 03/2025, Phụ lục I). */
export async function renderDelayNoticePdf(m: DelayNoticeModel, fontsDir: string): Promise<Uint8Array> {
  const { doc, f } = await openNotice(m, '04', 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT', 11.5, fontsDir);
  f.text(`Ngày ${vnLongTime(m.receivedAt)}, ${m.deskName} tiếp nhận hồ sơ của ông/bà.`, { size: 9 });
  f.text(`Mã hồ sơ: ${m.code}`, { size: 9 });
  f.text(`Nội dung yêu cầu giải quyết: ${m.procedure}`, { size: 9 });
  f.text(`Thời gian hẹn trả kết quả giải quyết hồ sơ: ${longOrDots(m.dueAt)}`, { size: 9, gapAfter: 3 });
  f.text('Tuy nhiên đến nay, cơ quan giải quyết chưa trả kết quả giải quyết hồ sơ của ông/bà.', { size: 9 });
  f.text(`Lý do: ${m.reason}`, { size: 9 });
  f.text('Sự chậm trễ này đã gây phiền hà cho ông/bà. Chúng tôi trân trọng xin lỗi ông/bà và đề nghị gia hạn thời gian giải quyết, hẹn lại ngày trả kết quả:', { size: 9 });
  f.text(`Thời gian hẹn trả lại kết quả: ${vnLongTime(m.newDueAt)}`, { size: 9.5, font: 'bold', gapAfter: 3 });
  f.text('Mong nhận được sự thông cảm của ông/bà.', { size: 9, font: 'italic' });
  signatures(f, 'NGƯỜI NHẬN', 'NGƯỜI LẬP', m.officer?.name ?? null);
  return savePdf(doc);
}

/** Mẫu 05 — Thông báo dừng giải quyết hồ sơ (TT 03/2025, Phụ lục I). */
export async function renderStopNoticePdf(m: StopNoticeModel, fontsDir: string): Promise<Uint8Array> {
  const { doc, f } = await openNotice(m, '05', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 12, fontsDir);
  f.text(`Mã hồ sơ: ${m.code}`, { size: 9 });
  f.text(`Nội dung yêu cầu giải quyết: ${m.procedure}`, { size: 9 });
  f.text(`Thời gian tiếp nhận hồ sơ: ${vnLongTime(m.receivedAt)}`, { size: 9 });
  f.text(`Hồ sơ đang ở bước: ${m.stage}`, { size: 9, gapAfter: 3 });
  f.text(`${m.deskName} thông báo dừng giải quyết hồ sơ nêu trên.`, { size: 9 });
  f.text(`Lý do: ${m.reason ?? `${DOTS}${DOTS}`}`, { size: 9, gapAfter: 3 });
  f.text('Ông/Bà nhận lại hồ sơ (nếu có) tại nơi đã nộp hồ sơ.', { size: 9, font: 'italic' });
  signatures(f, 'NGƯỜI NHẬN THÔNG BÁO', 'NGƯỜI LẬP', m.officer?.name ?? null);
  return savePdf(doc);
}

/**
 * Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ, A4, with Liên 1 of Mẫu 01 after it: the
 * receipt's kept copy travels with the slip (domain doc §3.2, Ghi chú).
 */
export async function renderControlSlipPdf(m: ControlSlipModel, receipt: ReceiptModel, fontsDir: string): Promise<Uint8Array> {
  const title = 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ';
  const { doc, fonts } = await newDocument(fontsDir, `Mẫu 06 — ${title} ${m.code}`);
  doc.setKeywords([m.code, 'Mẫu 06']);
  const f = new Flow(doc, fonts, A4, { top: 36, right: 40, bottom: 30, left: 40 });
  header(f, m.unitName, m.deskName, m.place, m.at);
  f.text(title, { size: 13, font: 'bold', align: 'center' });
  f.text(`Mã hồ sơ: ${m.code}`, { size: 10, font: 'bold', align: 'center', gapAfter: 6 });
  f.text('(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Liên 1)', { size: 9, font: 'italic', align: 'center', gapAfter: 6 });
  const line = (t: string) => f.text(t, { size: 10 });
  line(`Kèm theo hồ sơ của: ${m.applicant}`);
  line(`Nội dung yêu cầu giải quyết: ${m.procedure}`);
  line(`Cơ quan (bộ phận) giải quyết hồ sơ: ${m.agency ?? DOTS}`);
  line(`Cơ quan phối hợp giải quyết hồ sơ: ${DOTS}`);
  line(`Thời gian nhận hồ sơ: ${vnLongTime(m.receivedAt)}`);
  f.text(`Thời gian hẹn trả kết quả: ${longOrDots(m.dueAt)}`, { size: 10, gapAfter: 8 });

  const widths = [150, 160, 100, f.contentWidth - 410];
  const heads = ['TÊN CƠ QUAN', 'THỜI GIAN GIAO, NHẬN HỒ SƠ', 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/Đúng hạn/Quá hạn)', 'GHI CHÚ'];
  const row = (cells: string[], bold: boolean) => {
    const size = 8.5;
    const font = bold ? fonts.bold : fonts.regular;
    const wrapped = cells.map((c, i) => f.wrap(c, font, size, widths[i]! - 6));
    const h = Math.max(...wrapped.map((w) => w.length)) * size * 1.3 + 8;
    f.ensure(h);
    let x = f.margin.left;
    wrapped.forEach((lines, i) => {
      f.page.drawRectangle({ x, y: f.y - h, width: widths[i]!, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
      lines.forEach((t, k) => f.page.drawText(t, { x: x + 3, y: f.y - 4 - size * 1.3 * (k + 1) + 2, size, font }));
      x += widths[i]!;
    });
    f.y -= h;
  };
  row(heads, true);
  m.steps.forEach((s, i) => {
    const when = (s.at ? vnLongTime(s.at) : '…giờ…phút, ngày…tháng…năm…').replace(', ', ',\n');
    row([`${i + 1}. Giao: ${s.from}\n${i + 1}. Nhận: ${s.to}`, `${when}\nNgười giao: ……  Người nhận: ……`, s.result ?? '', s.note], false);
  });
  f.space(10);
  f.text(`Người lập phiếu: ${m.officer?.name ?? DOTS}`, { size: 10 });

  // Liên 1 of the receipt, as the receipt itself renders it.
  const receiptDoc = await PDFDocument.load(await renderReceiptPdf(receipt, fontsDir));
  const [keptCopy] = await doc.copyPages(receiptDoc, [0]);
  doc.addPage(keptCopy!);
  return savePdf(doc);
}

/** Mẫu 07 — Sổ theo dõi hồ sơ, A4 landscape: the rows of one day of the unit's book. */
export async function renderLogBookPdf(m: { unitName: string; deskName: string; day: string; officerName: string | null; rows: readonly LogRow[] }, fontsDir: string): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(fontsDir, `Mẫu 07 — Sổ theo dõi hồ sơ ${m.day}`);
  doc.setKeywords(['Mẫu 07']);
  const f = new Flow(doc, fonts, A4_LANDSCAPE, { top: 30, right: 30, bottom: 30, left: 30 });
  f.text(m.unitName.toUpperCase(), { size: 9 });
  f.text(m.deskName.toUpperCase(), { size: 9, font: 'bold', gapAfter: 4 });
  f.text('SỔ THEO DÕI HỒ SƠ', { size: 13, font: 'bold', align: 'center' });
  f.text(`Ngày ${m.day.slice(8, 10)}/${m.day.slice(5, 7)}/${m.day.slice(0, 4)}`, { size: 9, font: 'italic', align: 'center', gapAfter: 6 });
  const widths = [26, 96, 112, 34, 84, 90, 78, 50, 50, 50, 50, 50, 30, 42];
  const drawRow = (cells: string[], bold: boolean) => {
    const size = 6.5;
    const font = bold ? fonts.bold : fonts.regular;
    const wrapped = cells.map((c, i) => f.wrap(c, font, size, widths[i]! - 4));
    const h = Math.max(...wrapped.map((w) => w.length)) * size * 1.25 + 4;
    if (f.y - h < f.margin.bottom) {
      f.newPage();
      if (!bold) drawRow(LOG_HEADERS, true);
    }
    let x = f.margin.left;
    wrapped.forEach((lines, i) => {
      f.page.drawRectangle({ x, y: f.y - h, width: widths[i]!, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.4 });
      lines.forEach((t, k) => f.page.drawText(t, { x: x + 2, y: f.y - 2 - size * 1.25 * (k + 1) + 1.5, size, font }));
      x += widths[i]!;
    });
    f.y -= h;
  };
  drawRow(LOG_HEADERS, true);
  for (const r of m.rows) drawRow(logCells(r), false);
  if (!m.rows.length) f.text('(không có hồ sơ)', { size: 9 });
  f.space(8);
  f.text(`Người in sổ: ${m.officerName ?? DOTS}`, { size: 9 });
  return savePdf(doc);
}

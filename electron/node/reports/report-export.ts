import ExcelJS from 'exceljs';
import type { DailyReport } from './report-repo';
import { LOG_HEADERS, logCells, logOmitted, TOTAL_LABELS } from './report-cells';
import { satisfactionRows } from './satisfaction-block';

/** CSV (UTF-8 with BOM, so Excel shows Vietnamese): the Mẫu 07 dossier log of the day. */
export function reportCsv(r: DailyReport): string {
  const esc = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [LOG_HEADERS, ...r.log.map(logCells)].map((row) => row.map(esc).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function reportXlsx(r: DailyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa Desk';
  const sum = wb.addWorksheet('Tổng hợp');
  sum.addRow([`Báo cáo quầy ${r.dateTo === r.date ? `trong ngày ${r.date}` : `từ ${r.date} đến ${r.dateTo}`}${r.counterId ? ` — quầy ${r.counterId}` : ' — toàn đơn vị'}`]).font = { bold: true, size: 13 };
  sum.addRow([`Lập lúc ${r.generatedAt}; dữ liệu các quầy khác cập nhật đến ${r.unitDataAsOf ?? 'chưa có'}`]);
  sum.addRow([]);
  for (const [k, label] of TOTAL_LABELS) sum.addRow([label, r.totals[k]]);
  const k = r.kpi766;
  sum.addRow(['Tỷ lệ giải quyết đúng hạn (QĐ 766), %', k.tyLeDungHan]).font = { bold: true };
  sum.addRow(['Trước hạn / Đúng hạn / Trễ hạn', k.truocHan, k.dungHan, k.treHan]);
  sum.addRow(['Đang trong hạn / Đang quá hạn', k.dangTrongHan, k.dangQuaHan]);
  sum.addRow([]);
  sum.addRow(['Theo thủ tục', 'Tiếp nhận', 'Đã trả', 'Đúng hạn', 'Quá hạn']).font = { bold: true };
  for (const p of r.byProcedure) sum.addRow([p.tenTthc, p.received, p.returned, p.onTime, p.late]);
  sum.addRow([]);
  sum.addRow(['Theo quầy', 'Tiếp nhận', 'Đã trả', 'Phí, lệ phí', 'Nguồn']).font = { bold: true };
  for (const c of r.byCounter) sum.addRow([c.counterId, c.received, c.returned, c.feesCollected, c.source === 'local' ? 'sổ của quầy' : 'dữ liệu tỉnh']);
  satisfactionRows(sum, r.satisfaction);
  sum.getColumn(1).width = 50;
  if (r.log.length < r.logTotal) {
    sum.addRow([]);
    sum.addRow([logOmitted(r)]).font = { italic: true };
    sum.getColumn(1).width = 50;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const log = wb.addWorksheet('Sổ theo dõi (Mẫu 07)');
  log.addRow(LOG_HEADERS).font = { bold: true };
  for (const row of r.log) log.addRow(logCells(row));
  log.columns.forEach((c, i) => (c.width = [5, 28, 40, 10, 28, 30, 20, 16, 16, 16, 16, 16, 10, 16][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}


import type { DailyReport, LogRow } from './report-repo';
import { LOG_EXPORT_MAX_DAYS } from './report-log-repo';

// What every export of the report writes the same way: the Mẫu 07 columns and cells, the totals'
// labels. Apart from the exporters so that the PDF worker loads no spreadsheet code (exceljs).

export const LOG_HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Tên TTHC',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Trả kết quả cho cá nhân, tổ chức',
  'Ký nhận',
  'Ghi chú',
];
/** Mẫu 07 column weights (drawTable scales them to the content width). */
export const MAU07_WEIGHTS = [24, 96, 120, 34, 90, 90, 60, 48, 48, 48, 48, 48, 34, 60];
export const when = (v: string | null) => (v ? `${v.slice(11, 16)} ${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : '');
export const logCells = (r: LogRow) => [String(r.stt), r.code, r.procedure, String(r.sets), r.applicant, r.addressPhone, r.agency, when(r.receivedAt), when(r.dueAt), when(r.transferredAt), when(r.resultReceivedAt), when(r.returnedAt), '', r.note];

export const TOTAL_LABELS: Array<[keyof DailyReport['totals'], string]> = [
  ['received', 'Hồ sơ tiếp nhận'],
  ['returned', 'Hồ sơ đã trả kết quả'],
  ['turnedBack', 'Hồ sơ trả lại (Mẫu 02/03)'],
  ['supplementRequested', '— yêu cầu bổ sung (Mẫu 02)'],
  ['refused', '— từ chối tiếp nhận (Mẫu 03)'],
  ['onTime', 'Giải quyết đúng hạn'],
  ['late', 'Giải quyết quá hạn'],
  ['pending', 'Đang giải quyết'],
  ['overdue', 'Đang giải quyết đã quá hạn'],
  ['voided', 'Giấy tiếp nhận bị hủy'],
  ['reprinted', 'Giấy tiếp nhận in lại'],
  ['feesCollected', 'Phí, lệ phí đã thu (đồng)'],
  ['unsynced', 'Hồ sơ chưa đồng bộ'],
];

/** What an export of a long period prints in place of its log. */
export const logOmitted = (r: DailyReport): string =>
  `Sổ theo dõi hồ sơ (Mẫu 07) của khoảng này có ${r.logTotal.toLocaleString('vi-VN')} hồ sơ, không in kèm bản tổng hợp của khoảng dài hơn ${LOG_EXPORT_MAX_DAYS} ngày: ` +
  'sổ nằm trong báo cáo từng ngày, hoặc xuất báo cáo từng tháng.';


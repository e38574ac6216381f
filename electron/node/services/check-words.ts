import type { Bilingual } from '../../common/domain/doctor';

/**
 * Words shared by doctor's rows and the start-of-day check, in both languages: the same row reads
 * the same on either screen and in `motcua doctor`.
 */
export const DB_LABEL: Bilingual = { vi: 'Cơ sở dữ liệu', en: 'Database' };
export const DISK_LABEL: Bilingual = { vi: 'Dung lượng đĩa', en: 'Disk space' };
export const PRINTER_LABEL: Bilingual = { vi: 'Máy in biên nhận', en: 'Receipt printer' };
export const TOKEN_LABEL: Bilingual = { vi: 'Thiết bị ký số (token)', en: 'Signing token (PKCS#11)' };
export const CALENDAR_LABEL: Bilingual = { vi: 'Lịch ngày làm việc', en: 'Working-day calendar' };
export const RECORDS_LABEL: Bilingual = { vi: 'Toàn vẹn tài khoản và cài đặt', en: 'Integrity of accounts and settings' };
export const AUDIT_LABEL: Bilingual = { vi: 'Nhật ký kiểm toán', en: 'Audit log' };
export const NOT_CONFIGURED: Bilingual = { vi: 'chưa cấu hình', en: 'not configured' };
export const CANNOT_READ: Bilingual = { vi: 'không đọc được', en: 'cannot be read' };

export function freeGiB(bytes: number): Bilingual {
  const gib = (bytes / 1024 ** 3).toFixed(1);
  return { vi: `còn trống ${gib} GiB`, en: `${gib} GiB free` };
}

/**
 * The operating system's common refusals (a missing file, no permission, a port in use, a host
 * that does not answer), keyed by their errno code so a doctor or start-of-day row words them in
 * the officer's language instead of repeating Node's English; spread into ERROR_MESSAGES.
 */
export const SYS_MESSAGES = {
  'sys.target': { vi: 'tệp hoặc thiết bị', en: 'the file or device' },
  'sys.notFound': { vi: 'không có {path}', en: '{path} does not exist' },
  'sys.noPermission': { vi: 'không có quyền truy cập {path}', en: 'no permission to use {path}' },
  'sys.busy': { vi: '{path} đang bị chương trình khác dùng', en: '{path} is in use by another program' },
  'sys.diskFull': { vi: 'ổ đĩa chứa {path} đã đầy', en: 'the disk holding {path} is full' },
  'sys.readOnly': { vi: '{path} nằm trên ổ đĩa chỉ đọc', en: '{path} is on a read-only disk' },
  'sys.noDevice': { vi: 'thiết bị {path} không còn kết nối', en: 'device {path} is not connected' },
  'sys.notAFolder': { vi: '{path} không phải thư mục', en: '{path} is not a folder' },
  'sys.isAFolder': { vi: '{path} là thư mục, không phải tệp', en: '{path} is a folder, not a file' },
  'sys.timedOut': { vi: '{path} không trả lời (hết thời gian chờ)', en: '{path} did not answer (timed out)' },
  'sys.refused': { vi: '{path} từ chối kết nối', en: '{path} refused the connection' },
  'sys.reset': { vi: 'kết nối tới {path} bị ngắt giữa chừng', en: 'the connection to {path} was cut' },
  'sys.hostNotFound': { vi: 'không tìm thấy máy {path} (tên miền)', en: 'host {path} not found (DNS)' },
  'sys.unreachable': { vi: 'không đi tới được {path} (mạng)', en: '{path} cannot be reached (network)' },
} as const satisfies Record<string, { vi: string; en: string }>;

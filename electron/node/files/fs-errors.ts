import { AppFailure } from '../../common/ipc/result';

/** The errno of a Node file-system error (`ENOSPC`, `EROFS`, …), or null for anything else. */
export function errnoCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

/**
 * A file-system fault the officer can act on, as a typed failure saying what to do; null for the
 * rest (a missing file, a bug), which callers report as they did. `what` names the thing that was
 * being written, in Vietnamese ("giấy tiếp nhận", "tệp đính kèm"); never a citizen's data.
 */
export function fsFailure(e: unknown, what = 'dữ liệu'): AppFailure | null {
  if (e instanceof AppFailure) return null;
  switch (errnoCode(e)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppFailure('disk_full', `Ổ đĩa chứa dữ liệu đã đầy, không ghi được ${what}. Hãy giải phóng dung lượng (xóa tệp không cần, dọn thùng rác) rồi thử lại.`);
    case 'EROFS':
      return new AppFailure('read_only', `Không ghi được ${what}: ổ đĩa chứa dữ liệu đang ở chế độ chỉ đọc. Hãy kiểm tra quyền ghi và khóa ghi của ổ đĩa, rồi thử lại.`);
    case 'EACCES':
    case 'EPERM':
      return new AppFailure('read_only', `Không ghi được ${what}: tài khoản này không có quyền ghi vào thư mục dữ liệu (thư mục chỉ đọc). Hãy kiểm tra quyền ghi của thư mục, rồi thử lại.`);
    default:
      return null;
  }
}

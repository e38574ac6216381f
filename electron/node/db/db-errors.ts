import Database from 'better-sqlite3';
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../common/ipc/result';
import { errnoCode, fsFailure } from '../files/fs-errors';

const RESTORE = 'Đừng tiếp tục dùng tệp này: hãy chép lại cả thư mục dữ liệu để bộ phận kỹ thuật kiểm tra, rồi khôi phục từ bản sao lưu gần nhất (motcua doctor cho biết tình trạng).';
const WRITE_ACCESS = 'Hãy kiểm tra quyền ghi của tài khoản đang dùng trên thư mục dữ liệu và ổ đĩa có bị khóa ghi không, rồi thử lại.';

/** Whether the folder of the database can be written now: tells "read-only" apart from "missing" when SQLite only says it cannot open. */
function folderWritable(dbPath: string): boolean | null {
  try {
    accessSync(dirname(dbPath), constants.W_OK);
    return true;
  } catch (e) {
    const code = errnoCode(e);
    return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? false : null;
  }
}

/**
 * A SQLite or file-system fault the officer can act on (a full disk, a damaged file, no write
 * access), as a typed failure with the Vietnamese advice; null for anything else (constraint
 * violations, bugs, failures already typed), which callers leave as they are. SQLite's own words
 * go in parentheses for the technician: they name the fault, never a citizen's data.
 */
export function storageFailure(e: unknown, dbPath?: string): AppFailure | null {
  if (e instanceof AppFailure) return null;
  if (!(e instanceof Database.SqliteError)) return errnoCode(e) ? fsFailure(e) : null;
  const where = dbPath ? ` ${dbPath}` : '';
  const sqlite = `(${e.message})`;
  const code = e.code;
  if (code.startsWith('SQLITE_FULL') || code === 'SQLITE_IOERR_SHMSIZE') {
    // SHMSIZE: the WAL index file could not grow, which on a full disk is what fails first.
    return new AppFailure('disk_full', `Ổ đĩa chứa dữ liệu đã đầy nên không ghi được cơ sở dữ liệu ${sqlite}. Hãy giải phóng dung lượng (xóa tệp không cần, dọn thùng rác) rồi thử lại.`);
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new AppFailure('db_corrupt', `Cơ sở dữ liệu${where} bị hỏng ${sqlite}. ${RESTORE}`);
  }
  if (code.startsWith('SQLITE_NOTADB')) {
    return new AppFailure('db_corrupt', `Tệp${where} không phải cơ sở dữ liệu của Một Cửa Desk hoặc đã bị hỏng ${sqlite}. ${RESTORE}`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppFailure('read_only', `Không ghi được cơ sở dữ liệu${where}: tệp hoặc ổ đĩa đang chỉ đọc ${sqlite}. ${WRITE_ACCESS}`);
  }
  // SQLite says only "cannot open" when a WAL database sits on a read-only disk or folder.
  if ((code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) && dbPath && folderWritable(dbPath) === false) {
    return new AppFailure('read_only', `Không mở được cơ sở dữ liệu${where} vì thư mục dữ liệu hoặc ổ đĩa đang chỉ đọc ${sqlite}. ${WRITE_ACCESS}`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new AppFailure('db_error', `Không mở được cơ sở dữ liệu${where} ${sqlite}. Hãy kiểm tra thư mục dữ liệu còn đó, ổ đĩa đã được gắn và tài khoản đang dùng có quyền đọc và ghi trong thư mục.`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new AppFailure('db_error', `Lỗi đọc/ghi đĩa khi dùng cơ sở dữ liệu${where} ${sqlite}. Hãy kiểm tra ổ đĩa còn trống và hoạt động bình thường (motcua doctor), rồi thử lại.`);
  }
  return null;
}

/** `PRAGMA integrity_check` found damage: the same advice as a corrupt read, with the first of SQLite's findings. */
export function corruptDatabase(dbPath: string, findings: string): AppFailure {
  const first = findings.replace(/\s+/g, ' ').trim();
  return new AppFailure('db_corrupt', `Cơ sở dữ liệu ${dbPath} bị hỏng (kiểm tra toàn vẹn: ${first.length > 200 ? `${first.slice(0, 200)}…` : first}). ${RESTORE}`);
}

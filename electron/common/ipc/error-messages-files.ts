/**
 * Files (attachments, the data folder's disk), the secret store, PDFs that cannot be read or
 * drawn, and the signing token's own failures; spread into ERROR_MESSAGES.
 */
export const FILE_MESSAGES = {
  'files.empty': { vi: 'Tệp {file} rỗng.', en: 'File {file} is empty.' },
  'files.tooLarge': { vi: 'Tệp {file} lớn hơn {mb} MB.', en: 'File {file} is larger than {mb} MB.' },
  'files.wrongType': { vi: 'Tệp {file} không phải PDF, JPG hoặc PNG.', en: 'File {file} is not a PDF, JPG or PNG.' },
  'files.extMismatch': { vi: 'Tệp {file} có đuôi {ext} nhưng nội dung là {type}.', en: 'File {file} ends in {ext} but holds {type}.' },
  'files.changedWhileReading': { vi: 'Tệp {file} thay đổi trong khi đang nhập, hãy thử lại.', en: 'File {file} changed while it was being read; try again.' },
  'files.unreadable': { vi: 'Không đọc được tệp {file}.', en: 'File {file} cannot be read.' },
  'files.link': {
    vi: 'Tệp {file} là liên kết (symlink) hoặc đường dẫn có ".." dẫn sang thư mục khác: hãy chọn chính tệp quét.',
    en: 'File {file} is a link (symlink) or a path whose ".." leads to another folder: choose the scanned file itself.',
  },
  'files.notRegular': {
    vi: '{file} không phải tệp thông thường (thư mục, thiết bị hoặc FIFO): hãy chọn tệp PDF, JPG hoặc PNG.',
    en: '{file} is not a regular file (a folder, device or FIFO): choose a PDF, JPG or PNG file.',
  },
  'fs.data': { vi: 'dữ liệu', en: 'the data' },
  'fs.file': { vi: 'tệp {file}', en: 'file {file}' },
  'fs.attachment': { vi: 'tệp đính kèm {file}', en: 'attachment {file}' },
  'fs.dataDir': { vi: 'thư mục dữ liệu {dir}', en: 'the data folder {dir}' },
  'fs.diskFull': {
    vi: 'Ổ đĩa chứa dữ liệu đã đầy, không ghi được {what}. Hãy giải phóng dung lượng (xóa tệp không cần, dọn thùng rác) rồi thử lại.',
    en: 'The disk holding the data is full: {what} could not be written. Free some space (delete unneeded files, empty the bin), then try again.',
  },
  'fs.readOnlyDisk': {
    vi: 'Không ghi được {what}: ổ đĩa chứa dữ liệu đang ở chế độ chỉ đọc. Hãy kiểm tra quyền ghi và khóa ghi của ổ đĩa, rồi thử lại.',
    en: "Cannot write {what}: the disk holding the data is read-only. Check the disk's write permission and write lock, then try again.",
  },
  'fs.noPermission': {
    vi: 'Không ghi được {what}: tài khoản này không có quyền ghi vào thư mục dữ liệu (thư mục chỉ đọc). Hãy kiểm tra quyền ghi của thư mục, rồi thử lại.',
    en: "Cannot write {what}: this user may not write to the data folder (read-only). Check the folder's write permission, then try again.",
  },
  'secrets.store.safe-storage': { vi: 'bộ mã hóa của hệ điều hành qua ứng dụng (safeStorage)', en: "the operating system's encryption through the app (safeStorage)" },
  'secrets.store.os-keyring': { vi: 'kho khóa của hệ điều hành', en: "the operating system's keyring" },
  'secrets.store.key-file': { vi: 'tệp khóa riêng của người dùng', en: "the user's own key file" },
  'secrets.storeUnavailable': {
    vi: 'Khóa bí mật của máy chủ tỉnh được lưu trong {store}, nơi chương trình này không mở được: đặt lại bằng motcua api set, hoặc dùng MOTCUA_CLIENT_SECRET.',
    en: "The provincial server's secret is kept in {store}, which this program cannot open: set it again with motcua api set, or use MOTCUA_CLIENT_SECRET.",
  },
  'secrets.appOnly': {
    vi: 'Khóa bí mật của máy chủ tỉnh được lưu trong {store}, nơi chương trình này không mở được (chỉ ứng dụng Một Cửa Desk mở được): đặt lại bằng motcua api set, hoặc dùng MOTCUA_CLIENT_SECRET.',
    en: "The provincial server's secret is kept in {store}, which this program cannot open (only the Một Cửa Desk app can): set it again with motcua api set, or use MOTCUA_CLIENT_SECRET.",
  },
  'secrets.unreadable': {
    vi: 'Không đọc được khóa bí mật từ {store}: đặt lại bằng motcua api set.',
    en: 'The secret cannot be read from {store}: set it again with motcua api set.',
  },
  'secrets.indexDamaged': { vi: 'Tệp {path} bị hỏng: xóa nó rồi chạy lại motcua api set.', en: 'File {path} is damaged: delete it, then run motcua api set again.' },
  'secrets.forcedUnavailable': {
    vi: 'MOTCUA_SECRET_STORE={store}: nơi lưu này không dùng được trên máy này.',
    en: 'MOTCUA_SECRET_STORE={store}: this store cannot be used on this PC.',
  },
  'secrets.noStore': { vi: 'Không có nơi nào lưu được khóa bí mật trên máy này.', en: 'There is nowhere on this PC to keep the secret.' },
  'secrets.keyFileOpen': {
    vi: 'Tệp khóa {path} có thể bị người khác đọc hoặc không thuộc người dùng này (quyền {mode}): sửa bằng chmod 600 và chown, hoặc xóa tệp rồi chạy lại motcua api set.',
    en: 'Key file {path} may be readable by others or not owned by this user (mode {mode}): fix it with chmod 600 and chown, or delete it and run motcua api set again.',
  },
  'secrets.keyFileDamaged': { vi: 'Tệp khóa {path} bị hỏng: xóa tệp rồi chạy lại motcua api set.', en: 'Key file {path} is damaged: delete it, then run motcua api set again.' },
  'secrets.keyFileMissing': {
    vi: 'Không thấy tệp khóa {path}: khóa bí mật không mở được nữa, chạy lại motcua api set.',
    en: 'Key file {path} is missing: the secret can no longer be opened; run motcua api set again.',
  },
  'secrets.keyFileUncreatable': {
    vi: 'Không tạo được tệp khóa {path} ({reason}): đặt MOTCUA_KEY_FILE tới một thư mục ghi được.',
    en: 'Key file {path} cannot be created ({reason}): point MOTCUA_KEY_FILE to a folder that can be written.',
  },
  'secrets.keyFileAcl': {
    vi: 'Không giới hạn được tệp khóa {path} cho riêng người dùng này ({reason}): đặt MOTCUA_KEY_FILE tới một thư mục trên ổ NTFS (ví dụ trong %APPDATA%) rồi chạy lại motcua api set.',
    en: 'Key file {path} cannot be restricted to this user ({reason}): point MOTCUA_KEY_FILE to a folder on an NTFS drive (e.g. under %APPDATA%), then run motcua api set again.',
  },
  'secrets.sealedDamaged': { vi: 'Khóa bí mật đã lưu bị hỏng: chạy lại motcua api set.', en: 'The stored secret is damaged: run motcua api set again.' },
  'secrets.keyChanged': {
    vi: 'Tệp khóa {path} không mở được khóa bí mật đã lưu (khóa đã đổi?): chạy lại motcua api set.',
    en: 'Key file {path} does not open the stored secret (was the key changed?): run motcua api set again.',
  },
  'pdf.startxrefOutside': { vi: 'Tệp PDF bị hỏng (startxref trỏ ra ngoài tệp).', en: 'The PDF file is damaged (startxref points outside the file).' },
  'pdf.xrefMisplaced': {
    vi: 'Tệp PDF bị hỏng (bảng xref không ở vị trí startxref chỉ tới).',
    en: 'The PDF file is damaged (the xref table is not where startxref points).',
  },
  'pdf.noSize': { vi: 'Tệp PDF bị hỏng (trailer không có /Size).', en: 'The PDF file is damaged (its trailer has no /Size).' },
  'pdf.noTrailer': { vi: 'Tệp PDF bị hỏng (thiếu trailer sau bảng xref).', en: 'The PDF file is damaged (no trailer after the xref table).' },
  'pdf.noRoom': { vi: 'Không đủ chỗ cho chữ ký trong tệp sau nhiều lần thử.', en: 'There was no room for the signature in the file after several tries.' },
  'pdf.sigPlace': { vi: 'Không định vị được chỗ đặt chữ ký.', en: 'The place for the signature could not be found.' },
  'pdf.truncated': {
    vi: 'Tệp PDF bị hỏng hoặc không đầy đủ (thiếu startxref/%%EOF ở cuối tệp).',
    en: 'The PDF file is damaged or incomplete (no startxref/%%EOF at its end).',
  },
  'pdf.noSuchPage': { vi: 'Trang {page} không có trong tệp (tệp có {pages} trang).', en: 'Page {page} is not in the file (it has {pages} pages).' },
  'pdf.fontMissing': {
    vi: 'Thiếu phông chữ cho ô chữ ký (NotoSans-Regular.ttf): cài lại ứng dụng.',
    en: 'The font for the signature box (NotoSans-Regular.ttf) is missing: reinstall the app.',
  },
  'token.removed': {
    vi: 'Thiết bị ký số đã bị rút ra hoặc ngừng trả lời. Cắm lại token rồi ký lại.',
    en: 'The signing device was removed or stopped answering. Plug the token in again and sign again.',
  },
  'token.notFound': { vi: 'Không thấy token "{token}". Cắm token vào máy rồi thử lại.', en: 'Token "{token}" was not found. Plug the token in and try again.' },
  'token.moduleLoad': {
    vi: 'Không nạp được thư viện token {path}: {reason}. Kiểm tra đã cài trình điều khiển của nhà cung cấp (đúng bản 64-bit).',
    en: "The token library {path} cannot be loaded: {reason}. Check that the supplier's driver is installed (the 64-bit version).",
  },
  'token.pinLength': { vi: 'Độ dài mã PIN không hợp lệ với token này.', en: 'The PIN length is not valid for this token.' },
  'token.pinRequired': { vi: 'Token này cần nhập mã PIN.', en: 'This token needs a PIN.' },
  'token.pinExpired': { vi: 'Mã PIN đã hết hạn: đổi PIN bằng công cụ của nhà cung cấp.', en: "The PIN has expired: change it with the supplier's tool." },
  'token.mechanism': { vi: 'Token không hỗ trợ thuật toán ký cần dùng.', en: 'The token does not support the signing algorithm needed.' },
  'token.noRsa': { vi: 'Token không hỗ trợ ký RSA PKCS#1.', en: 'The token does not support RSA PKCS#1 signing.' },
  'token.noEcdsa': { vi: 'Token không hỗ trợ ký ECDSA.', en: 'The token does not support ECDSA signing.' },
  'token.deviceError': { vi: 'Lỗi thiết bị ký số (mã 0x{code}).', en: 'Signing device error (code 0x{code}).' },
  'token.busy': {
    vi: 'Token đang được đăng nhập bởi một phiên khác và không đăng xuất được. Rút token ra, cắm lại rồi ký lại.',
    en: 'The token is signed in by another session that cannot be signed out. Unplug the token, plug it in again and sign again.',
  },
  'token.keyNotFound': {
    vi: 'Không thấy khóa bí mật ứng với chứng thư số đã chọn trên token.',
    en: 'The private key of the chosen certificate is not on the token.',
  },
  'token.modulePathNotAbsolute': {
    vi: 'Đường dẫn thư viện PKCS#11 phải là đường dẫn đầy đủ (ví dụ /usr/lib/softhsm/libsofthsm2.so hoặc C:\\Windows\\System32\\...dll).',
    en: 'The PKCS#11 library must be given as a full path (for example /usr/lib/softhsm/libsofthsm2.so or C:\\Windows\\System32\\...dll).',
  },
  'trust.dirNotAbsolute': { vi: 'Thư mục chứng thư gốc phải là đường dẫn đầy đủ.', en: 'The trusted root certificate folder must be a full path.' },
  // The database's own faults (SQLite's words in parentheses for the technician), dossier numbers, the app's doors.
  'db.diskFull': {
    vi: "Ổ đĩa chứa dữ liệu đã đầy nên không ghi được cơ sở dữ liệu {sqlite}. Hãy giải phóng dung lượng (xóa tệp không cần, dọn thùng rác) rồi thử lại.",
    en: "The disk holding the data is full, so the database cannot be written {sqlite}. Free some space (delete unneeded files, empty the bin), then try again.",
  },
  'db.corrupt': {
    vi: "Cơ sở dữ liệu{where} bị hỏng {sqlite}. Đừng tiếp tục dùng tệp này: hãy chép lại cả thư mục dữ liệu để bộ phận kỹ thuật kiểm tra, rồi khôi phục từ bản sao lưu gần nhất (motcua doctor cho biết tình trạng).",
    en: "The database{where} is damaged {sqlite}. Stop using this file: copy the whole data folder for technical support to examine, then restore the latest backup (motcua doctor shows the state).",
  },
  'db.notADb': {
    vi: "Tệp{where} không phải cơ sở dữ liệu của Một Cửa Desk hoặc đã bị hỏng {sqlite}. Đừng tiếp tục dùng tệp này: hãy chép lại cả thư mục dữ liệu để bộ phận kỹ thuật kiểm tra, rồi khôi phục từ bản sao lưu gần nhất (motcua doctor cho biết tình trạng).",
    en: "File{where} is not a Một Cửa Desk database or is damaged {sqlite}. Stop using this file: copy the whole data folder for technical support to examine, then restore the latest backup (motcua doctor shows the state).",
  },
  'db.readOnly': {
    vi: "Không ghi được cơ sở dữ liệu{where}: tệp hoặc ổ đĩa đang chỉ đọc {sqlite}. Hãy kiểm tra quyền ghi của tài khoản đang dùng trên thư mục dữ liệu và ổ đĩa có bị khóa ghi không, rồi thử lại.",
    en: "The database{where} cannot be written: the file or disk is read-only {sqlite}. Check that the account in use may write to the data folder and that the disk is not write-locked, then try again.",
  },
  'db.readOnlyOpen': {
    vi: "Không mở được cơ sở dữ liệu{where} vì thư mục dữ liệu hoặc ổ đĩa đang chỉ đọc {sqlite}. Hãy kiểm tra quyền ghi của tài khoản đang dùng trên thư mục dữ liệu và ổ đĩa có bị khóa ghi không, rồi thử lại.",
    en: "The database{where} cannot be opened because the data folder or disk is read-only {sqlite}. Check that the account in use may write to the data folder and that the disk is not write-locked, then try again.",
  },
  'db.cantOpen': {
    vi: "Không mở được cơ sở dữ liệu{where} {sqlite}. Hãy kiểm tra thư mục dữ liệu còn đó, ổ đĩa đã được gắn và tài khoản đang dùng có quyền đọc và ghi trong thư mục.",
    en: "The database{where} cannot be opened {sqlite}. Check that the data folder is still there, the disk is mounted and the account in use may read and write in the folder.",
  },
  'db.ioError': {
    vi: "Lỗi đọc/ghi đĩa khi dùng cơ sở dữ liệu{where} {sqlite}. Hãy kiểm tra ổ đĩa còn trống và hoạt động bình thường (motcua doctor), rồi thử lại.",
    en: "A disk read/write error while using the database{where} {sqlite}. Check that the disk has free space and works normally (motcua doctor), then try again.",
  },
  'db.integrity': {
    vi: "Cơ sở dữ liệu {path} bị hỏng (kiểm tra toàn vẹn: {findings}). Đừng tiếp tục dùng tệp này: hãy chép lại cả thư mục dữ liệu để bộ phận kỹ thuật kiểm tra, rồi khôi phục từ bản sao lưu gần nhất (motcua doctor cho biết tình trạng).",
    en: "The database {path} is damaged (integrity check: {findings}). Stop using this file: copy the whole data folder for technical support to examine, then restore the latest backup (motcua doctor shows the state).",
  },
  'intake.noNumbers': {
    vi: "Hết số hồ sơ: không còn số đã thuê cho hôm nay và quầy chưa có khối số ngoại tuyến. Hãy kết nối máy chủ để lấy thêm số, hoặc cấu hình khối số (motcua unit set --offline-block).",
    en: "No dossier numbers left: none leased for today and this counter has no offline block. Connect to the server to get more, or set a block (motcua unit set --offline-block).",
  },
  'intake.blockUsedUp': {
    vi: "Đã dùng hết khối số ngoại tuyến {from}–{to} của ngày {day}. Hãy kết nối máy chủ để thuê thêm số; không cấp trùng số hồ sơ.",
    en: "The offline number block {from}–{to} of {day} is used up. Connect to the server to lease more numbers; a dossier number is never issued twice.",
  },
  'app.urlNotAllowed': {
    vi: "Địa chỉ này không được phép mở ngoài ứng dụng.",
    en: "This address may not be opened outside the app.",
  },
  'ipc.mainUnreachable': {
    vi: "Không liên lạc được với tiến trình chính của ứng dụng.",
    en: "The app's main process cannot be reached.",
  },
} as const satisfies Record<string, { vi: string; en: string }>;

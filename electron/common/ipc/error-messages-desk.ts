/**
 * Issue #16's leftovers: the receipt printer, returns, sync, the key backup, input files, address,
 * calendar and catalog imports, the data folder and the secret stores' places, worded per language;
 * spread into ERROR_MESSAGES. The Vietnamese is the text these services sent before they were keyed.
 */
export const DESK_MESSAGES = {
  'printer.paperOut': { vi: 'Máy in hết giấy. Thay cuộn giấy rồi bấm In lại.', en: 'The printer is out of paper. Change the roll, then press Print again.' },
  'printer.coverOpen': { vi: 'Nắp máy in đang mở. Đóng nắp rồi bấm In lại.', en: "The printer's cover is open. Close it, then press Print again." },
  'printer.offline': { vi: 'Máy in đang ngoại tuyến (kiểm tra nút Feed, đèn lỗi).', en: 'The printer is offline (check the Feed button and the error light).' },
  'printer.fault': {
    vi: 'Máy in báo lỗi (dao cắt hoặc đầu in). Tắt/bật máy in rồi In lại.',
    en: 'The printer reports a fault (cutter or print head). Switch it off and on, then print again.',
  },
  'printer.notConfigured': { vi: 'Chưa cấu hình máy in biên nhận (Cài đặt → Thiết bị).', en: 'No receipt printer is set up (Settings → Devices).' },
  'printer.reprintReason': { vi: 'In lại giấy tiếp nhận phải ghi lý do.', en: 'Reprinting a receipt needs a reason.' },
  'printer.jobNotFound': { vi: 'Không có lệnh in số {jobId}.', en: 'No print job number {jobId}.' },
  'printer.jobNotHeld': { vi: 'Lệnh in số {jobId} không ở trạng thái chờ in lại.', en: 'Print job {jobId} is not waiting to be printed again.' },
  'printer.noStatus': { vi: 'Máy in không trả lời trạng thái.', en: 'The printer does not answer the status request.' },
  'printer.openFailed': { vi: 'Không mở được máy in tại {path}: {error}. Kiểm tra cáp và cổng.', en: 'The printer at {path} cannot be opened: {error}. Check the cable and the port.' },
  'printer.noAnswer': {
    vi: 'Máy in không trả lời (kiểm tra nguồn, cáp và cổng; máy in không hỗ trợ trạng thái thì tắt "kiểm tra trạng thái").',
    en: 'The printer does not answer (check power, cable and port; for a printer without status, turn off "check status").',
  },
  'printer.writeFailed': { vi: 'Gửi dữ liệu tới máy in thất bại: {error}.', en: 'Sending data to the printer failed: {error}.' },
  'printer.held': { vi: '{reason} Lệnh in số {jobId} được giữ lại để in lại.', en: '{reason} Print job {jobId} is kept to be printed again.' },
  'returns.alreadyReturned': { vi: 'Hồ sơ đã trả kết quả.', en: 'The result of this dossier has already been handed over.' },
  'returns.noResultYet': { vi: 'Hồ sơ chưa có kết quả (trạng thái {status}).', en: 'The dossier has no result yet (status {status}).' },
  'returns.notReturnable': { vi: 'Không trả được hồ sơ này.', en: 'This dossier cannot be handed over.' },
  'returns.notPostal': {
    vi: 'Hồ sơ {code} đăng ký nhận kết quả tại quầy, không chuyển qua bưu chính.',
    en: 'Dossier {code} is to be collected at the counter, not sent by post.',
  },
  'returns.badTrackingNo': {
    vi: 'Số hiệu bưu gửi "{trackingNo}" không hợp lệ (4–40 chữ cái, chữ số).',
    en: 'Tracking number "{trackingNo}" is not valid (4–40 letters and digits).',
  },
  'returns.alreadyPosted': { vi: 'Kết quả hồ sơ {code} đã chuyển bưu chính.', en: 'The result of dossier {code} has already gone to the post.' },
  'sync.notConfigured': { vi: 'Chưa cấu hình máy chủ tỉnh.', en: 'No provincial server is configured.' },
  'sync.locked': { vi: 'Một tiến trình khác (ứng dụng hoặc dòng lệnh) đang đồng bộ thư mục dữ liệu này.', en: 'Another process (the app or the command line) is syncing this data folder.' },
  'api.badClientId': { vi: 'Mã thiết bị (client_id) gồm 1–100 ký tự ASCII, không có dấu cách.', en: 'The device id (client_id) is 1–100 ASCII characters without spaces.' },
  'api.badSecret': { vi: 'Khóa bí mật (client_secret) rỗng, quá dài hoặc có ký tự xuống dòng.', en: 'The secret (client_secret) is empty, too long or holds a line break.' },
  'api.httpsOnly': {
    vi: 'Địa chỉ máy chủ tỉnh phải dùng https (http chỉ cho máy chủ chạy trên chính máy này).',
    en: 'The provincial server address must use https (plain http only for a server on this PC).',
  },
  'api.credentialsMissing': {
    vi: 'Thiếu thông tin thiết bị để kết nối máy chủ tỉnh (mã thiết bị hoặc khóa bí mật): chạy motcua api set --url … --client-id … --client-secret-env …',
    en: 'The device credentials for the provincial server are missing (device id or secret): run motcua api set --url … --client-id … --client-secret-env …',
  },
  'sync.noDossier': { vi: 'Không có hồ sơ số {id} để gửi.', en: 'No dossier number {id} to send.' },
  'db.tooNew': {
    vi: 'Cơ sở dữ liệu (phiên bản {found}) mới hơn ứng dụng này (hỗ trợ đến phiên bản {supported}). Hãy cài phiên bản Một Cửa Desk mới hơn; dữ liệu không bị thay đổi.',
    en: 'The database (version {found}) is newer than this app (which supports up to version {supported}). Install a newer Một Cửa Desk; the data was not changed.',
  },
  'api.notConfigured': {
    vi: 'Chưa cấu hình máy chủ tỉnh: motcua api set --url <địa chỉ> --client-id <mã thiết bị> --client-secret-env <BIẾN>.',
    en: 'No provincial server is configured: motcua api set --url <address> --client-id <device id> --client-secret-env <VARIABLE>.',
  },
  'intake.savedWithoutReceipt': {
    vi: 'Đã lưu hồ sơ {code}, chưa tạo giấy tiếp nhận: {reason} Đừng tiếp nhận lại hồ sơ này; khi đã khắc phục, chỉ in lại giấy tiếp nhận của nó.',
    en: 'Dossier {code} was saved but its receipt was not made: {reason} Do not receive this dossier again; once fixed, only print its receipt again.',
  },
  'intake.pdfFailed': { vi: 'lỗi khi tạo tệp PDF ({error}).', en: 'the PDF file could not be made ({error}).' },
  'sync.failed': { vi: 'Đồng bộ lỗi: {error}', en: 'Sync failed: {error}' },
  'sync.attachmentGone': { vi: 'Tệp đính kèm không còn trong máy.', en: 'The attachment is no longer on this PC.' },
  'sync.attachmentDamaged': { vi: 'Tệp {file} trong máy đã hỏng hoặc bị xóa.', en: 'File {file} on this PC is damaged or deleted.' },
  'sync.codeTaken': { vi: 'Mã hồ sơ đã có trên máy chủ tỉnh cho một hồ sơ khác.', en: 'The provincial server already has this dossier code for another dossier.' },
  'sync.rejected': { vi: 'Bị trả lại', en: 'Rejected' },
  'sync.readFailed': { vi: 'Không đọc được hồ sơ {code} trên máy chủ tỉnh: {reason}', en: 'Dossier {code} cannot be read from the provincial server: {reason}' },
  'backup.badFormat': {
    vi: 'Khóa dự phòng không đúng dạng MCK2-xxxx-…-xxxx (32 nhóm 4 ký tự và 1 nhóm kiểm tra).',
    en: 'The backup key is not in the form MCK2-xxxx-…-xxxx (32 groups of 4 characters and 1 check group).',
  },
  'backup.typo': { vi: 'Khóa dự phòng có ký tự gõ sai (nhóm kiểm tra không khớp).', en: 'The backup key has a mistyped character (the check group does not match).' },
  'backup.noDbKey': {
    vi: 'Máy này chưa có khóa mã hóa cơ sở dữ liệu (chưa có cơ sở dữ liệu).',
    en: 'This PC has no database encryption key yet (there is no database yet).',
  },
  'backup.noAuditKey': {
    vi: 'Máy này chưa có khóa nhật ký kiểm toán: chạy một lệnh bất kỳ rồi xuất lại.',
    en: 'This PC has no audit log key yet: run any command, then export again.',
  },
  'backup.invalid': { vi: 'Khóa dự phòng không hợp lệ.', en: 'The backup key is not valid.' },
  'backup.noEncryptedDb': {
    vi: 'Không có cơ sở dữ liệu đã mã hóa tại {path} để khôi phục khóa.',
    en: 'There is no encrypted database at {path} to restore the key for.',
  },
  'backup.wrongKey': {
    vi: 'Khóa dự phòng này không mở được cơ sở dữ liệu của máy này: không có gì thay đổi.',
    en: "This backup key does not open this PC's database: nothing was changed.",
  },
  'input.unreadable': { vi: 'Không đọc được tệp {path}.', en: 'File {path} cannot be read.' },
  'input.tooLarge': {
    vi: 'Tệp {path} ({mb} MB) lớn hơn giới hạn {max} MB cho một tệp nhập: hãy chia thành nhiều tệp nhỏ hơn.',
    en: 'File {path} ({mb} MB) is over the {max} MB limit for an input file: split it into smaller files.',
  },
  'input.notRegular': {
    vi: '{path} không phải tệp thông thường (thư mục, thiết bị hoặc FIFO): hãy chỉ ra một tệp JSON.',
    en: '{path} is not a regular file (a folder, device or FIFO): give a JSON file.',
  },
  'input.notUtf8': {
    vi: 'Tệp {path} không phải văn bản UTF-8 hợp lệ: byte {offset} (dòng {line}, giá trị 0x{byte}) sai mã. Hãy lưu lại tệp với mã hóa UTF-8 rồi nhập lại.',
    en: 'File {path} is not valid UTF-8 text: byte {offset} (line {line}, value 0x{byte}) is wrongly encoded. Save the file as UTF-8, then import it again.',
  },
  'input.notJson': { vi: 'Tệp {path} không phải JSON hợp lệ: {error}', en: 'File {path} is not valid JSON: {error}' },
  'address.notJson': {
    vi: 'Tệp {path} không phải JSON hợp lệ. Định dạng: {"nguon": "<văn bản>", "xa": [{"tinhCu", "huyenCu", "xaCu", "loaiXaMoi", "xaMoi", "tinhMoi"}]}.',
    en: 'File {path} is not valid JSON. The format: {"nguon": "<legal text>", "xa": [{"tinhCu", "huyenCu", "xaCu", "loaiXaMoi", "xaMoi", "tinhMoi"}]}.',
  },
  'address.invalid': { vi: 'Tệp địa giới xã không hợp lệ, chưa nhập gì: {problems}.', en: 'The commune boundary file is not valid; nothing was imported: {problems}.' },
  'address.invalidRows': {
    vi: 'Tệp địa giới xã không hợp lệ, chưa nhập gì: {problems}{more}',
    en: 'The commune boundary file is not valid; nothing was imported: {problems}{more}',
  },
  'address.moreProblems': { vi: ' (và {count} lỗi khác)', en: ' (and {count} more problems)' },
  'address.row': { vi: 'Dòng {row}', en: 'Row {row}' },
  'address.rowField': { vi: 'Dòng {row}, {field}', en: 'Row {row}, {field}' },
  'calendar.invalid': { vi: 'Tệp lịch không hợp lệ: {problems}', en: 'The calendar file is not valid: {problems}' },
  'calendar.duplicateDay': { vi: 'Ngày {date} xuất hiện hai lần trong tệp lịch.', en: 'Day {date} appears twice in the calendar file.' },
  'catalog.unknownProcedure': {
    vi: 'Không có thủ tục mã {code} trong danh mục. Hãy cập nhật danh mục TTHC.',
    en: 'No procedure {code} in the catalog. Update the procedure catalog.',
  },
  'catalog.badFile': {
    vi: 'Tệp danh mục phải có dạng {"items": [...]} theo hợp đồng API.',
    en: 'The catalog file must have the form {"items": [...]} of the API contract.',
  },
  'db.dirUncreatable': { vi: 'Không tạo được thư mục dữ liệu {dir}: {error}', en: 'The data folder {dir} cannot be created: {error}' },
  'db.openFailed': { vi: 'Không mở được cơ sở dữ liệu tại {path}: {error}', en: 'The database at {path} cannot be opened: {error}' },
  'db.unreadable': { vi: 'Không đọc được cơ sở dữ liệu {path} ({error}).', en: 'The database {path} cannot be read ({error}).' },
  'secrets.where.keyFile': { vi: 'tệp khóa {path} (chỉ người dùng này đọc được)', en: 'key file {path} (readable by this user only)' },
  'secrets.where.credentialManager': {
    vi: 'Trình quản lý thông tin xác thực của Windows (Credential Manager), mục MotCuaDesk',
    en: 'the Windows Credential Manager, entry MotCuaDesk',
  },
  'secrets.where.keychain': { vi: 'Keychain của macOS, mục MotCuaDesk', en: 'the macOS Keychain, entry MotCuaDesk' },
  'secrets.where.secretService': {
    vi: 'Secret Service của phiên làm việc (GNOME Keyring/KWallet), mục MotCuaDesk',
    en: "the session's Secret Service (GNOME Keyring/KWallet), entry MotCuaDesk",
  },
  'secrets.where.dpapi': {
    vi: 'DPAPI của Windows (gắn với tài khoản người dùng), qua safeStorage của ứng dụng',
    en: "Windows DPAPI (tied to the user account), through the app's safeStorage",
  },
  'secrets.where.safeStorageKeychain': { vi: 'Keychain của macOS, qua safeStorage của ứng dụng', en: "the macOS Keychain, through the app's safeStorage" },
  'secrets.where.safeStorageSession': {
    vi: 'kho khóa của phiên làm việc ({backend}), qua safeStorage của ứng dụng',
    en: "the session's keyring ({backend}), through the app's safeStorage",
  },
  'secrets.where.safeStorageSessionUnknown': {
    vi: 'kho khóa của phiên làm việc (không rõ), qua safeStorage của ứng dụng',
    en: "the session's keyring (unknown), through the app's safeStorage",
  },
  'secrets.keyFileWarning': {
    vi: 'Máy này không có kho khóa của hệ điều hành: khóa bí mật được mã hóa bằng khóa trong {path}. Ai đọc được tệp đó (cùng tài khoản, bản sao lưu) sẽ mở được; đừng sao lưu nó cùng thư mục dữ liệu.',
    en: 'This PC has no operating system keyring: the secret is encrypted with the key in {path}. Whoever can read that file (the same account, a backup) can open it; do not back it up with the data folder.',
  },
  'audit.verdictBad': { vi: 'NHẬT KÝ BỊ THAY ĐỔI: {problem}{where}.', en: 'AUDIT LOG TAMPERED WITH: {problem}{where}.' },
  'audit.verdictRow': { vi: ' (dòng {row})', en: ' (row {row})' },
  'audit.problem.edited': { vi: 'một dòng bị sửa', en: 'a row was edited' },
  'audit.problem.broken': { vi: 'một dòng bị xóa hoặc các dòng bị đảo thứ tự', en: 'a row was deleted or rows were reordered' },
  'audit.problem.truncated': { vi: 'các dòng cuối bị cắt bỏ hoặc viết lại so với mốc đã ghi', en: 'the last rows were cut off or rewritten since the recorded anchor' },
  'audit.problem.keyedFromChanged': { vi: 'điểm bắt đầu chuỗi có khóa bị thay đổi', en: 'the start of the keyed chain was moved' },
  'audit.problem.anchorInvalid': { vi: 'tệp mốc nhật ký có dòng bị sửa hoặc giả mạo', en: 'the anchor file has an edited or forged line' },
  'audit.problem.keyMissing': { vi: 'không đọc được khóa của nhật ký nên không kiểm tra được', en: 'the audit key cannot be read, so the log cannot be checked' },
  'secrets.badKeyFormat': { vi: 'không đúng định dạng khóa', en: 'not in the key format' },
} as const satisfies Record<string, { vi: string; en: string }>;

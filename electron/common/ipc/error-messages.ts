import { ACCOUNT_MESSAGES } from './error-messages-accounts';
import { CLI_MESSAGES } from './error-messages-cli';
import { DESK_MESSAGES } from './error-messages-desk';
import { FIELD_MESSAGES } from './error-messages-fields';
import { FILE_MESSAGES } from './error-messages-files';
import { NET_MESSAGES } from './error-messages-net';
import { SIGNING_MESSAGES } from './error-messages-signing';
import { SYS_MESSAGES } from './error-messages-sys';

/**
 * User-facing failures as keys with parameters, worded here once per language. Services throw
 * `failure(code, key, params)`; the message travels in Vietnamese (logs, old callers) and the
 * renderer and CLI re-word it from the key in the officer's language.
 */
export const ERROR_MESSAGES = {
  'auth.signInRequired': { vi: 'Cần đăng nhập để dùng chức năng này.', en: 'Sign in to use this function.' },
  'auth.roleMissing': {
    vi: 'Tài khoản của bạn không có vai trò {role} ({roleName}) cần cho chức năng này.',
    en: 'Your account lacks the {role} role this function needs.',
  },
  'auth.noRule': { vi: 'Lệnh "{command}" chưa có quy định quyền: không được chạy.', en: 'Command "{command}" has no access rule, so it does not run.' },
  'auth.cliSignIn': {
    vi: 'Lệnh "{command}" cần đăng nhập: đặt MOTCUA_OFFICER và MOTCUA_PASSWORD (hoặc chạy trong cửa sổ dòng lệnh để nhập).',
    en: 'Command "{command}" needs sign-in: set MOTCUA_OFFICER and MOTCUA_PASSWORD (or run it in a terminal to be asked).',
  },
  'auth.firstAdminOnline': {
    vi: 'Máy này đã cấu hình máy chủ tỉnh: quản trị viên đầu tiên đăng nhập bằng tài khoản do tỉnh cấp (MOTCUA_OFFICER và MOTCUA_PASSWORD), không tạo tài khoản trên máy.',
    en: 'This PC is connected to the provincial server: the first administrator signs in with an account the province issued (MOTCUA_OFFICER and MOTCUA_PASSWORD); no account is created on this PC.',
  },
  'auth.idleLocked': {
    vi: 'Phiên làm việc đã tự khóa sau {minutes} phút không thao tác: đăng nhập lại để tiếp tục.',
    en: 'The session locked itself after {minutes} minutes without activity: sign in again to continue.',
  },
  'api.badUrl': {
    vi: 'Địa chỉ máy chủ tỉnh không hợp lệ hoặc không dùng https (http chỉ dành cho máy chủ trên chính máy này): {url}',
    en: 'The provincial server address is invalid or does not use https (plain http only for a server on this PC): {url}',
  },
  'api.firstRunClosed': {
    vi: 'Máy này đã có tài khoản cán bộ: chỉ quản trị viên đã đăng nhập mới đổi được kết nối máy chủ tỉnh (Cài đặt → Máy chủ tỉnh).',
    en: 'This PC already has officer accounts: only a signed-in administrator may change the provincial server (Settings → Provincial server).',
  },
  'ipc.badSender': { vi: 'Yêu cầu bị từ chối: không đến từ cửa sổ của ứng dụng.', en: "Request refused: it did not come from the app's window." },
  'ipc.unknownChannel': { vi: 'Kênh không tồn tại: {channel}', en: 'No such channel: {channel}' },
  'ipc.invalidInput': { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The data sent is not valid.' },
  'ipc.wrongWindow': { vi: 'Yêu cầu bị từ chối: cửa sổ này không được dùng chức năng đó.', en: 'Request refused: this window may not use that function.' },
  'display.nothingToRate': { vi: 'Chưa có hồ sơ nào chờ công dân đánh giá.', en: 'No dossier is waiting for the citizen\'s rating.' },
  'display.alreadyRated': { vi: 'Hồ sơ {code} đã được công dân đánh giá; chỉ đổi được trong 2 phút đầu.', en: 'Dossier {code} has already been rated; a rating can only be changed within 2 minutes.' },
  'display.notFound': { vi: 'Không tìm thấy hồ sơ {code} để hiển thị cho công dân.', en: 'Dossier {code} was not found to show the citizen.' },
  'ipc.invalidOutput': { vi: 'Lỗi nội bộ: kết quả không đúng hợp đồng IPC.', en: 'Internal error: a result outside the IPC contract.' },
  internal: {
    vi: 'Lỗi nội bộ của ứng dụng. Vui lòng thử lại hoặc báo bộ phận kỹ thuật.',
    en: 'Internal application error. Please try again or tell technical support.',
  },
  'unit.notConfigured': {
    vi: 'Chưa cấu hình đơn vị và quầy cho máy này (Cài đặt, hoặc motcua unit set).',
    en: 'This PC has no unit and counter yet (Settings, or motcua unit set).',
  },
  'db.keyWrong': {
    vi: 'Tệp {path} không mở được bằng khóa mã hóa của máy này: hoặc đó là cơ sở dữ liệu của máy khác (thư mục dữ liệu chép sang), hoặc tệp đã bị hỏng. Đừng tiếp tục dùng tệp này: khôi phục từ bản sao lưu gần nhất, hoặc xem mục "Mất khóa mã hóa" trong hướng dẫn.',
    en: 'File {path} does not open with this PC\'s encryption key: either it is another PC\'s database (a copied data folder) or the file is damaged. Stop using it: restore the latest backup, or see "Lost encryption key" in the guide.',
  },
  'db.keyNeeded': {
    vi: 'Cơ sở dữ liệu {path} đã được mã hóa nhưng không có khóa để mở: tệp không đọc được nếu thiếu khóa của máy này.',
    en: 'Database {path} is encrypted and no key was given to open it: it cannot be read without this PC\'s key.',
  },
  'db.keyMissing': {
    vi: 'Cơ sở dữ liệu {path} được mã hóa, nhưng khóa mở nó không có trên máy này ({where}). Có thể thư mục dữ liệu được chép từ máy khác hoặc kho khóa đã bị xóa. Dữ liệu không đọc được nếu thiếu khóa: khôi phục khóa từ bản sao khóa dự phòng (motcua db key-import) hoặc lấy lại hồ sơ từ máy chủ tỉnh.',
    en: 'Database {path} is encrypted but its key is not on this PC ({where}). The data folder may have been copied from another PC, or the key store emptied. It cannot be read without the key: restore the key from the backup copy (motcua db key-import) or recover the dossiers from the provincial server.',
  },
  'db.keyUnreadable': {
    vi: 'Không mở được khóa mã hóa cơ sở dữ liệu từ {where}: {reason}',
    en: 'The database encryption key could not be opened from {where}: {reason}',
  },
  'dossier.notFound': { vi: 'Không có hồ sơ mã {code}.', en: 'No dossier with code {code}.' },
  'intake.staleSync': {
    vi: 'Đã {hours} giờ chưa đồng bộ được, {pending} hồ sơ đang chờ gửi. Cần cán bộ giám sát cho phép để tiếp nhận tiếp.',
    en: 'No sync for {hours} hours and {pending} dossiers waiting to be sent. A supervisor must permit further intake.',
  },
  'intake.overrideReason': { vi: 'Ghi lý do cho phép (ít nhất 5 ký tự).', en: 'Give a reason for the permission (at least 5 characters).' },
  'intake.overrideSamePerson': {
    vi: 'Người cho phép phải là một giám sát khác, không phải cán bộ đang tiếp nhận.',
    en: 'The permission must come from another person, a supervisor, not the officer receiving.',
  },
  'intake.overrideNotSupervisor': { vi: 'Tài khoản {username} không có vai trò giám sát.', en: 'Account {username} is not a supervisor.' },
  'intake.future': { vi: 'Thời gian tiếp nhận không được ở tương lai.', en: 'The receipt time cannot be in the future.' },
  'intake.backdate': {
    vi: 'Thời gian tiếp nhận trong quá khứ chỉ dùng khi chuyển dữ liệu (--allow-backdate), và được ghi nhật ký.',
    en: 'A past receipt time is for data migration only (--allow-backdate), and is logged.',
  },
  'intake.noReason': { vi: 'Phải ghi ít nhất một lý do / nội dung cần bổ sung.', en: 'Write at least one reason or missing item.' },
  'intake.noApplicant': { vi: 'Chưa nhập tên người nộp hồ sơ.', en: "The applicant's name is missing." },
  'report.backwards': { vi: 'Ngày kết thúc không được trước ngày bắt đầu.', en: 'The end date cannot be before the start date.' },
  'report.badPage': { vi: 'Trang sổ theo dõi không hợp lệ: vị trí từ 0, mỗi trang từ 1 đến {max} dòng.', en: 'Not a valid log page: the offset starts at 0, a page holds 1 to {max} rows.' },
  'report.logTooLong': {
    vi: 'Khoảng {days} ngày quá dài để xuất sổ theo dõi (Mẫu 07) ra CSV (tối đa {max} ngày): hãy xuất từng tháng, hoặc xuất PDF/XLSX để có bảng tổng hợp.',
    en: 'A {days}-day period is too long for a CSV of the Mẫu 07 log (at most {max} days): export it month by month, or as PDF/XLSX for the summary.',
  },
  'report.needsNotes': {
    vi: 'Ngày {date} có {count} việc cần xem xét (hủy phiếu, in lại, cho phép vượt): ghi nhận xét trước khi chốt ngày.',
    en: '{date} has {count} items to review (voids, reprints, overrides): write a note before closing the day.',
  },
  'audit.keyUnavailable': {
    vi: 'Không mở được khóa của nhật ký kiểm toán (lưu trong {where}): không ghi được thay đổi nào cho đến khi khóa đọc được. Báo bộ phận kỹ thuật.',
    en: 'The audit log key (kept in {where}) cannot be opened: no change can be saved until it can be read. Tell technical support.',
  },
  'audit.tampered': {
    vi: 'Nhật ký kiểm toán bị thay đổi: {verdict}',
    en: 'The audit log was tampered with: {verdict}',
  },
  'form.unknown': { vi: 'Không có mẫu "{mau}": chọn một trong 01, 02, 03, 04, 05, 06, 07.', en: 'No form "{mau}": choose one of 01, 02, 03, 04, 05, 06, 07.' },
  'form.noTurnBack': {
    vi: 'Hồ sơ {code} chưa có Mẫu {mau} nào (phiếu lập cho cùng người nộp, cùng thủ tục).',
    en: 'Dossier {code} has no Form {mau} (issued to the same applicant for the same procedure).',
  },
  'form.needsReasonAndDate': {
    vi: 'Mẫu 04 cần lý do chậm trễ (ít nhất 5 ký tự) và ngày hẹn trả mới.',
    en: 'Form 04 needs the reason for the delay (at least 5 characters) and the new appointment date.',
  },
  'form.newDateInPast': { vi: 'Ngày hẹn trả mới không được trước hôm nay.', en: 'The new appointment date cannot be before today.' },
  'integrity.officerTampered': {
    vi: 'Hồ sơ tài khoản {officer} trên máy này đã bị sửa bên ngoài ứng dụng (không còn khớp chữ ký toàn vẹn), nên không được dùng để đăng nhập hay phân quyền. Báo quản trị viên: khôi phục cơ sở dữ liệu từ bản sao lưu, hoặc ngừng tài khoản này rồi cấp lại.',
    en: 'The account record {officer} on this PC was changed outside the app (its integrity seal no longer matches), so it is not used for sign-in or roles. Tell the administrator: restore the database from a backup, or deactivate this account and issue it again.',
  },
  'integrity.settingTampered': {
    vi: 'Cài đặt "{key}" đã bị sửa bên ngoài ứng dụng (không còn khớp chữ ký toàn vẹn), nên không được dùng. Quản trị viên đặt lại cài đặt này trong ứng dụng (Cài đặt) hoặc bằng lệnh motcua.',
    en: 'Setting "{key}" was changed outside the app (its integrity seal no longer matches), so it is not used. An administrator sets it again in the app (Settings) or with the motcua command.',
  },
  'outbox.nothingRejected': { vi: 'Hồ sơ {code} không có mục bị trả lại.', en: 'Dossier {code} has nothing rejected.' },
  'officer.notFound': { vi: 'Không có cán bộ mã {officerId} trên máy này.', en: 'No officer with id {officerId} on this PC.' },
  'officer.badRoles': {
    vi: 'Vai trò phải là officer, supervisor hoặc admin{unknown}.',
    en: 'Roles must be officer, supervisor or admin{unknown}.',
  },
  'officer.lastAdminRole': {
    vi: 'Đây là quản trị viên cuối cùng còn hoạt động trên máy này: không bỏ vai trò quản trị được.',
    en: 'This is the last active administrator on this PC: the administrator role cannot be removed.',
  },
  // Issue #16: the failures an officer meets most at intake, signing, returns and reports, worded per language.
  'intake.seqExhausted': { vi: 'Số thứ tự hồ sơ trong ngày vượt quá 9999.', en: "The day's dossier sequence number went past 9999." },
  'intake.docNotInProcedure': { vi: 'Thành phần hồ sơ {code} không thuộc thủ tục {procedure}.', en: 'Document {code} does not belong to procedure {procedure}.' },
  'intake.feeNotInProcedure': { vi: 'Khoản phí {code} không thuộc thủ tục {procedure}.', en: 'Fee {code} does not belong to procedure {procedure}.' },
  'intake.feeAmount': { vi: 'Số tiền của khoản phí {code} không hợp lệ.', en: 'The amount of fee {code} is not valid.' },
  'intake.attachmentDocUnknown': {
    vi: 'Tệp đính kèm {file} gắn với thành phần {doc} không có trong thủ tục.',
    en: 'Attachment {file} is linked to document {doc}, which is not in the procedure.',
  },
  'intake.attachmentNotFound': { vi: 'Không có tệp đính kèm số {id}.', en: 'No attachment number {id}.' },
  'attachments.gone': { vi: 'Tệp đính kèm không còn trong danh sách; hãy chọn lại tệp.', en: 'The attachment is no longer in the list; choose the file again.' },
  'attachments.goneShort': { vi: 'Tệp đính kèm không còn trong danh sách.', en: 'The attachment is no longer in the list.' },
  'attachments.tooLargeToPreview': { vi: 'Tệp quá lớn để xem trước.', en: 'The file is too large to preview.' },
  'attachments.scanFolderUnreadable': { vi: 'Không đọc được thư mục máy quét {dir}.', en: 'The scanner folder {dir} cannot be read.' },
  'attachments.noScanFolder': {
    vi: 'Chưa cấu hình thư mục máy quét tài liệu (Cài đặt → Thiết bị).',
    en: 'No document scanner folder is set (Settings → Devices).',
  },
  'void.reasonShort': { vi: 'Ghi lý do hủy phiếu (ít nhất 5 ký tự).', en: 'Give a reason for voiding the receipt (at least 5 characters).' },
  'void.notHere': { vi: 'Không có hồ sơ {code} tại quầy này.', en: 'No dossier {code} at this counter.' },
  'void.already': { vi: 'Phiếu của hồ sơ {code} đã bị hủy lúc {at}.', en: 'The receipt of dossier {code} was already voided at {at}.' },
  'void.otherCounter': {
    vi: 'Hồ sơ {code} do quầy {counter} tiếp nhận: chỉ quầy đó được hủy phiếu.',
    en: 'Dossier {code} was received at counter {counter}: only that counter may void its receipt.',
  },
  'void.pastDay': {
    vi: 'Chỉ hủy được phiếu trong ngày tiếp nhận ({day}). Hồ sơ đã qua ngày: làm thủ tục rút hồ sơ.',
    en: 'A receipt can be voided only on the day it was received ({day}). For an older dossier, use the withdrawal procedure.',
  },
  'void.processed': {
    vi: 'Hồ sơ {code} đã được xử lý (trạng thái {status}): không hủy phiếu được.',
    en: 'Dossier {code} is already being processed (status {status}): its receipt cannot be voided.',
  },
  'returns.badCode': { vi: '"{code}" không phải mã hồ sơ (dạng <mã đơn vị>-YYMMDD-XXXX).', en: '"{code}" is not a dossier code (<unit code>-YYMMDD-XXXX).' },
  'returns.notHere': {
    vi: 'Không có hồ sơ mã {code} tại quầy này (có thể chưa đồng bộ về).',
    en: 'No dossier {code} at this counter (it may not have synced here yet).',
  },
  'returns.notPdf': { vi: 'Văn bản kết quả phải là PDF.', en: 'The result document must be a PDF.' },
  'returns.resultNotFound': {
    vi: 'Văn bản kết quả số {id} không thuộc hồ sơ {code} hoặc đã ký.',
    en: 'Result document {id} does not belong to dossier {code}, or is already signed.',
  },
  'returns.resultUnreadable': {
    vi: 'Văn bản kết quả số {id} trong máy đã hỏng, bị sửa hoặc bị xóa: hãy nhập lại tệp kết quả rồi ký.',
    en: 'Result document {id} on this PC is damaged, changed or deleted: import the result file again, then sign.',
  },
  'returns.noReceiver': { vi: 'Ghi tên người nhận kết quả.', en: 'Write the name of the person receiving the result.' },
  'returns.idNotChecked': {
    vi: 'Phải kiểm tra giấy tờ tùy thân của người nhận trước khi trả kết quả.',
    en: "Check the receiver's identity papers before handing over the result.",
  },
  'report.badFileName': { vi: 'Tên tệp báo cáo không hợp lệ.', en: 'The report file name is not valid.' },
  'signing.onlyPdf': { vi: 'Chỉ ký được tệp PDF: {file}.', en: 'Only PDF files can be signed: {file}.' },
  'signing.certNotFound': { vi: 'Không có chứng thư số mã {certId} trên token.', en: 'No certificate {certId} on the token.' },
  'signing.noValidCert': { vi: 'Token không có chứng thư số còn hiệu lực để ký.', en: 'The token has no certificate valid for signing now.' },
  'signing.manyCerts': { vi: 'Token có {count} chứng thư số: chọn một (--cert <mã>).', en: 'The token has {count} certificates: choose one (--cert <id>).' },
  'signing.sameOutput': { vi: 'Tệp kết quả phải khác tệp gốc (không ghi đè tệp gốc).', en: 'The signed file must differ from the original (the original is never overwritten).' },
  'document.missing': { vi: 'Không tìm thấy tệp {file} trong thư mục dữ liệu: hãy in (tạo) lại giấy tờ này.', en: 'File {file} is not in the data folder: print (create) this document again.' },
  'document.unreadable': {
    vi: 'Không mở được tệp {file}: tệp đã bị cắt, bị sửa hoặc không được niêm phong bằng khóa của máy này. Hãy in (tạo) lại giấy tờ này.',
    en: "File {file} cannot be opened: it was cut, changed or not sealed with this PC's key. Print (create) this document again.",
  },
  'print.gone': { vi: 'Bản in này không còn sẵn sàng: hãy bấm In lại.', en: 'This print is no longer available: press Print again.' },
  'print.tooLarge': { vi: 'Tệp {file} quá lớn để in từ ứng dụng.', en: 'File {file} is too large to print from the app.' },
  'signing.unreadable': { vi: 'Không đọc được tệp {file}.', en: 'File {file} cannot be read.' },
  'signing.noModule': {
    vi: 'Chưa có thư viện PKCS#11 của token: cài trình điều khiển của nhà cung cấp hoặc chọn trong Cài đặt → Thiết bị ký số.',
    en: "No PKCS#11 library for the token: install the supplier's driver or choose it in Settings → Signing devices.",
  },
  'signing.outputUnwritable': {
    vi: 'Không tạo được thư mục lưu tệp đã ký {dir}: chọn thư mục khác (Ký số → Chọn thư mục).',
    en: 'The signed-files folder {dir} cannot be created: choose another folder (Digital signing → Choose folder).',
  },
  'signing.outputNotAbsolute': { vi: 'Thư mục lưu tệp đã ký phải là đường dẫn đầy đủ.', en: 'The signed-files folder must be a full path.' },
  'pdf.unreadable': { vi: 'Tệp PDF bị hỏng, không đọc được nội dung.', en: 'The PDF file is damaged and cannot be read.' },
  'pdf.encrypted': { vi: 'Tệp PDF đã được mã hóa (có mật khẩu): không ký được.', en: 'The PDF file is encrypted (password-protected): it cannot be signed.' },
  'pdf.notPdf': { vi: 'Tệp không phải PDF.', en: 'The file is not a PDF.' },
  'pdf.noPages': { vi: 'Tệp PDF không có trang nào.', en: 'The PDF file has no pages.' },
  ...SIGNING_MESSAGES,
  ...FIELD_MESSAGES,
  ...ACCOUNT_MESSAGES,
  ...FILE_MESSAGES,
  ...DESK_MESSAGES,
  ...CLI_MESSAGES,
  ...NET_MESSAGES,
  ...SYS_MESSAGES,
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorKey = keyof typeof ERROR_MESSAGES;
/**
 * A parameter is plain text or a number, or itself a keyed wording (a QR code's reason inside
 * "the ID card QR code cannot be read: …"), worded in the same language as the message around it.
 */
export interface KeyedText {
  readonly key: ErrorKey;
  readonly params?: ErrorParams;
}
export type ErrorParam = string | number | KeyedText;
export type ErrorParams = Readonly<Record<string, ErrorParam>>;

export function isErrorKey(k: string): k is ErrorKey {
  return Object.hasOwn(ERROR_MESSAGES, k);
}

const paramText = (v: ErrorParam, locale: 'vi' | 'en'): string =>
  typeof v === 'object' ? (isErrorKey(v.key) ? formatError(v.key, v.params, locale) : '') : String(v);

/** `{name}` placeholders filled from params; a missing one stays visible rather than silently empty. */
export function formatError(key: ErrorKey, params: ErrorParams | undefined, locale: 'vi' | 'en'): string {
  return ERROR_MESSAGES[key][locale].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? paramText(params[name]!, locale) : m));
}

/**
 * The signing side's failures and warnings (certificate checks, time-stamping, trust anchors, the
 * token's PIN) and the intake import's, worded per language; spread into ERROR_MESSAGES so one
 * catalog (and one test) covers every key.
 */
export const SIGNING_MESSAGES = {
  'signing.clockWrong': {
    vi: 'Đồng hồ máy tính sai (năm trước 2025): chỉnh lại giờ trước khi ký.',
    en: "The PC's clock is wrong (a year before 2025): set the time before signing.",
  },
  'signing.certNotYetValid': { vi: 'Chứng thư số chưa có hiệu lực (từ {from}).', en: 'The certificate is not valid yet (from {from}).' },
  'signing.certExpired': { vi: 'Chứng thư số đã hết hạn ngày {date}.', en: 'The certificate expired on {date}.' },
  'signing.certKeyUsage': {
    vi: 'Chứng thư số không được phép dùng để ký văn bản (keyUsage).',
    en: 'The certificate may not be used to sign documents (keyUsage).',
  },
  'signing.certUntrusted': {
    vi: 'Chứng thư số không thuộc tổ chức cung cấp dịch vụ tin cậy đã cấu hình.',
    en: 'The certificate was not issued by a configured trusted certification authority.',
  },
  'trust.dirUnreadable': { vi: 'Không đọc được thư mục chứng thư gốc tin cậy {dir}.', en: 'The trusted root certificate folder {dir} cannot be read.' },
  'trust.dirEmpty': {
    vi: 'Thư mục chứng thư gốc tin cậy {dir} không có chứng thư nào (.pem, .crt, .cer, .der).',
    en: 'The trusted root certificate folder {dir} holds no certificate (.pem, .crt, .cer, .der).',
  },
  'tsa.timeout': { vi: 'Máy chủ dấu thời gian {url} không trả lời kịp.', en: 'The time-stamp server {url} did not answer in time.' },
  'tsa.unreachable': { vi: 'Không kết nối được máy chủ dấu thời gian {url}.', en: 'The time-stamp server {url} cannot be reached.' },
  'tsa.httpError': { vi: 'Máy chủ dấu thời gian trả lỗi HTTP {status}.', en: 'The time-stamp server answered with HTTP error {status}.' },
  'tsa.unreadable': { vi: 'Máy chủ dấu thời gian trả về dữ liệu không đọc được.', en: 'The time-stamp server sent an answer that cannot be read.' },
  'tsa.refused': { vi: 'Máy chủ dấu thời gian từ chối (trạng thái {status}).', en: 'The time-stamp server refused (status {status}).' },
  'tsa.noToken': { vi: 'Máy chủ dấu thời gian không trả về dấu thời gian.', en: 'The time-stamp server returned no time stamp.' },
  'tsa.mismatch': { vi: 'Dấu thời gian không khớp chữ ký (máy chủ trả sai).', en: 'The time stamp does not match the signature (a wrong answer from the server).' },
  'token.pinCountLow': { vi: 'Trước đó đã có lần nhập sai PIN: hãy nhập cẩn thận.', en: 'A wrong PIN was entered before: type it carefully.' },
  'token.pinIncorrect': { vi: 'Mã PIN không đúng.', en: 'The PIN is wrong.' },
  'token.pinIncorrectLow': { vi: 'Mã PIN không đúng. Số lần thử còn lại ít.', en: 'The PIN is wrong. Few tries are left.' },
  'token.pinIncorrectFinalTry': {
    vi: 'Mã PIN không đúng. Chỉ còn một lần thử: nhập sai nữa token sẽ bị khóa.',
    en: 'The PIN is wrong. One try is left: another wrong PIN locks the token.',
  },
  'token.pinIncorrectLocked': {
    vi: 'Mã PIN không đúng. Token đã bị khóa: dùng công cụ của nhà cung cấp để mở khóa.',
    en: "The PIN is wrong. The token is now locked: unlock it with the supplier's tool.",
  },
  'token.pinLocked': {
    vi: 'Token đã bị khóa PIN. Dùng công cụ của nhà cung cấp chứng thư số để mở khóa.',
    en: "The token's PIN is locked. Unlock it with the certificate supplier's tool.",
  },
  'token.pinFinalTry': {
    vi: 'Chỉ còn MỘT lần nhập PIN: nhập sai token sẽ bị khóa. Xác nhận để tiếp tục.',
    en: 'Only ONE PIN try is left: a wrong PIN locks the token. Confirm to go on.',
  },
  // Why a token library did not load, inside token.moduleLoad's "{reason}" (the loader's own words follow as a detail).
  'token.whyNoFile': { vi: 'không có tệp này', en: 'the file does not exist' },
  'token.whyNeedsLibrary': { vi: 'thiếu thư viện {library} mà nó cần', en: 'a library it needs, {library}, is missing' },
  'token.whyFileOrDll': { vi: 'không tìm thấy tệp này hoặc một DLL mà nó cần', en: 'the file, or a DLL it needs, was not found' },
  'token.whyNotPkcs11': { vi: 'đây không phải thư viện PKCS#11', en: 'it is not a PKCS#11 library' },
  'token.whyWrongArch': {
    vi: 'thư viện được dựng cho kiến trúc khác với ứng dụng (32-bit hay 64-bit, x86 hay ARM)',
    en: 'it is built for another architecture than the app (32- or 64-bit, x86 or ARM)',
  },
  'token.whyInitFailed': { vi: 'thư viện báo lỗi khi khởi tạo ({ckr})', en: 'the library failed to initialise ({ckr})' },
  'token.whyNoAnswer': { vi: 'không trả lời sau {seconds} giây', en: 'no answer after {seconds} seconds' },
  'token.whyProbeStopped': { vi: 'tiến trình kiểm tra dừng ({signal})', en: 'the checking process stopped ({signal})' },
  'token.whyProbeUnreadable': { vi: 'không đọc được kết quả kiểm tra', en: 'the check gave no result that could be read' },
  'intake.missingDocuments': {
    vi: 'Thiếu thành phần hồ sơ bắt buộc: {documents}. Nếu công dân chưa đủ giấy tờ, hãy lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02).',
    en: 'Required documents are missing: {documents}. If the citizen lacks papers, issue the request to complete the dossier (Form 02).',
  },
  'intake.noPostalAddress': {
    vi: 'Chưa có địa chỉ nhận kết quả qua bưu chính: nhập địa chỉ nhận (DiaChiNhanKetQua) hoặc địa chỉ người nộp.',
    en: 'No address to post the result to: enter the delivery address (DiaChiNhanKetQua) or the applicant\'s address.',
  },
  'import.invalid': {
    vi: 'Hồ sơ chưa hợp lệ ở {count} chỗ ({fields}): {problems}',
    en: 'The dossier is not valid in {count} places ({fields}): {problems}',
  },
  'import.badCccd': { vi: 'Mã QR căn cước không đọc được: {reason}', en: 'The ID card QR code cannot be read: {reason}' },
  'import.badTime': {
    vi: 'NgayTiepNhan "{value}" không hợp lệ (yyyyMMddHHmmss hoặc RFC 3339).',
    en: 'NgayTiepNhan "{value}" is not valid (yyyyMMddHHmmss or RFC 3339).',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

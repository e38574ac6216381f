/**
 * Why a call to the provincial server did not go through, and what the pulls and the staleness
 * guard report: shown in the sync panel's queue and `motcua sync`. The Vietnamese stays exactly as
 * the engine has always written it, since outbox rows and sync reports hold it as text.
 */
export const NET_MESSAGES = {
  'net.timeout': { vi: 'hết thời gian chờ', en: 'timed out' },
  'net.connectionLost': { vi: 'mất kết nối', en: 'connection lost' },
  'net.answerLost': { vi: 'mất kết nối khi đọc trả lời', en: 'connection lost while reading the answer' },
  'net.answerTooLarge': { vi: 'trả lời quá lớn', en: 'answer too large' },
  'net.redirected': {
    vi: 'Máy chủ tỉnh trả lời bằng một lệnh chuyển hướng: ứng dụng không đi theo, để mật khẩu và khóa thiết bị không bị gửi tới nơi khác. Báo bộ phận kỹ thuật kiểm tra địa chỉ máy chủ.',
    en: 'The provincial server answered with a redirect: the app does not follow it, so that passwords and the device key are not sent elsewhere. Ask technical staff to check the server address.',
  },
  'net.answerOverLimit': {
    vi: 'Máy chủ tỉnh trả lời quá lớn so với giới hạn: đã ngắt để bảo vệ máy.',
    en: "The provincial server's answer was over the size limit: the connection was dropped to protect this PC.",
  },
  'net.credentialsRefused': {
    vi: 'Máy chủ tỉnh từ chối thông tin thiết bị (client_id/client_secret).',
    en: 'The provincial server refused the device credentials (client_id/client_secret).',
  },
  'net.sessionRefused': { vi: 'Máy chủ tỉnh từ chối phiên làm việc sau khi đã làm mới.', en: 'The provincial server refused the session even after it was renewed.' },
  'net.malformedAnswer': { vi: 'Máy chủ tỉnh trả lời sai định dạng.', en: 'The provincial server answered in the wrong format.' },
  'net.resultUrlInvalid': { vi: 'Đường dẫn tệp kết quả không hợp lệ.', en: 'The result file address is not valid.' },
  'net.resultElsewhere': { vi: 'Tệp kết quả không nằm trên máy chủ tỉnh: từ chối tải.', en: 'The result file is not on the provincial server: download refused.' },
  'net.resultTruncated': { vi: 'tệp tải về bị thiếu', en: 'the downloaded file is incomplete' },
  'net.resultTooLarge': { vi: 'Tệp kết quả quá lớn so với giới hạn: đã ngừng tải.', en: 'The result file is over the size limit: download stopped.' },
  'net.uploadElsewhere': {
    vi: 'Máy chủ tỉnh chỉ nơi tải tệp lên ở một địa chỉ khác: từ chối gửi tệp.',
    en: 'The provincial server pointed the upload to another address: the file was not sent.',
  },
  'net.uploadGone': { vi: 'Phiên tải lên đã hết hạn trên máy chủ.', en: 'The upload session expired on the server.' },
  'net.badUploadOffset': { vi: 'tus: Upload-Offset không hợp lệ', en: 'tus: invalid Upload-Offset' },
  'net.noUploadLocation': { vi: 'tus: thiếu Location', en: 'tus: no Location' },
  'net.tus': { vi: 'tus: {reason}', en: 'upload (tus): {reason}' },
  'net.fileShorter': { vi: 'tệp ngắn hơn kích thước đã ghi', en: 'the file is shorter than its recorded size' },
  'net.serverBusy': { vi: 'máy chủ tỉnh đang bận (HTTP {status})', en: 'the provincial server is busy (HTTP {status})' },
  'net.serverError': { vi: 'máy chủ tỉnh trả lỗi HTTP {status}', en: 'the provincial server answered with HTTP error {status}' },
  'net.serverRefusedStatus': { vi: 'máy chủ tỉnh từ chối yêu cầu (HTTP {status})', en: 'the provincial server refused the request (HTTP {status})' },
  'net.noSession': { vi: 'chưa có phiên làm việc với máy chủ tỉnh', en: 'no session with the provincial server yet' },
  'net.sessionStatus': { vi: 'máy chủ tỉnh chưa cấp phiên làm việc (HTTP {status})', en: 'the provincial server did not grant a session (HTTP {status})' },
  'net.uploadStatus': { vi: 'tus: máy chủ trả lỗi HTTP {status}', en: 'upload (tus): the server answered with HTTP error {status}' },
  'net.uploadChecksum': { vi: 'tus: máy chủ thấy mã kiểm tra của một phần tệp không khớp (460)', en: "upload (tus): the server found a chunk's checksum wrong (460)" },
  'net.notOnServerYet': { vi: 'hồ sơ chưa có trên máy chủ', en: 'the dossier is not on the server yet' },
  'net.syncLockLost': { vi: 'mất khóa đồng bộ', en: 'lost the sync lock' },
  'net.couldNotConnect': { vi: 'không kết nối được ({detail})', en: 'could not connect ({detail})' },
  'net.sessionReason': { vi: 'xin phiên làm việc: {reason}', en: 'asking for a session: {reason}' },
  'net.itemReason': { vi: '{code}: {reason}', en: 'Dossier {code}: {reason}' },
  'setup.noServerTime': { vi: 'máy chủ không gửi giờ (thiếu tiêu đề Date)', en: 'the server sent no time (no Date header)' },
  'pull.noUnit': { vi: 'chưa cấu hình đơn vị', en: 'no unit configured' },
  'pull.unit': { vi: 'đơn vị: {reason}', en: 'unit: {reason}' },
  'pull.catalog': { vi: 'danh mục: {reason}', en: 'catalog: {reason}' },
  'pull.catalogSkipped': { vi: 'danh mục: bỏ qua {count} thủ tục sai định dạng', en: 'catalog: skipped {count} malformed procedures' },
  'pull.calendar': { vi: 'lịch {year}: {reason}', en: 'calendar {year}: {reason}' },
  'pull.lease': { vi: 'thuê số: {reason}', en: 'number lease: {reason}' },
  'pull.leaseInvalid': { vi: 'thuê số: máy chủ trả dải số không hợp lệ', en: 'number lease: the server sent an invalid range' },
  'pull.changes': { vi: 'thay đổi: {reason}', en: 'changes: {reason}' },
  'pull.changeSkipped': { vi: 'thay đổi: bỏ qua một mục sai định dạng', en: 'changes: skipped a malformed entry' },
  'pull.resultFailed': { vi: '{code}: tải kết quả thất bại ({reason})', en: '{code}: result download failed ({reason})' },
  'pull.resultNotPdf': { vi: '{code}: tệp kết quả không phải PDF, bỏ qua', en: '{code}: the result file is not a PDF, skipped' },
  'sync.staleBlock': {
    vi: 'Đã {hours} giờ chưa đồng bộ được, {pending} hồ sơ đang chờ gửi. Cần cán bộ giám sát cho phép để tiếp nhận tiếp.',
    en: 'No sync for {hours} hours, {pending} dossiers waiting to be sent. A supervisor must permit further intake.',
  },
  'sync.staleWarn': {
    vi: 'Cảnh báo: đã {hours} giờ chưa đồng bộ, {pending} hồ sơ chờ gửi. Kiểm tra kết nối mạng.',
    en: 'Warning: no sync for {hours} hours, {pending} dossiers waiting to be sent. Check the network connection.',
  },
  // A file import's findings, chained (each names the next): {sep} is what stood between them ('; ' or ' ').
  'import.rowFinding': { vi: '{sep}Dòng {row}: {reason}{next}', en: '{sep}Row {row}: {reason}{next}' },
  'import.rowFieldFinding': { vi: '{sep}Dòng {row}, {field}: {reason}{next}', en: '{sep}Row {row}, {field}: {reason}{next}' },
  'import.pathFinding': { vi: '{sep}{path}: {reason}{next}', en: '{sep}in {path}: {reason}{next}' },
  'import.fileFinding': { vi: '{sep}{reason}{next}', en: '{sep}the file: {reason}{next}' },
  'calendar.dayFinding': { vi: '{sep}days.{index}.{field}: {reason}{next}', en: '{sep}in days.{index}.{field}: {reason}{next}' },
  'calendar.dayNotInYear': { vi: 'Ngày {date} không thuộc năm {year}.', en: 'Day {date} is not in year {year}.' },
  'calendar.dayMissing': { vi: 'Ngày {date} không tồn tại.', en: 'Day {date} does not exist.' },
  'address.notOldProvince': { vi: '"{name}" không phải một trong 63 tỉnh, thành phố trước ngày 01/7/2025.', en: '"{name}" is not one of the 63 provinces and cities before 1 July 2025.' },
  'address.notNewProvince': { vi: '"{name}" không phải một trong 34 tỉnh, thành phố hiện nay.', en: '"{name}" is not one of the 34 provinces and cities of today.' },
  'address.provinceMoved': { vi: '{oldType} {oldName} nay thuộc {current}, không phải "{given}" ({source}).', en: '{oldName} now belongs to {current}, not "{given}" ({source}).' },
  'address.communeTwice': { vi: 'xã "{commune}", "{district}" đã có ở dòng {before}.', en: 'commune "{commune}", "{district}" is already on row {before}.' },
} as const satisfies Record<string, { vi: string; en: string }>;

/**
 * Keys whose Vietnamese may sit as text in an outbox row written before rows kept their key:
 * readers find the key again from that text (`wordingOfText`).
 */
export const NET_TEXT_KEYS = Object.keys(NET_MESSAGES).filter((k) => k.startsWith('net.') || k.startsWith('pull.')) as Array<keyof typeof NET_MESSAGES>;

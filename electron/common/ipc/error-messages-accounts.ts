/**
 * Officer accounts, sign-in and the idle lock, and the unit's setup (its code, counter and desk,
 * and what the province sends for them); spread into ERROR_MESSAGES.
 */
export const ACCOUNT_MESSAGES = {
  'officer.badUsername': {
    vi: 'Tên đăng nhập 3–40 ký tự: chữ, số, dấu chấm, gạch.',
    en: 'A user name has 3–40 characters: letters, digits, dots, dashes, underscores.',
  },
  'officer.passwordShort': { vi: 'Mật khẩu phải có ít nhất 8 ký tự.', en: 'The password must have at least 8 characters.' },
  'officer.rolesRequired': { vi: 'Vai trò phải là officer, supervisor hoặc admin.', en: 'Roles must be officer, supervisor or admin.' },
  'officer.exists': { vi: 'Đã có cán bộ {username} hoặc mã {officerId}.', en: 'An officer {username} or with id {officerId} already exists.' },
  'officer.selfDeactivate': { vi: 'Không thể tự ngừng tài khoản của chính mình.', en: 'You cannot deactivate your own account.' },
  'officer.lastAdminDeactivate': {
    vi: 'Đây là quản trị viên cuối cùng còn hoạt động trên máy này: không ngừng được.',
    en: 'This is the last active administrator on this PC: the account cannot be deactivated.',
  },
  'officer.provinceManaged': {
    vi: 'Máy này dùng tài khoản của máy chủ tỉnh: đổi mật khẩu trên hệ thống của tỉnh, rồi cán bộ đăng nhập trực tuyến một lần.',
    en: "This PC uses the provincial server's accounts: change the password on the province's system, then the officer signs in online once.",
  },
  'officer.inactive': {
    vi: 'Tài khoản {username} đang bị ngừng: mở lại trước (motcua officer activate).',
    en: 'Account {username} is deactivated: activate it first (motcua officer activate).',
  },
  'auth.wrongCredentials': { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong user name or password.' },
  'auth.lockedUntil': {
    vi: 'Tài khoản đang bị khóa đến {until} do nhập sai nhiều lần.',
    en: 'The account is locked until {until} after too many wrong attempts.',
  },
  'auth.nowLocked': {
    vi: 'Nhập sai {failures} lần: tài khoản bị khóa {minutes} phút.',
    en: '{failures} wrong attempts: the account is locked for {minutes} minutes.',
  },
  'auth.needsOnlineFirst': {
    vi: 'Cán bộ này cần đăng nhập trực tuyến lần đầu trên máy này.',
    en: 'This officer must sign in online the first time on this PC.',
  },
  'auth.onlineRedirect': { vi: 'Không đăng nhập trực tuyến được. {message}', en: 'Online sign-in failed. {message}' },
  'auth.firstNeedsServerSaid': {
    vi: 'Lần đăng nhập đầu tiên trên máy này cần máy chủ tỉnh, nhưng máy chủ trả lời: {message}',
    en: 'The first sign-in on this PC needs the provincial server, but the server answered: {message}',
  },
  'auth.firstNeedsServer': {
    vi: 'Lần đăng nhập đầu tiên trên máy này cần kết nối máy chủ tỉnh.',
    en: 'The first sign-in on this PC needs a connection to the provincial server.',
  },
  'auth.firstNeedsApiSettings': {
    vi: 'Lần đăng nhập đầu tiên trên máy này cần máy chủ tỉnh, nhưng chưa đủ thông tin kết nối (motcua api set, hoặc Cài đặt → Máy chủ tỉnh).',
    en: 'The first sign-in on this PC needs the provincial server, but its connection details are incomplete (motcua api set, or Settings → Provincial server).',
  },
  'auth.deactivatedHere': {
    vi: 'Tài khoản này đã bị ngừng trên máy này; quản trị viên mở lại bằng motcua officer activate.',
    en: 'This account is deactivated on this PC; an administrator re-activates it with motcua officer activate.',
  },
  'auth.provinceRefused': {
    vi: 'Máy chủ tỉnh không chấp nhận tài khoản này (đã ngừng hoặc đã đổi mật khẩu); mật khẩu lưu trên máy này đã bị thu hồi.',
    en: 'The provincial server refused this account (deactivated or re-passworded); the password kept on this PC has been revoked.',
  },
  'auth.setupApiConfigured': {
    vi: 'Đã cấu hình máy chủ tỉnh: quản trị viên đầu tiên đăng nhập bằng tài khoản do tỉnh cấp, không tạo tài khoản trên máy.',
    en: 'The provincial server is configured: the first administrator signs in with an account the province issued; no account is created on this PC.',
  },
  'auth.setupClosed': { vi: 'Đã có tài khoản cán bộ: thiết lập ban đầu không còn dùng được.', en: 'Officer accounts exist: the first-run setup is no longer available.' },
  'auth.idleRange': {
    vi: 'Thời gian tự khóa phải là số phút nguyên từ {min} đến {max}.',
    en: 'The auto-lock time must be a whole number of minutes from {min} to {max}.',
  },
  'unit.codeFormat': {
    vi: 'Mã đơn vị chỉ gồm chữ in hoa, chữ số và dấu chấm (ví dụ 000.00.01.H22).',
    en: 'A unit code has only capital letters, digits and dots (for example 000.00.01.H22).',
  },
  'unit.codeTooLong': { vi: 'Mã đơn vị quá dài.', en: 'The unit code is too long.' },
  'unit.counterFormat': {
    vi: 'Mã quầy chỉ gồm chữ, số, gạch ngang (tối đa 20 ký tự).',
    en: 'A counter code has only letters, digits and dashes (at most 20 characters).',
  },
  'unit.blockOrder': {
    vi: 'Khối số ngoại tuyến: số đầu phải nhỏ hơn hoặc bằng số cuối.',
    en: 'Offline number block: the first number must not be greater than the last.',
  },
  'unit.nameMissing': { vi: 'Tên đơn vị không được để trống.', en: 'The unit name cannot be empty.' },
  'unit.deskNameMissing': { vi: 'Tên bộ phận không được để trống.', en: 'The desk name cannot be empty.' },
  'unit.placeMissing': { vi: 'Địa danh không được để trống.', en: 'The place name cannot be empty.' },
  'unit.phoneFormat': {
    vi: 'Số điện thoại chỉ gồm chữ số, dấu cách, + ( ) . - (6–20 ký tự).',
    en: 'A phone number has only digits, spaces, + ( ) . - (6–20 characters).',
  },
  'unit.codeUnknown': {
    vi: 'Chưa biết mã đơn vị: ghi mã đơn vị (--code), ví dụ 000.00.01.H22.',
    en: 'The unit code is not known: give it (--code), for example 000.00.01.H22.',
  },
  'unit.noApi': {
    vi: 'Chưa cấu hình máy chủ tỉnh: motcua api set --url … --client-id … --client-secret-env …',
    en: 'No provincial server is configured: motcua api set --url … --client-id … --client-secret-env …',
  },
  'unit.notAtProvince': { vi: 'Máy chủ tỉnh không có đơn vị {code}.', en: 'The provincial server has no unit {code}.' },
  'unit.provinceRefused': { vi: 'Máy chủ tỉnh từ chối: {message}', en: 'The provincial server refused: {message}' },
  'unit.provinceEmpty': {
    vi: 'Không lấy được thông tin đơn vị từ máy chủ tỉnh (trả lời rỗng). Thử lại sau.',
    en: 'The unit details could not be fetched from the provincial server (an empty answer). Try again later.',
  },
  'unit.provinceUnreachable': {
    vi: 'Không lấy được thông tin đơn vị từ máy chủ tỉnh ({reason}). Thử lại sau.',
    en: 'The unit details could not be fetched from the provincial server ({reason}). Try again later.',
  },
  'unit.noCounter': {
    vi: 'Đơn vị {code} trên máy chủ tỉnh không có quầy {counter} (có: {counters}).',
    en: 'Unit {code} on the provincial server has no counter {counter} (it has: {counters}).',
  },
  'unit.noCounters': { vi: 'không quầy nào', en: 'none' },
  'unit.provinceBadBlock': {
    vi: 'Máy chủ tỉnh trả khối số ngoại tuyến không hợp lệ cho quầy {counter}.',
    en: 'The provincial server sent an invalid offline number block for counter {counter}.',
  },
  'unit.provinceBadUnit': {
    vi: 'Máy chủ tỉnh trả thông tin đơn vị không hợp lệ: {reason}',
    en: 'The provincial server sent invalid unit details: {reason}',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

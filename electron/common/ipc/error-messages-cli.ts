/**
 * The `motcua` command line's own refusals (option checks, environment variables, what a command
 * needs first), worded per language and spread into ERROR_MESSAGES. The Vietnamese is the text the
 * CLI printed before it was keyed; MOTCUA_LANG=en prints the English.
 */
export const CLI_MESSAGES = {
  'cli.envEmpty': { vi: 'Biến môi trường {name} trống.', en: 'The environment variable {name} is empty.' },
  'cli.envMissing': { vi: 'Biến môi trường {name} chưa có {what}.', en: 'The environment variable {name} holds no {what}.' },
  'cli.what.secret': { vi: 'khóa bí mật', en: 'secret' },
  'cli.what.newPassword': { vi: 'mật khẩu mới', en: 'new password' },
  'cli.envNoPassword': { vi: 'Biến môi trường {name} chưa có mật khẩu.', en: 'The environment variable {name} holds no password.' },
  'cli.widthChoice': { vi: '--width phải là 58 hoặc 80.', en: '--width must be 58 or 80.' },
  'cli.receivedFormat': {
    vi: '--received "{value}" phải là RFC 3339 có múi giờ, ví dụ 2026-11-20T15:30:00+07:00.',
    en: '--received "{value}" must be RFC 3339 with a time zone, e.g. 2026-11-20T15:30:00+07:00.',
  },
  'cli.durationUnit': { vi: '--unit "{value}" phải là NgayLamViec, Ngay, Gio, Thang hoặc TrongNgay.', en: '--unit "{value}" must be NgayLamViec, Ngay, Gio, Thang or TrongNgay.' },
  'cli.durationRequired': { vi: '--duration là bắt buộc với --unit {unit}.', en: '--duration is required with --unit {unit}.' },
  'cli.durationNumber': { vi: '--duration "{value}" phải là số không âm.', en: '--duration "{value}" must be a number, not negative.' },
  'cli.cutOffSameDay': { vi: '--cut-off chỉ dùng với --unit TrongNgay.', en: '--cut-off is only for --unit TrongNgay.' },
  'cli.cutOffFormat': { vi: '--cut-off "{value}" phải có dạng HH:mm, ví dụ 15:00.', en: '--cut-off "{value}" must be HH:mm, e.g. 15:00.' },
  'cli.unitNotConfigured': { vi: 'Chưa cấu hình đơn vị (motcua unit set …).', en: 'No unit is configured (motcua unit set …).' },
  'cli.savedWithoutReceipt': {
    vi: 'Đã lưu hồ sơ {code}, chưa tạo giấy tiếp nhận: {reason} Đừng tiếp nhận lại hồ sơ này; khi đã khắc phục, tạo giấy bằng: motcua receipt pdf {code} --out <tệp.pdf>',
    en: 'Dossier {code} was saved but its receipt was not made: {reason} Do not receive this dossier again; once fixed, make the receipt with: motcua receipt pdf {code} --out <file.pdf>',
  },
  'cli.offlineBlock': {
    vi: 'Khối số ngoại tuyến phải có dạng <từ>-<đến>, ví dụ 9001-9200 (1–9999).',
    en: 'The offline block must be <from>-<to>, e.g. 9001-9200 (1–9999).',
  },
  'cli.signInNeeded': { vi: 'Lệnh này cần đăng nhập: đặt MOTCUA_OFFICER và MOTCUA_PASSWORD.', en: 'This command needs sign-in: set MOTCUA_OFFICER and MOTCUA_PASSWORD.' },
  'cli.dateFormat': { vi: '--date phải có dạng YYYY-MM-DD.', en: '--date must be YYYY-MM-DD.' },
  'cli.toFormat': { vi: '--to phải có dạng YYYY-MM-DD và không trước --date.', en: '--to must be YYYY-MM-DD and not before --date.' },
  'cli.reportFormat': { vi: '--format phải là pdf, csv, xlsx hoặc json.', en: '--format must be pdf, csv, xlsx or json.' },
  'cli.firstOfficerAdmin': { vi: 'Cán bộ đầu tiên phải có vai trò admin.', en: 'The first officer must have the admin role.' },
  'cli.apiRefused': { vi: 'Máy chủ tỉnh không chấp nhận thông tin thiết bị.', en: 'The provincial server does not accept the device credentials.' },
  'cli.apiUnreachable': { vi: 'Không kết nối được máy chủ tỉnh.', en: 'The provincial server cannot be reached.' },
  'cli.trustDirOrClear': { vi: 'Dùng --dir <thư mục> hoặc --clear.', en: 'Use --dir <folder> or --clear.' },
  'cli.pinMissing': {
    vi: 'Thiếu mã PIN: đặt biến môi trường và dùng --pin-env <TÊN_BIẾN>, hoặc --pin-pad.',
    en: 'No PIN: set an environment variable and use --pin-env <VARIABLE>, or --pin-pad.',
  },
  'cli.visibleFormat': {
    vi: '--visible phải có dạng trang,x,y,rộng,cao (ví dụ 1,360,60,200,70).',
    en: '--visible must be page,x,y,width,height (e.g. 1,360,60,200,70).',
  },
  'cli.pdfUnreadable': { vi: 'Không đọc được tệp PDF: {error}', en: 'The PDF file cannot be read: {error}' },
  'cli.syncOnce': { vi: 'Dùng motcua sync --once (ứng dụng tự đồng bộ liên tục khi đang chạy).', en: 'Use motcua sync --once (the app syncs continuously while it runs).' },
  'cli.syncNotConfigured': {
    vi: 'Chưa cấu hình máy chủ tỉnh: motcua api set …, hoặc đặt MOTCUA_API_URL, hoặc dùng --api.',
    en: 'No provincial server is configured: motcua api set …, or set MOTCUA_API_URL, or use --api.',
  },
  // Commander's own refusals of a command line, keyed by electron/cli/cli-usage.ts.
  'cli.usage.unknownOption': { vi: "Không có tùy chọn '{option}'.", en: "Unknown option '{option}'." },
  'cli.usage.unknownCommand': { vi: "{parent} không có lệnh '{command}'.", en: "{parent} has no command '{command}'." },
  'cli.usage.didYouMean': { vi: '(Có phải ý bạn là {names}?)', en: '(Did you mean {names}?)' },
  'cli.usage.missingArgument': { vi: "Lệnh {command} còn thiếu đối số bắt buộc '{argument}'.", en: "{command} is missing its required argument '{argument}'." },
  'cli.usage.optionNoValue': { vi: "Tùy chọn '{option}' không nhận giá trị.", en: "Option '{option}' takes no value." },
  'cli.usage.optionMissingValue': { vi: "Tùy chọn '{option}' thiếu giá trị.", en: "Option '{option}' is missing its value." },
  'cli.usage.requiredOption': { vi: "Lệnh {command} cần tùy chọn '{option}'.", en: "{command} needs the option '{option}'." },
  'cli.usage.tooManyArguments': {
    vi: 'Lệnh {command} nhận {expected} đối số nhưng được đưa {received}.',
    en: 'Too many arguments for {command}: it takes {expected}, given {received}.',
  },
  'cli.usage.noArguments': { vi: 'Lệnh {command} không nhận đối số nào nhưng được đưa {received}.', en: '{command} takes no arguments (given {received}).' },
  'cli.usage.optionChoice': {
    vi: "Giá trị '{value}' của tùy chọn '{option}' không hợp lệ: chọn một trong {choices}.",
    en: "'{value}' is not a valid value of option '{option}': choose one of {choices}.",
  },
  'cli.usage.optionInvalid': { vi: "Giá trị '{value}' của tùy chọn '{option}' không hợp lệ.", en: "'{value}' is not a valid value of option '{option}'." },
  'cli.usage.argumentChoice': {
    vi: "Giá trị '{value}' của đối số '{argument}' không hợp lệ: chọn một trong {choices}.",
    en: "'{value}' is not a valid value of argument '{argument}': choose one of {choices}.",
  },
  'cli.usage.argumentInvalid': { vi: "Giá trị '{value}' của đối số '{argument}' không hợp lệ.", en: "'{value}' is not a valid value of argument '{argument}'." },
} as const satisfies Record<string, { vi: string; en: string }>;

/**
 * A form field's reasons (the screen puts the field's label in front), the intake draft's own
 * checks, and why an ID card's QR code or number is refused; spread into ERROR_MESSAGES.
 */
export const FIELD_MESSAGES = {
  'field.missing': { vi: 'Chưa nhập.', en: 'Not filled in.' },
  'field.tooShort': { vi: 'Cần ít nhất {min} ký tự.', en: 'Needs at least {min} characters.' },
  'field.tooLong': { vi: 'Dài quá: tối đa {max} ký tự.', en: 'Too long: at most {max} characters.' },
  'field.numberMin': { vi: 'Phải từ {min} trở lên.', en: 'Must be {min} or more.' },
  'field.numberMax': { vi: 'Không được lớn hơn {max}.', en: 'Must not be more than {max}.' },
  'field.pickAtLeast': { vi: 'Chọn ít nhất {min} mục.', en: 'Choose at least {min}.' },
  'field.tooMany': { vi: 'Nhiều nhất {max} mục.', en: 'At most {max} items.' },
  'intake.birthDateBad': { vi: 'Ngày sinh "{value}" không hợp lệ (yyyyMMdd).', en: 'Birth date "{value}" is not valid (yyyyMMdd).' },
  'intake.noProcedure': { vi: 'Chưa chọn thủ tục hành chính.', en: 'No administrative procedure is chosen.' },
  'intake.phoneBad': { vi: 'Số điện thoại không hợp lệ (ví dụ 0912345678).', en: 'The phone number is not valid (for example 0912345678).' },
  'intake.emailBad': { vi: 'Email không hợp lệ.', en: 'The email address is not valid.' },
  'intake.channelBad': {
    vi: 'Kênh tiếp nhận (KenhThucHien) tại quầy chỉ là "1" (trực tiếp) hoặc "3" (qua bưu chính công ích).',
    en: 'The intake channel (KenhThucHien) at a counter is only "1" (in person) or "3" (by public postal service).',
  },
  'intake.returnMethodBad': {
    vi: 'Hình thức nhận kết quả (HinhThuc) chỉ là "0" (tại quầy) hoặc "1" (qua bưu chính).',
    en: 'The way to receive the result (HinhThuc) is only "0" (at the counter) or "1" (by post).',
  },
  'intake.nameMissing': { vi: 'Chưa nhập tên người nộp / tổ chức (ChuHoSo).', en: "The applicant's or organisation's name is missing (ChuHoSo)." },
  'intake.idMissing': { vi: 'Chưa nhập số định danh cá nhân của người nộp.', en: "The applicant's personal ID number is missing." },
  'intake.cmndExpired': {
    vi: 'Số {id} là số Chứng minh nhân dân (9 chữ số): từ ngày 01/01/2025 Chứng minh nhân dân không còn giá trị sử dụng (Luật Căn cước 2023, Điều 46). Hãy nhập số định danh cá nhân 12 chữ số trên thẻ căn cước hoặc căn cước công dân.',
    en: 'Number {id} is an old 9-digit identity card (CMND) number: CMND cards are no longer valid from 01/01/2025 (Law on Identification 2023, Article 46). Enter the 12-digit personal ID number on the ID card.',
  },
  'cccd.idDigits': { vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.', en: 'The personal ID number must have exactly 12 digits.' },
  'cccd.idProvince': {
    vi: 'Số định danh {id} có mã tỉnh {province} không hợp lệ (001–096).',
    en: 'ID number {id} has an invalid province code {province} (001–096).',
  },
  'cccd.empty': { vi: 'Mã QR trống.', en: 'The QR code is empty.' },
  'cccd.tooLong': {
    vi: 'Mã QR quá dài ({length} ký tự) để là mã QR căn cước: hãy quét lại.',
    en: 'The QR code is too long ({length} characters) for an ID card QR code: scan it again.',
  },
  'cccd.badChar': {
    vi: 'Mã QR có ký tự không hợp lệ (U+{codePoint} ở vị trí {position}): máy quét đọc sai hoặc mã không phải của căn cước, hãy quét lại.',
    en: 'The QR code has an invalid character (U+{codePoint} at position {position}): the scanner misread it or it is not an ID card code; scan it again.',
  },
  'cccd.noSeparator': {
    vi: 'Mã QR không phải của căn cước công dân (không có dấu phân cách "|").',
    en: 'The QR code is not an ID card code (it has no "|" separator).',
  },
  'cccd.fieldCount': {
    vi: 'Mã QR căn cước phải có 7 trường, đọc được {count}. Hãy quét lại.',
    en: 'An ID card QR code has 7 fields; {count} were read. Scan it again.',
  },
  'cccd.idNot12': { vi: 'Số định danh "{id}" phải gồm đúng 12 chữ số.', en: 'ID number "{id}" must have exactly 12 digits.' },
  'cccd.oldIdBad': { vi: 'Số CMND cũ "{id}" phải gồm 9 chữ số hoặc để trống.', en: 'The old CMND number "{id}" must have 9 digits or be empty.' },
  'cccd.noName': { vi: 'Mã QR không có họ và tên.', en: 'The QR code has no full name.' },
  'cccd.nameBad': { vi: 'Họ và tên "{name}" có ký tự không hợp lệ.', en: 'The full name "{name}" has invalid characters.' },
  'cccd.birthBad': {
    vi: 'Ngày sinh "{value}" không đúng dạng ngày/tháng/năm (ddMMyyyy).',
    en: 'Birth date "{value}" is not in day/month/year form (ddMMyyyy).',
  },
  'cccd.sexBad': { vi: 'Giới tính "{value}" phải là Nam hoặc Nữ.', en: 'Sex "{value}" must be male or female.' },
  'cccd.issuedBad': {
    vi: 'Ngày cấp "{value}" không đúng dạng ngày/tháng/năm (ddMMyyyy).',
    en: 'Issue date "{value}" is not in day/month/year form (ddMMyyyy).',
  },
  'cccd.issuedBeforeBirth': {
    vi: 'Ngày cấp trước ngày sinh: mã QR bị đọc sai, hãy quét lại.',
    en: 'The issue date is before the birth date: the QR code was misread; scan it again.',
  },
  // What to check on the applicant's card (warnings: the dossier is received all the same).
  'cccd.yearMismatch': {
    vi: "Số định danh {id} mang năm sinh {coded}, khác năm sinh {year}: đối chiếu ngày sinh trên thẻ (ngày sinh có thể đã được cải chính sau khi cấp số).",
    en: "ID number {id} encodes birth year {coded}, not {year}: check the birth date on the card (it may have been corrected after the number was issued).",
  },
  'cccd.sexMismatch': {
    vi: "Số định danh {id} mang giới tính {coded}, khác giới tính {sex}: đối chiếu với thẻ (giới tính có thể đã được xác định lại sau khi cấp số).",
    en: "ID number {id} encodes sex {coded}, not {sex}: check the card (the sex may have been re-determined after the number was issued).",
  },
  'cccd.expired': {
    vi: "Thẻ căn cước cấp ngày {issued} chỉ có giá trị đến {until} (phải đổi thẻ khi đủ {age} tuổi — Luật Căn cước 2023, Điều 21): thẻ đã hết hạn, hướng dẫn công dân làm thủ tục cấp đổi thẻ.",
    en: "The ID card issued on {issued} was valid only until {until} (it must be renewed at age {age} — Law on Identification 2023, Article 21): the card has expired; guide the citizen to renew it.",
  },
  'sex.Nam': {
    vi: "Nam",
    en: "male",
  },
  'sex.Nữ': {
    vi: "Nữ",
    en: "female",
  },
  // The contract's own limits on what a screen sends (zod messages, keyed back by issueDetail).
  'field.isoDay': { vi: "Ngày phải có dạng YYYY-MM-DD.", en: "A date must be written YYYY-MM-DD." },
  'field.password8': { vi: "Mật khẩu ít nhất 8 ký tự.", en: "The password needs at least 8 characters." },
  'intake.overrideReasonShort': { vi: "Ghi lý do cho phép.", en: "Give a reason for the permission." },
  'intake.reasonsMissing': { vi: "Phải ghi ít nhất một lý do.", en: "Write at least one reason." },
  'sync.informedNote': { vi: "Ghi rõ đã báo công dân thế nào.", en: "Write how the citizen was informed." },
  'signing.pickFiles': { vi: "Chọn ít nhất một tệp PDF để ký.", en: "Choose at least one PDF file to sign." },
  'returns.pickResults': { vi: "Chọn ít nhất một văn bản để ký.", en: "Choose at least one document to sign." },
  'returns.trackingMissing': { vi: "Nhập số hiệu bưu gửi.", en: "Enter the postal tracking number." },
  'officer.pickRole': { vi: "Chọn ít nhất một vai trò.", en: "Choose at least one role." },
  'display.ratingRange': { vi: "Đánh giá từ 1 đến 5.", en: "A rating is from 1 to 5." },
  'form.idBad': { vi: "Mẫu phải là một trong 01, 02, 03, 04, 05, 06, 07.", en: "The form must be one of 01, 02, 03, 04, 05, 06, 07." },
  'form.reasonShort': { vi: "Ghi lý do (ít nhất 5 ký tự).", en: "Give a reason (at least 5 characters)." },
  'form.newDateBad': { vi: "Ngày hẹn mới phải là một ngày (dd/mm/yyyy).", en: "The new appointment must be a date (dd/mm/yyyy)." },
  // Why a scan was refused (the scan event's `reason`).
  'scan.garbled': {
    vi: "Mã quét bị đọc sai bảng mã (chữ có dấu bị lỗi, ví dụ \"Nguyá»…n\"): hãy đặt máy quét ở chế độ UTF-8 rồi quét lại.",
    en: "The scan was read in the wrong code page (accented letters broken, for example \"Nguyá»…n\"): set the scanner to UTF-8 and scan again.",
  },
  'scan.truncated': {
    vi: "Mã QR căn cước bị thiếu dữ liệu (quét chưa hết): hãy quét lại, giữ thẻ yên trước máy quét.",
    en: "The ID card QR code is incomplete (the scan stopped early): scan again, holding the card still in front of the scanner.",
  },
  'scan.truncatedWith': {
    vi: "Mã QR căn cước bị thiếu dữ liệu (quét chưa hết): hãy quét lại, giữ thẻ yên trước máy quét. ({reason})",
    en: "The ID card QR code is incomplete (the scan stopped early): scan again, holding the card still in front of the scanner. ({reason})",
  },
  'scan.ime': {
    vi: "Bộ gõ tiếng Việt (Telex/VNI) đang bật đã làm sai dữ liệu quét. Hãy tắt bộ gõ (chuyển sang E) rồi quét lại.",
    en: "A Vietnamese input method (Telex/VNI) that is on has changed the scanned data. Turn it off (switch to E) and scan again.",
  },
  // Why the test scan in Cài đặt → Thiết bị could not calibrate the keyboard-wedge scanner.
  'scan.calibrateShort': {
    vi: "Mã quét thử quá ngắn để đo tốc độ máy quét: hãy quét một mã dài ít nhất {min} ký tự (ví dụ mã QR trên căn cước).",
    en: "The test scan is too short to measure the scanner's speed: scan a code of at least {min} characters (for example the QR code on an ID card).",
  },
  'scan.calibrateSlow': {
    vi: "Các phím đến quá chậm để là máy quét (chậm nhất {measured} ms, tối đa {max} ms): nếu đây là máy quét, hãy giảm độ trễ giữa các ký tự trong cấu hình máy quét rồi quét thử lại.",
    en: "The keys came too slowly for a scanner (slowest {measured} ms, at most {max} ms): if this is a scanner, lower its delay between characters in its configuration and scan again.",
  },
  // The province's commune map (motcua address import): its fields, named in each language.
  'address.field.nguon': { vi: 'nguồn (văn bản pháp lý, "nguon")', en: 'the source (legal text, "nguon")' },
  'address.field.tinhCu': { vi: 'tỉnh cũ (tinhCu)', en: 'the old province (tinhCu)' },
  'address.field.huyenCu': { vi: 'huyện cũ (huyenCu)', en: 'the old district (huyenCu)' },
  'address.field.xaCu': { vi: 'xã cũ (xaCu)', en: 'the old commune (xaCu)' },
  'address.field.xaMoi': { vi: 'xã mới (xaMoi)', en: 'the new commune (xaMoi)' },
  'address.field.tinhMoi': { vi: 'tỉnh mới (tinhMoi)', en: 'the new province (tinhMoi)' },
  'address.fieldMissing': { vi: 'thiếu {field}', en: '{field} is missing' },
  'address.fieldTooLong': { vi: '{field} dài quá {max} ký tự', en: '{field} is longer than {max} characters' },
  'address.communeTypeBad': { vi: 'loại xã mới (loaiXaMoi) phải là "xã", "phường" hoặc "đặc khu"', en: 'the new commune\'s type (loaiXaMoi) must be "xã", "phường" or "đặc khu"' },
  'address.listMissing': { vi: 'thiếu danh sách xã ("xa")', en: 'the list of communes ("xa") is missing' },
  'address.listEmpty': { vi: 'danh sách xã ("xa") trống', en: 'the list of communes ("xa") is empty' },
  'address.listTooLong': { vi: 'quá 20.000 dòng', en: 'more than 20,000 rows' },
} as const satisfies Record<string, { vi: string; en: string }>;

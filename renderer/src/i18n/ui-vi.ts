/** Texts of the counter-screen fixes (dates, field errors, shortcuts, busy states, scans); merged into vi. */
export const uiVi = {
  date: {
    placeholder: 'dd/mm/yyyy',
    invalid: 'Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 08/12/1985.',
  },
  fields: {
    fixMarked: 'Hãy sửa ô được đánh dấu đỏ.',
    issue: '{{label}}: {{message}}',
    procedure: 'Thủ tục hành chính',
    phone: 'Số điện thoại',
    email: 'Email',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
  },
  shortcuts: {
    f2: 'Tiếp nhận: về ô tìm thủ tục',
    f9: 'Hồ sơ: đồng bộ ngay',
    ctrlEnter: 'Hộp thoại: xác nhận',
    print: 'Tiếp nhận: in giấy tiếp nhận (sau khi lưu)',
    thermal: 'Tiếp nhận: in trên máy in nhiệt (sau khi lưu)',
    altB: 'Tiếp nhận: lập Mẫu 02 (yêu cầu bổ sung)',
    altT: 'Tiếp nhận: lập Mẫu 03 (từ chối tiếp nhận)',
    altF: 'Tiếp nhận: đính kèm tệp',
    altS: 'Tiếp nhận: lấy tệp từ thư mục máy quét',
    altK: 'Tiếp nhận: đánh dấu đã kiểm tra mọi thành phần bắt buộc',
    altN: 'Tiếp nhận: đến ô họ và tên người nộp',
    altL: 'Tiếp nhận: đến ô số điện thoại',
    arrows: 'Danh sách thủ tục: chọn lên/xuống',
    enterSave: 'Tiếp nhận: lưu hồ sơ',
  },
  busy: {
    printing: 'Đang tạo giấy tiếp nhận…',
    exporting: 'Đang xuất báo cáo {{format}}…',
    signing: 'Đang ký {{count}} tệp… (không rút token)',
    saving: 'Đang lưu…',
  },
  scan: {
    repaired: 'Đã sửa bảng mã của mã QR (máy quét gửi sai bảng mã). Hãy đối chiếu họ tên với thẻ.',
    mojibake: 'Mã QR đọc sai bảng mã (chữ có dấu bị lỗi). Hãy đặt máy quét ở chế độ UTF-8 rồi quét lại.',
    truncated: 'Mã QR căn cước bị thiếu dữ liệu (quét chưa hết). Hãy quét lại, giữ thẻ yên trước máy quét.',
    unknown: 'Không nhận ra mã vừa quét: {{text}}',
  },
  search: { noHits: 'Không tìm thấy hồ sơ nào khớp “{{text}}”.' },
  syncx: {
    lastError: 'Lỗi lần trước: {{reason}}',
    nextRetry: 'thử lại lúc {{at}}',
  },
  intakex: {
    checkAll: 'Đã kiểm tra đủ giấy tờ (Alt+K)',
    checklistHint: 'Đánh dấu từng giấy tờ đã kiểm tra trên bản giấy.',
    today: 'Hồ sơ tiếp nhận hôm nay',
  },
} as const;

/** Texts of issue #16 (signed-files folder, PDF preview, progress, text size); merged into vi. */
export const desk16Vi = {
  /** DVCQG status names (domain doc §2.4), as the portal words them. */
  dossierStatus: {
    '1': 'Mới đăng ký',
    '2': 'Được tiếp nhận',
    '3': 'Không được tiếp nhận',
    '4': 'Đang xử lý',
    '5': 'Yêu cầu bổ sung giấy tờ',
    '6': 'Yêu cầu thực hiện nghĩa vụ tài chính',
    '7': 'Công dân yêu cầu rút hồ sơ',
    '8': 'Dừng xử lý',
    '9': 'Đã xử lý xong',
    '10': 'Đã trả kết quả',
  },
  sexLabel: { Nam: 'Nam', Nu: 'Nữ' },
  /** "Thời gian giải quyết" as Mẫu 01 prints it (durationText), worded here per language. */
  duration: {
    NgayLamViec: '{{n}} ngày làm việc',
    Ngay: '{{n}} ngày',
    Gio: '{{n}} giờ làm việc',
    Thang: '{{n}} tháng',
    sameDay: 'trong ngày (tiếp nhận sau {{cutoff}} thì trả trong ngày làm việc tiếp theo)',
    cutoff: '{{h}} giờ',
    cutoffMin: '{{h}} giờ {{m}}',
  },
  signOut: {
    title: 'Thư mục lưu tệp đã ký',
    choose: 'Chọn thư mục…',
    open: 'Mở thư mục',
    chosen: 'Tệp đã ký sẽ được lưu vào {{path}}.',
    openFailed: 'Không mở được thư mục.',
    warning: 'Lưu ý từ thiết bị ký số: {{warning}}',
  },
  preview: {
    show: 'Xem trước',
    title: 'Xem trước: {{name}}',
    page: 'Trang {{page}}/{{pages}}',
    shown: 'Hiển thị {{shown}}/{{pages}} trang',
    loading: 'Đang mở tệp…',
    failed: 'Không hiển thị được tệp PDF này.',
    close: 'Đóng xem trước',
  },
  progress: {
    signing: 'Đang ký tệp {{done}}/{{total}}',
    report: 'Đang xuất báo cáo: bước {{done}}/{{total}}',
  },
  textSize: {
    title: 'Cỡ chữ',
    saved: 'Đã đổi cỡ chữ.',
  },
} as const;

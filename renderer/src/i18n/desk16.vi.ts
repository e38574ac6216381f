import { STATUS_LABEL } from '../../../electron/common/domain/dossier-status';
/** Texts of issue #16 (signed-files folder, PDF preview, progress, text size); merged into vi. */
export const desk16Vi = {
  /** DVCQG status names (domain doc §2.4), as the portal words them: the one list in common/. */
  dossierStatus: STATUS_LABEL,
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
    pages: 'Các trang của {{name}} (cuộn bằng phím mũi tên)',
    loading: 'Đang mở tệp…',
    failed: 'Không hiển thị được tệp PDF này.',
    close: 'Đóng xem trước',
  },
  print: {
    title: 'Bản in: {{name}}',
    loading: 'Đang chuẩn bị bản in…',
    pages: '{{count}} trang',
    again: 'In lại (Ctrl+P)',
    close: 'Đóng (Esc)',
    failed: 'Không tạo được bản in của tệp PDF này.',
    tooManyPages: 'Tệp có {{count}} trang, quá {{max}} trang in được từ ứng dụng.',
    page: 'Trang in {{page}}/{{pages}}',
    slipFailed: 'Đã trả kết quả, nhưng chưa in được phiếu bàn giao: {{reason}}',
    turnBackBusy: 'Đang lập và chuẩn bị bản in Mẫu {{form}}…',
    turnBackPrinted: 'Đã gửi Mẫu {{form}} tới hộp thoại in: trao bản in cho công dân.',
    turnBackFailed: 'Đã lập Mẫu {{form}}, nhưng chưa in được: {{reason}}',
    turnBackAgain: 'In lại Mẫu {{form}}',
  },
  progress: {
    signing: 'Đang ký tệp {{done}}/{{total}}',
    report: 'Đang xuất báo cáo: bước {{done}}/{{total}}',
    sync: 'Đang gửi hồ sơ {{current}}: đã xong {{done}}/{{total}} mục',
  },
  textSize: {
    title: 'Cỡ chữ',
    saved: 'Đã đổi cỡ chữ.',
  },
} as const;

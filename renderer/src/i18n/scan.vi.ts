/** Cài đặt → Thiết bị: measuring this PC's keyboard-wedge scanner from a test scan. */
export const scanVi = {
  wedge: {
    title: 'Tốc độ máy quét kiểu bàn phím',
    hint: 'Đặt con trỏ vào ô dưới đây rồi quét một mã dài (ví dụ mã QR trên căn cước). Máy ghi lại tốc độ gõ phím của máy quét này và từ đó chỉ nhận là mã quét những chuỗi phím nhanh như vậy; người gõ tay không bao giờ bị nhận nhầm.',
    box: 'Quét thử vào đây để đo',
    calibrated: 'Ngưỡng nhận mã quét: {{ms}} ms giữa hai phím (đã đo trên máy này)',
    default: 'Ngưỡng nhận mã quét: {{ms}} ms giữa hai phím (mặc định, chưa đo)',
    done: 'Đã đo máy quét: chậm nhất {{measured}} ms giữa hai phím; ngưỡng mới {{ms}} ms.',
    reset: 'Đặt lại mặc định',
    resetDone: 'Đã đặt lại ngưỡng mặc định ({{ms}} ms).',
  },
} as const;

import { EscPosBuilder } from '../../common/escpos/encoder';
import { formatVnd, shortTime, type ReceiptModel } from '../../common/domain/receipt';
import { code128Png, qrPng } from '../pdf/barcodes';
import { pngToBitmap, rasterizeLines, type RasterLine } from './rasterize';

export type PaperWidth = 58 | 80;
export const PAPER_DOTS: Record<PaperWidth, number> = { 58: 384, 80: 576 };

export interface ThermalOptions {
  readonly width: PaperWidth;
  /** Native CODE128/QR commands, or bitmaps for printers whose firmware lacks them. */
  readonly barcodes: 'native' | 'raster';
  readonly fontsDir: string;
}

/**
 * The thermal receipt, from the same model as Mẫu 01: Vietnamese text as raster bands, the
 * dossier code as ASCII text plus CODE128 and QR, then a cut.
 */
export async function thermalReceipt(m: ReceiptModel, o: ThermalOptions): Promise<Uint8Array> {
  const dots = PAPER_DOTS[o.width];
  const s = o.width === 58 ? 20 : 24; // body size in dots
  const head: RasterLine[] = [
    { text: m.unitName.toUpperCase(), size: s, bold: true, align: 'center' },
    { text: m.deskName, size: s, align: 'center', gap: 6 },
    ...(m.reprint ? [{ text: 'BẢN IN LẠI', size: s + 4, bold: true, align: 'center' as const, gap: 4 }] : []),
    { text: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', size: s + 2, bold: true, align: 'center', gap: 6 },
  ];
  const body: RasterLine[] = [
    { text: `Người nộp: ${m.applicant.name}`, size: s, bold: true },
    ...(m.applicant.phone ? [{ text: `Điện thoại: ${m.applicant.phone}`, size: s }] : []),
    { text: `Thủ tục: ${m.procedure.name}`, size: s },
    { text: `Tiếp nhận: ${shortTime(m.receivedAt)}`, size: s },
    { text: `Hẹn trả: ${m.dueAt ? shortTime(m.dueAt) : 'theo thông báo'}`, size: s, bold: true },
    { text: `Thành phần hồ sơ: ${m.documents.length} loại, ${m.sets} bộ`, size: s },
    { text: `Phí, lệ phí: ${formatVnd(m.totalFeesVnd)}`, size: s },
    { text: `Cán bộ tiếp nhận: ${m.officer?.name ?? '—'} (quầy ${m.counterId})`, size: s, gap: 6 },
    { text: m.lookupHint, size: s - 4, align: 'center' },
  ];
  const p = new EscPosBuilder().init().align('center');
  p.raster(rasterizeLines(head, dots, o.fontsDir));
  p.bold(true).text(`${m.code}\n`).bold(false);
  if (o.barcodes === 'native') {
    p.code128(m.code, { height: 70, moduleWidth: o.width === 58 ? 1 : 2, hri: false }).feed(1);
    p.qr(m.code, o.width === 58 ? 5 : 6).feed(1);
  } else {
    p.raster(pngToBitmap(await code128Png(m.code, { scale: o.width === 58 ? 1 : 2, heightMm: 9 }), dots)).feed(1);
    p.raster(pngToBitmap(await qrPng(m.code, { scale: o.width === 58 ? 5 : 6 }), dots)).feed(1);
  }
  p.align('left').raster(rasterizeLines(body, dots, o.fontsDir));
  return p.feed(2).cut().bytes();
}

/** A test page: every Vietnamese vowel with every tone, a code and the paper width. */
export async function thermalTestPage(o: ThermalOptions): Promise<Uint8Array> {
  const dots = PAPER_DOTS[o.width];
  const lines: RasterLine[] = [
    { text: 'MỘT CỬA DESK — TRANG IN THỬ', size: 26, bold: true, align: 'center', gap: 8 },
    { text: 'a á à ả ã ạ ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ', size: 24 },
    { text: 'e é è ẻ ẽ ẹ ê ế ề ể ễ ệ i í ì ỉ ĩ ị', size: 24 },
    { text: 'o ó ò ỏ õ ọ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ', size: 24 },
    { text: 'u ú ù ủ ũ ụ ư ứ ừ ử ữ ự y ý ỳ ỷ ỹ ỵ đ Đ', size: 24 },
    { text: `Khổ giấy ${o.width} mm (${dots} điểm)`, size: 22, gap: 6 },
  ];
  const p = new EscPosBuilder().init().align('center').raster(rasterizeLines(lines, dots, o.fontsDir));
  const code = 'TEST-000001';
  if (o.barcodes === 'native') p.code128(code, { moduleWidth: 2 }).feed(1).qr(code, 5);
  else p.raster(pngToBitmap(await code128Png(code, { scale: 2 }), dots)).raster(pngToBitmap(await qrPng(code, { scale: 5 }), dots));
  return p.feed(2).cut().bytes();
}

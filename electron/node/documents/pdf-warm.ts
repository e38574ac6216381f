import { A4_LANDSCAPE, Flow, newDocument } from '../pdf/pdf-flow';
import { savePdf } from '../pdf/pdf-save';
import { dossierBarcodes, drawCode128, drawQr } from '../pdf/vector-barcodes';
import { LOG_HEADERS, MAU07_WEIGHTS } from '../reports/report-cells';
import { drawTable } from '../reports/report-pdf-parts';

const LETTERS = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const WORDS = 'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Văn Thị Hữu Đức Minh Thanh Quang Ngọc Hồng Phường Xã Quận Huyện Tỉnh Thành phố Hồ Chí Minh Hà Nội Đăng ký khai sinh kết hôn chứng thực';

/**
 * A throwaway page with what the forms and the report use — the three fonts, a bordered table,
 * both barcodes, a save — rendered once when the app starts, on the PDF worker. The first receipt
 * or export after it finds pdf-lib and fontkit loaded, the fonts parsed, the common words shaped
 * and the code compiled, instead of doing all of that while the officer waits.
 */
export async function renderWarmUpPdf(fontsDir: string): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(fontsDir, 'Một Cửa Desk');
  const f = new Flow(doc, fonts, A4_LANDSCAPE, { top: 30, right: 30, bottom: 30, left: 30 });
  for (const font of ['regular', 'bold', 'italic'] as const) {
    f.text(`${LETTERS} ${LETTERS.toUpperCase()} 0123456789 ${WORDS}`, { size: 9, font, align: 'center' });
  }
  const words = WORDS.split(' ');
  // Enough rows for V8 to optimise the table's code, not only to compile it: ~0.1 s of the worker's time at start.
  const rows = Array.from({ length: 300 }, (_, i) => {
    const at = `0${7 + (i % 3)}:${String(10 + (i % 50)).padStart(2, '0')} 0${1 + (i % 9)}/0${1 + (i % 9)}/2026`;
    const name = `${words[i % 16]} ${words[16 + (i % 6)]} ${words[22 + (i % 6)]}`;
    return [String(i + 1), `000.00.01.H22-260101-${String(i + 1).padStart(4, '0')}`, words.slice(-5).join(' '), '1', name, `${words[28 + (i % 5)]} ${i + 1}, 09${String(12345678 + i)}`, words[28]!, at, at, '', '', at, '', ''];
  });
  const codes = await dossierBarcodes(rows[0]![1]!);
  drawCode128(f.page, codes.code128, f.margin.left, f.y - 38, 210, 32);
  drawQr(f.page, codes.qr, f.margin.left + 220, f.y - 52, 46);
  f.space(60);
  drawTable(f, LOG_HEADERS, rows, MAU07_WEIGHTS);
  return savePdf(doc);
}

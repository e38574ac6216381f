import { formatVnd, vnDateLine, vnLongTime, type ReceiptModel, type TurnBackModel } from '../../common/domain/receipt';
import { A5, Flow, newDocument } from '../pdf/pdf-flow';
import { savePdf } from '../pdf/pdf-save';
import { dossierBarcodes, drawCode128, drawQr } from '../pdf/vector-barcodes';

const COPIES = ['Liên 1: Lưu', 'Liên 2: Giao người nộp hồ sơ'] as const;

/** The national header: the governing body over the desk (left), the motto and the dated line (right). */
export function header(f: Flow, unitName: string, deskName: string, place: string, at: string): void {
  f.columns(
    (l) => {
      l.text(unitName.toUpperCase(), { size: 8.5, align: 'center' });
      l.text(deskName.toUpperCase(), { size: 8.5, font: 'bold', align: 'center' });
    },
    (r) => {
      r.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 8.5, font: 'bold', align: 'center' });
      r.text('Độc lập - Tự do - Hạnh phúc', { size: 9, font: 'bold', align: 'center', gapAfter: 3 });
      r.text(vnDateLine(place, at), { size: 8.5, font: 'italic', align: 'center' });
    },
  );
  f.space(10);
}

export function signatures(f: Flow, left: string, right: string, rightName: string | null): void {
  f.ensure(58);
  f.space(4);
  f.columns(
    (l) => {
      l.text(left, { size: 9, font: 'bold', align: 'center' });
      l.text('(Ký và ghi rõ họ tên)', { size: 8, font: 'italic', align: 'center' });
    },
    (r) => {
      r.text(right, { size: 9, font: 'bold', align: 'center' });
      r.text('(Ký và ghi rõ họ tên)', { size: 8, font: 'italic', align: 'center', gapAfter: 26 });
      if (rightName) r.text(rightName, { size: 9, font: 'bold', align: 'center' });
    },
    0.5,
  );
}

/**
 * Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (domain doc §3.2): every line of the form,
 * on A5, in two copies, with the dossier code as Code 128 and QR.
 */
export async function renderReceiptPdf(m: ReceiptModel, fontsDir: string): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument(fontsDir, `Giấy tiếp nhận hồ sơ ${m.code}`);
  const codes = await dossierBarcodes(m.code);
  doc.setSubject(m.code);
  doc.setKeywords([m.code, 'Mẫu 01']);

  for (const copy of COPIES) {
    const f = new Flow(doc, fonts, A5, { top: 24, right: 26, bottom: 20, left: 26 });
    header(f, m.unitName, m.deskName, m.place, m.receivedAt);
    if (m.reprint) f.text('BẢN IN LẠI', { size: 9, font: 'bold', align: 'right' });
    f.text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', { size: 12, font: 'bold', align: 'center' });
    f.text(`Mã hồ sơ: ${m.code}`, { size: 10, font: 'bold', align: 'center' });
    f.text('(Liên hệ để tra cứu tình trạng hồ sơ)', { size: 8, font: 'italic', align: 'center', gapAfter: 3 });
    const barW = 210;
    const barH = 32;
    const qrS = 46;
    const x0 = f.margin.left + (f.contentWidth - barW - 10 - qrS) / 2;
    f.ensure(qrS + 4);
    const top = f.y;
    drawCode128(f.page, codes.code128, x0, top - barH, barW, barH);
    drawQr(f.page, codes.qr, x0 + barW + 10, top - qrS, qrS);
    f.y = top - qrS - 4;
    f.text(`(${copy})`, { size: 8.5, font: 'italic', align: 'center', gapAfter: 4 });

    const line = (label: string, value: string) => f.text(`${label} ${value}`, { size: 9 });
    line(`${m.deskName}:`, m.unitName);
    line('Tiếp nhận hồ sơ của:', m.applicant.name + (m.applicant.idNumber ? ` (số định danh: ${m.applicant.idNumber})` : ''));
    line('Địa chỉ:', (m.applicant.address ?? '…') + (m.applicant.currentUnits ? ` (${m.applicant.currentUnits})` : ''));
    line('Số điện thoại:', `${m.applicant.phone ?? '…'}     Email: ${m.applicant.email ?? '…'}`);
    line('Nội dung yêu cầu giải quyết:', m.procedure.name);
    f.text('1. Thành phần hồ sơ nộp gồm:', { size: 9, font: 'bold' });
    m.documents.forEach((d, i) => {
      const kind = [d.originals ? `${d.originals} bản chính` : '', d.copies ? `${d.copies} bản sao` : ''].filter(Boolean).join(', ') || 'xuất trình';
      f.text(`${i + 1}) ${d.name} — ${kind}`, { size: 8.5, indent: 12 });
    });
    if (!m.documents.length) f.text('(không có)', { size: 8.5, indent: 12 });
    line('2. Số lượng hồ sơ:', `${m.sets} (bộ)`);
    line('3. Thời gian giải quyết hồ sơ theo quy định là:', m.procedure.durationText);
    line('4. Thời gian nhận hồ sơ:', vnLongTime(m.receivedAt));
    line('5. Thời gian trả kết quả giải quyết hồ sơ:', m.dueAt ? vnLongTime(m.dueAt) : 'theo thông báo của cơ quan giải quyết');
    line('6. Đăng ký nhận kết quả tại:', m.returnAt);
    if (m.fees.length) {
      f.text(`Phí, lệ phí: ${formatVnd(m.totalFeesVnd)}`, { size: 9 });
      for (const fee of m.fees) f.text(`- ${fee.name}: ${formatVnd(fee.amountVnd)}`, { size: 8.5, indent: 12 });
    }
    line('Vào Sổ theo dõi hồ sơ, Quyển số:', `…  Số thứ tự: ${m.logNumber ?? '…'}`);
    f.text(m.lookupHint, { size: 8.5, font: 'italic', gapAfter: 2 });
    f.text('Ghi chú:', { size: 8.5, font: 'italic' });
    f.text(
      '- Giấy tiếp nhận và hẹn trả kết quả được lập thành 02 liên; một liên chuyển kèm theo Phiếu kiểm soát quá trình giải quyết hồ sơ và được lưu tại Bộ phận Một cửa; một liên giao cho cá nhân, tổ chức nộp hồ sơ.',
      { size: 7.5, font: 'italic', indent: 6 },
    );
    f.text('- Cá nhân, tổ chức có thể đăng ký nhận kết quả tại Bộ phận Một cửa hoặc tại nhà (trụ sở tổ chức) qua dịch vụ bưu chính.', {
      size: 7.5,
      font: 'italic',
      indent: 6,
    });
    signatures(f, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', m.officer?.name ?? null);
  }
  return savePdf(doc);
}

/** Mẫu 02 (yêu cầu bổ sung, hoàn thiện hồ sơ) and Mẫu 03 (từ chối tiếp nhận giải quyết hồ sơ). */
export async function renderTurnBackPdf(m: TurnBackModel, fontsDir: string): Promise<Uint8Array> {
  const title = m.form === '02' ? 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' : 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ';
  const { doc, fonts } = await newDocument(fontsDir, `Mẫu ${m.form} — ${title}`);
  doc.setKeywords([`Mẫu ${m.form}`]);
  const f = new Flow(doc, fonts, A5, { top: 24, right: 26, bottom: 20, left: 26 });
  header(f, m.unitName, m.deskName, m.place, m.at);
  f.text(title, { size: 12, font: 'bold', align: 'center', gapAfter: 6 });
  f.text(`Hồ sơ của: ${m.applicant.name}`, { size: 9 });
  if (m.applicant.address) f.text(`Địa chỉ: ${m.applicant.address}`, { size: 9 });
  if (m.applicant.phone) f.text(`Số điện thoại: ${m.applicant.phone}`, { size: 9 });
  f.text(`Nội dung yêu cầu giải quyết: ${m.procedure.name}`, { size: 9, gapAfter: 4 });
  if (m.form === '02') {
    f.text('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', { size: 9, font: 'bold' });
    m.reasons.forEach((r, i) => f.text(`${i + 1}. ${r}`, { size: 8.5, indent: 12 }));
    f.text(`Lý do: ${m.reason ?? '……………………………………………………………'}`, { size: 9 });
    f.text(
      `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với ${m.deskName}${m.officer ? ` (${m.officer.name})` : ''}, số điện thoại ${m.contactPhone ?? '……………………'} để được hướng dẫn.`,
      { size: 9, gapAfter: 2 },
    );
    f.text('Hồ sơ được hướng dẫn một lần, đầy đủ theo quy định.', { size: 8.5, font: 'italic' });
  } else {
    f.text(`${m.deskName} ${m.unitName} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`, { size: 9 });
    m.reasons.forEach((r, i) => f.text(`${i + 1}. ${r}`, { size: 8.5, indent: 12 }));
    f.text('Xin thông báo để ông/bà được biết và thực hiện.', { size: 9 });
  }
  signatures(f, 'NGƯỜI NỘP HỒ SƠ', m.form === '02' ? 'NGƯỜI HƯỚNG DẪN' : 'NGƯỜI TIẾP NHẬN', m.officer?.name ?? null);
  return savePdf(doc);
}

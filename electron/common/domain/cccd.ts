import { cleanText } from './text';

/** The applicant as read from the QR on a chip ID card (domain doc §4). */
export interface CccdData {
  readonly SoDinhDanh: string;
  readonly SoCMND: string | null;
  readonly HoTen: string;
  readonly NgaySinh: string; // YYYY-MM-DD
  readonly GioiTinh: 'Nam' | 'Nữ';
  readonly NoiThuongTru: string;
  readonly NgayCap: string; // YYYY-MM-DD
  /** Fields after the seventh, kept raw: newer cards may add some. */
  readonly extra: readonly string[];
}

export type CccdResult = { readonly ok: true; readonly value: CccdData } | { readonly ok: false; readonly error: string };

const fail = (error: string): CccdResult => ({ ok: false, error });

/** A card's QR holds about 150 characters and no QR code more than ~3000 bytes: anything longer is not a card. */
const MAX_QR_CHARS = 1000;
/**
 * Characters no card prints: controls, format characters (bidi overrides, zero-width joiners),
 * lone surrogates, private-use and unassigned code points, and U+FFFD, which is what a scan
 * decoded with the wrong encoding leaves behind. Accepting them would store a damaged name.
 */
const NOT_ON_A_CARD = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\uFFFD]/u;
/** A name on the card: letters (with Vietnamese marks), spaces, and the apostrophe, dot or hyphen of some names. */
const NAME = /^[\p{L}\p{M} '.-]+$/u;

/** `ddMMyyyy` → `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function parseDdMmYyyy(s: string): string | null {
  if (!/^\d{8}$/.test(s)) return null;
  const d = Number(s.slice(0, 2));
  const m = Number(s.slice(2, 4));
  const y = Number(s.slice(4, 8));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The 12-digit personal ID: 3-digit province code (001–096), then a digit coding century and
 * sex (0/1 = 20th c., 2/3 = 21st, …; even = male), then the last two digits of the birth year.
 * Returns a Vietnamese reason when it cannot be right, else null.
 */
export function checkPersonalId(id: string, birthDate?: string, sex?: 'Nam' | 'Nữ'): string | null {
  if (!/^\d{12}$/.test(id)) return 'Số định danh cá nhân phải gồm đúng 12 chữ số.';
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) return `Số định danh ${id} có mã tỉnh ${id.slice(0, 3)} không hợp lệ (001–096).`;
  if (birthDate) {
    const g = Number(id[3]);
    const century = 1900 + Math.floor(g / 2) * 100;
    const year = century + Number(id.slice(4, 6));
    if (year !== Number(birthDate.slice(0, 4))) return `Số định danh ${id} không khớp năm sinh ${birthDate.slice(0, 4)}.`;
    if (sex && (g % 2 === 0 ? 'Nam' : 'Nữ') !== sex) return `Số định danh ${id} không khớp giới tính ${sex}.`;
  }
  return null;
}

function normalizeSex(s: string): 'Nam' | 'Nữ' | null {
  const v = cleanText(s).toLowerCase();
  if (v === 'nam') return 'Nam';
  if (v === 'nữ' || v === 'nu') return 'Nữ';
  return null;
}

/**
 * Parses the QR payload of a CCCD / thẻ căn cước: `ID|oldID|name|ddMMyyyy|sex|address|ddMMyyyy`.
 * Tolerates the 6-field variant without the old ID, an empty old ID and extra trailing fields.
 * Either everything is valid and returned, or nothing is: a form is never half filled.
 */
export function parseCccdQr(payload: string): CccdResult {
  const text = payload.normalize('NFC').replace(/[\r\n]+$/g, '').replace(/^\uFEFF/, '');
  if (!text.trim()) return fail('Mã QR trống.');
  if (text.length > MAX_QR_CHARS) return fail(`Mã QR quá dài (${text.length} ký tự) để là mã QR căn cước: hãy quét lại.`);
  const bad = NOT_ON_A_CARD.exec(text);
  if (bad) {
    const cp = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return fail(`Mã QR có ký tự không hợp lệ (U+${cp} ở vị trí ${bad.index + 1}): máy quét đọc sai hoặc mã không phải của căn cước, hãy quét lại.`);
  }
  if (!text.includes('|')) return fail('Mã QR không phải của căn cước công dân (không có dấu phân cách "|").');
  let f = text.split('|');
  // 6-field variant: no old-ID field, so field 3 (not 4) is the birth date.
  if (f.length === 6 || (f.length > 6 && /^\d{8}$/.test(f[2]!.trim()) && !/^\d{8}$/.test(f[3]!.trim()))) {
    f = [f[0]!, '', ...f.slice(1)];
  }
  if (f.length < 7) return fail(`Mã QR căn cước phải có 7 trường, đọc được ${f.length}. Hãy quét lại.`);
  const [id, oldId, name, dob, sexRaw, address, issued, ...extra] = f.map((x) => x.trim()) as [string, string, string, string, string, string, string, ...string[]];
  if (!/^\d{12}$/.test(id)) return fail(`Số định danh "${id}" phải gồm đúng 12 chữ số.`);
  if (oldId && !/^\d{9}$/.test(oldId)) return fail(`Số CMND cũ "${oldId}" phải gồm 9 chữ số hoặc để trống.`);
  const HoTen = cleanText(name);
  if (!HoTen) return fail('Mã QR không có họ và tên.');
  if (!NAME.test(HoTen)) return fail(`Họ và tên "${HoTen}" có ký tự không hợp lệ.`);
  const NgaySinh = parseDdMmYyyy(dob);
  if (!NgaySinh) return fail(`Ngày sinh "${dob}" không đúng dạng ngày/tháng/năm (ddMMyyyy).`);
  const GioiTinh = normalizeSex(sexRaw);
  if (!GioiTinh) return fail(`Giới tính "${sexRaw}" phải là Nam hoặc Nữ.`);
  const NgayCap = parseDdMmYyyy(issued);
  if (!NgayCap) return fail(`Ngày cấp "${issued}" không đúng dạng ngày/tháng/năm (ddMMyyyy).`);
  if (NgayCap < NgaySinh) return fail('Ngày cấp trước ngày sinh: mã QR bị đọc sai, hãy quét lại.');
  const idProblem = checkPersonalId(id, NgaySinh, GioiTinh);
  if (idProblem) return fail(idProblem);
  return {
    ok: true,
    value: { SoDinhDanh: id, SoCMND: oldId || null, HoTen, NgaySinh, GioiTinh, NoiThuongTru: cleanText(address), NgayCap, extra },
  };
}

/** Cheap classification of a scanned payload, before the full parse. */
export function looksLikeCccd(payload: string): boolean {
  return /^\s*\d{12}\|/.test(payload);
}

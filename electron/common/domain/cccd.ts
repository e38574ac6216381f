import { formatError, type ErrorKey, type ErrorParams, type KeyedText } from '../ipc/error-messages';
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

/** A refusal carries its Vietnamese text (`error`) and its catalog key (`reason`) for other languages. */
export type CccdResult = { readonly ok: true; readonly value: CccdData } | { readonly ok: false; readonly error: string; readonly reason: KeyedText };

const fail = (key: ErrorKey, params?: ErrorParams): CccdResult => {
  const reason: KeyedText = params ? { key, params } : { key };
  return { ok: false, error: formatError(key, params, 'vi'), reason };
};

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
 * The 12-digit personal ID (Nghị định 137/2015/NĐ-CP Điều 13): 3-digit code of the province of
 * birth registration (001–096), a digit coding century and sex (0/1 = 20th c., 2/3 = 21st, …;
 * even = male), the last two digits of the birth year, then 6 random digits. Returns the keyed
 * reason when the number cannot be an ID at all, else null. Whether it agrees with the birth data
 * is `personalIdMismatches`: a warning, since corrected birth data keeps the old number.
 */
export function checkPersonalId(id: string): KeyedText | null {
  if (!/^\d{12}$/.test(id)) return { key: 'cccd.idDigits' };
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) return { key: 'cccd.idProvince', params: { id, province: id.slice(0, 3) } };
  return null;
}

/**
 * Where the century/sex/year digits of a valid ID disagree with the birth date or sex given. Real
 * cards do this: a birth date or sex corrected after the number was issued (cải chính hộ tịch,
 * xác định lại giới tính) keeps the number. So the officer is told to look at the card, and the
 * dossier is not refused.
 */
export function personalIdMismatches(id: string, birthDate?: string | null, sex?: 'Nam' | 'Nữ' | null): KeyedText[] {
  if (checkPersonalId(id) !== null) return [];
  const out: KeyedText[] = [];
  const g = Number(id[3]);
  if (birthDate && /^\d{4}/.test(birthDate)) {
    const coded = 1900 + Math.floor(g / 2) * 100 + Number(id.slice(4, 6));
    if (coded !== Number(birthDate.slice(0, 4))) {
      out.push({ key: 'cccd.yearMismatch', params: { id, coded, year: birthDate.slice(0, 4) } });
    }
  }
  const codedSex = g % 2 === 0 ? 'Nam' : 'Nữ';
  if (sex && codedSex !== sex) {
    out.push({ key: 'cccd.sexMismatch', params: { id, coded: { key: `sex.${codedSex}` }, sex: { key: `sex.${sex}` } } });
  }
  return out;
}

/**
 * Ages at which a card must be renewed: Luật Căn cước 2023 Điều 21 khoản 1 (14, 25, 40 and 60; a
 * card issued within the two years before one of them stays valid until the next, khoản 2). The
 * CCCD cards of Luật Căn cước công dân 2014 Điều 21 follow the same ages from 25 on and stay valid
 * until the date printed on them (Luật Căn cước 2023, Điều 46).
 */
const RENEWAL_AGES = [14, 25, 40, 60] as const;

/** The same day `years` later; 29/2 in a year without one is 28/2 (Bộ luật Dân sự 2015, Điều 148). */
function plusYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const [m, d] = [Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day a card issued on `issuedOn` is valid ("Có giá trị đến"), or null for a card without end (issued from 58). */
export function cardValidUntil(birthDate: string, issuedOn: string): { date: string; age: number } | null {
  for (const age of RENEWAL_AGES) {
    const renewal = plusYears(birthDate, age);
    if (issuedOn < plusYears(birthDate, age - 2)) return { date: renewal, age };
  }
  return null;
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A warning when the card was no longer valid on `today` (YYYY-MM-DD); nothing when its dates are unusable. */
export function cardExpiryWarning(birthDate: string | null | undefined, issuedOn: string | null | undefined, today: string): KeyedText | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!birthDate || !issuedOn || !iso.test(birthDate) || !iso.test(issuedOn) || issuedOn < birthDate || issuedOn > today) return null;
  const until = cardValidUntil(birthDate, issuedOn);
  if (!until || today <= until.date) return null;
  return { key: 'cccd.expired', params: { issued: ddmmyyyy(issuedOn), until: ddmmyyyy(until.date), age: until.age } };
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
 * The old 9-digit CMND stays what it is, `SoCMND`: never the applicant's ID (it stopped being valid
 * on 01/01/2025, Luật Căn cước 2023 Điều 46), only the old number the QR certifies (TT 59/2021/TT-BCA).
 * Either everything is valid and returned, or nothing is: a form is never half filled.
 */
export function parseCccdQr(payload: string): CccdResult {
  const text = payload.normalize('NFC').replace(/[\r\n]+$/g, '').replace(/^\uFEFF/, '');
  if (!text.trim()) return fail('cccd.empty');
  if (text.length > MAX_QR_CHARS) return fail('cccd.tooLong', { length: text.length });
  const bad = NOT_ON_A_CARD.exec(text);
  if (bad) {
    const cp = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return fail('cccd.badChar', { codePoint: cp, position: bad.index + 1 });
  }
  if (!text.includes('|')) return fail('cccd.noSeparator');
  let f = text.split('|');
  // 6-field variant: no old-ID field, so field 3 (not 4) is the birth date.
  if (f.length === 6 || (f.length > 6 && /^\d{8}$/.test(f[2]!.trim()) && !/^\d{8}$/.test(f[3]!.trim()))) {
    f = [f[0]!, '', ...f.slice(1)];
  }
  if (f.length < 7) return fail('cccd.fieldCount', { count: f.length });
  const [id, oldId, name, dob, sexRaw, address, issued, ...extra] = f.map((x) => x.trim()) as [string, string, string, string, string, string, string, ...string[]];
  if (!/^\d{12}$/.test(id)) return fail('cccd.idNot12', { id });
  if (oldId && !/^\d{9}$/.test(oldId)) return fail('cccd.oldIdBad', { id: oldId });
  const HoTen = cleanText(name);
  if (!HoTen) return fail('cccd.noName');
  if (!NAME.test(HoTen)) return fail('cccd.nameBad', { name: HoTen });
  const NgaySinh = parseDdMmYyyy(dob);
  if (!NgaySinh) return fail('cccd.birthBad', { value: dob });
  const GioiTinh = normalizeSex(sexRaw);
  if (!GioiTinh) return fail('cccd.sexBad', { value: sexRaw });
  const NgayCap = parseDdMmYyyy(issued);
  if (!NgayCap) return fail('cccd.issuedBad', { value: issued });
  if (NgayCap < NgaySinh) return fail('cccd.issuedBeforeBirth');
  // Only what makes the number impossible is refused here; disagreement with the birth data is a
  // warning at intake (personalIdMismatches), because corrected cards carry exactly that.
  const idProblem = checkPersonalId(id);
  if (idProblem) return fail(idProblem.key, idProblem.params);
  return {
    ok: true,
    value: { SoDinhDanh: id, SoCMND: oldId || null, HoTen, NgaySinh, GioiTinh, NoiThuongTru: cleanText(address), NgayCap, extra },
  };
}

/** Cheap classification of a scanned payload, before the full parse. */
export function looksLikeCccd(payload: string): boolean {
  return /^\s*\d{12}\|/.test(payload);
}

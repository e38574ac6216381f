import type { IntakeDraftInput } from '../../../../electron/common/domain/intake';
import type { Procedure } from '../../../../electron/common/domain/procedure';
import type { ScanEvent } from '../../../../electron/common/domain/scan';
import type { Input } from '../../../../electron/common/ipc/contract';

/** The applicant as the form edits it: every field a string, '' meaning "not given". */
export interface Applicant {
  LoaiDoiTuong: '1' | '2' | '3' | '4';
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  NgaySinhChuHoSo: string;
  GioiTinhChuHoSo: '' | 'Nam' | 'Nữ';
  DiaChiChuHoSo: string;
  SoDienThoai: string;
  Email: string;
  /** The card's issue date (YYYY-MM-DD) from the scan, not typed: main checks the card's expiry with it. */
  NgayCapGiayTo: string;
  /** Received in person (1) or by post (3); the result back at the counter (0) or by post (1) to DiaChiNhanKetQua. */
  KenhThucHien: '1' | '3';
  HinhThuc: '0' | '1';
  DiaChiNhanKetQua: string;
}
export const EMPTY_APPLICANT: Applicant = {
  LoaiDoiTuong: '1',
  ChuHoSo: '',
  SoGiayToChuHoSo: '',
  NgaySinhChuHoSo: '',
  GioiTinhChuHoSo: '',
  DiaChiChuHoSo: '',
  SoDienThoai: '',
  Email: '',
  NgayCapGiayTo: '',
  KenhThucHien: '1',
  HinhThuc: '0',
  DiaChiNhanKetQua: '',
};

/** An edit by the officer. A changed ID number is no longer the scanned card, so the card's issue date goes with it. */
export function withField(a: Applicant, field: keyof Applicant, value: string): Applicant {
  const next = { ...a, [field]: value } as Applicant;
  if (field === 'SoGiayToChuHoSo' && value !== a.SoGiayToChuHoSo) next.NgayCapGiayTo = '';
  return withPostalPrefill(next);
}

/** A postal return goes to the applicant's address unless the officer types another one. */
function withPostalPrefill(a: Applicant): Applicant {
  return a.HinhThuc === '1' && !a.DiaChiNhanKetQua ? { ...a, DiaChiNhanKetQua: a.DiaChiChuHoSo } : a;
}

/** The intake form's fields by national name, as the checks name them: the input's name and its label on screen. */
export function intakeFields(t: (key: string) => string): Record<string, { name: string; label: string }> {
  const f = (name: string, key: string) => ({ name, label: t(key) });
  return {
    MaTTHC: f('procedure', 'fields.procedure'),
    ChuHoSo: f('ChuHoSo', 'intake.name'),
    SoGiayToChuHoSo: f('SoGiayToChuHoSo', 'intake.idNumber'),
    NgaySinhChuHoSo: f('NgaySinhChuHoSo', 'intake.birthDate'),
    GioiTinhChuHoSo: f('GioiTinhChuHoSo', 'intake.sex'),
    DiaChiChuHoSo: f('DiaChiChuHoSo', 'intake.address'),
    SoDienThoai: f('SoDienThoai', 'fields.phone'),
    Email: f('Email', 'fields.email'),
    KenhThucHien: f('KenhThucHien', 'intake.channel'),
    HinhThuc: f('HinhThuc', 'intake.returnMethod'),
    DiaChiNhanKetQua: f('DiaChiNhanKetQua', 'intake.postalAddress'),
  };
}

/** A file from the inbox: main knows it by token only, so no path ever reaches the renderer. */
export type Attachment = { token: string; fileName: string; sizeBytes: number; contentType: string; doc: string | null };

export function toggled(s: ReadonlySet<string>, code: string): Set<string> {
  const n = new Set(s);
  if (n.has(code)) n.delete(code);
  else n.add(code);
  return n;
}

type Card = NonNullable<ScanEvent['cccd']>;
type PastContact = { phone: string | null; email: string | null };

/**
 * The card is authoritative for identity, so it overwrites those fields; a phone or email the
 * officer already typed beats the one remembered from the applicant's past dossiers.
 */
export function applicantFromCard(a: Applicant, c: Card, past: PastContact): Applicant {
  return withPostalPrefill({
    ...a,
    LoaiDoiTuong: '1',
    ChuHoSo: c.HoTen,
    SoGiayToChuHoSo: c.SoDinhDanh,
    NgaySinhChuHoSo: c.NgaySinh,
    GioiTinhChuHoSo: c.GioiTinh,
    DiaChiChuHoSo: c.NoiThuongTru,
    NgayCapGiayTo: c.NgayCap,
    SoDienThoai: a.SoDienThoai || past.phone || '',
    Email: a.Email || past.email || '',
  });
}

/**
 * The only fields the counter sends. A closed list, so that adding the raw QR text (`cccd`), file
 * paths (`attachments`) or a backdated `NgayTiepNhan` — which the schema accepts for the CLI and
 * data migration — fails to compile here instead of slipping into the IPC draft.
 */
type CounterDraft = Pick<
  IntakeDraftInput,
  | 'MaTTHC'
  | 'LoaiDoiTuong'
  | 'ChuHoSo'
  | 'SoGiayToChuHoSo'
  | 'NgaySinhChuHoSo'
  | 'GioiTinhChuHoSo'
  | 'DiaChiChuHoSo'
  | 'SoDienThoai'
  | 'Email'
  | 'NgayCapGiayTo'
  | 'KenhThucHien'
  | 'HinhThuc'
  | 'DiaChiNhanKetQua'
  | 'TaiLieuNop'
  | 'DanhSachLePhi'
>;

/** The `intake.receive` request. '' goes as null: the schema reads null as "not given" but '' as a bad birth date or sex. */
export function receiveRequest(
  procedure: Procedure,
  a: Applicant,
  docs: ReadonlySet<string>,
  fees: ReadonlySet<string>,
  files: readonly Attachment[],
): Input<'intake.receive'> & { draft: CounterDraft } {
  const draft: CounterDraft = {
    MaTTHC: procedure.maTthc,
    LoaiDoiTuong: a.LoaiDoiTuong,
    ChuHoSo: a.ChuHoSo,
    SoGiayToChuHoSo: a.SoGiayToChuHoSo || null,
    NgaySinhChuHoSo: a.NgaySinhChuHoSo || null,
    GioiTinhChuHoSo: a.GioiTinhChuHoSo || null,
    DiaChiChuHoSo: a.DiaChiChuHoSo || null,
    SoDienThoai: a.SoDienThoai || null,
    Email: a.Email || null,
    NgayCapGiayTo: a.NgayCapGiayTo || null,
    KenhThucHien: a.KenhThucHien,
    HinhThuc: a.HinhThuc,
    DiaChiNhanKetQua: a.HinhThuc === '1' ? a.DiaChiNhanKetQua || null : null,
    TaiLieuNop: [...docs],
    DanhSachLePhi: [...fees],
  };
  return { draft, attachments: files.map((f) => ({ token: f.token, MaThanhPhanHoSo: f.doc })) };
}

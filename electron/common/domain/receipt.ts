/**
 * One receipt model feeds every medium: the A5 PDF (Mẫu 01) and the thermal printer.
 * Built from stored records only, so a reprint is identical to the first print.
 */
export interface ReceiptModel {
  readonly unitName: string;
  readonly unitCode: string;
  /** "Bộ phận Một cửa" / "Trung tâm Phục vụ hành chính công …", configurable per unit. */
  readonly deskName: string;
  /** Địa danh for the dated line, e.g. "Tân Phú". */
  readonly place: string;
  readonly code: string;
  readonly receivedAt: string; // RFC 3339 +07:00
  readonly dueAt: string | null;
  readonly applicant: {
    readonly name: string;
    readonly idNumber: string | null;
    readonly address: string | null;
    readonly phone: string | null;
    readonly email: string | null;
    /** "nay thuộc tỉnh …" beside an address naming units before the 2025 reorganisation; the address stays as read. */
    readonly currentUnits?: string | null;
  };
  readonly procedure: { readonly code: string; readonly name: string; readonly durationText: string };
  readonly documents: ReadonlyArray<{ readonly name: string; readonly originals: number; readonly copies: number }>;
  readonly sets: number;
  readonly fees: ReadonlyArray<{ readonly name: string; readonly amountVnd: number }>;
  readonly totalFeesVnd: number;
  readonly officer: { readonly id: string; readonly name: string } | null;
  readonly counterId: string;
  readonly returnAt: string;
  readonly lookupHint: string;
  readonly reprint: boolean;
  /** Số thứ tự trong sổ theo dõi hồ sơ: the dossier's row in Mẫu 07. */
  readonly logNumber: number | null;
}

/** A turn-back slip: Mẫu 02 (yêu cầu bổ sung, hoàn thiện) or Mẫu 03 (từ chối tiếp nhận). */
export interface TurnBackModel {
  readonly form: '02' | '03';
  readonly unitName: string;
  readonly deskName: string;
  readonly place: string;
  readonly at: string;
  readonly applicant: { readonly name: string; readonly address: string | null; readonly phone: string | null };
  readonly procedure: { readonly code: string; readonly name: string };
  readonly reasons: readonly string[];
  /** Mẫu 02's "Lý do" line; null prints a line to fill in by hand. */
  readonly reason: string | null;
  readonly officer: { readonly id: string; readonly name: string } | null;
  readonly contactPhone: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `14 giờ 30 phút, ngày 21 tháng 11 năm 2026` from an RFC 3339 +07:00 time. */
export function vnLongTime(rfc3339: string): string {
  const [date, time] = rfc3339.split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return `${time.slice(0, 2)} giờ ${time.slice(3, 5)} phút, ngày ${d} tháng ${m} năm ${y}`;
}

export function vnDateLine(place: string, rfc3339: string): string {
  const [y, m, d] = rfc3339.slice(0, 10).split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

export function formatVnd(n: number): string {
  return `${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

export const shortTime = (rfc3339: string): string => {
  const [date, time] = rfc3339.split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return `${time.slice(0, 5)} ${d}/${m}/${y}`;
};

export { pad };

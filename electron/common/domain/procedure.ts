import { z } from 'zod';
import './zod-locale';
import { DEFAULT_SAME_DAY_CUTOFF, durationUnitSchema, parseHhMm, type DurationUnit } from './calendar';

/** DVCQG-style booleans and numbers arrive as strings ("1", "0", "50000"). */
const numString = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `Giá trị số không hợp lệ: ${String(v)}` });
    return z.NEVER;
  }
  return n;
});
const flag = z.union([z.string(), z.number(), z.boolean()]).transform((v) => v === true || v === 1 || v === '1' || v === 'true');

/** When a fee is collected: `TiepNhan` at intake (the default), `TraKetQua` at the hand-over of the result. */
export const feeTimingSchema = z.enum(['TiepNhan', 'TraKetQua'], { message: 'Thời điểm thu phí (ThoiDiemThu) phải là TiepNhan hoặc TraKetQua.' });
export type FeeTiming = z.infer<typeof feeTimingSchema>;

/** A procedure as the contract's catalog (§2) sends it. Unknown fields are ignored. */
export const catalogProcedureSchema = z.object({
  MaTTHC: z.string().trim().min(1).max(60),
  TenTTHC: z.string().trim().min(1).max(1000),
  MaLinhVuc: z.string().trim().max(60).optional().nullable(),
  TenLinhVuc: z.string().trim().max(500).optional().nullable(),
  CapThucHien: z.string().trim().max(40).optional().nullable(),
  ThoiHanGiaiQuyet: z
    .object({
      SoLuong: numString.optional(),
      DonViTinh: durationUnitSchema,
      /** Contract §2: the cut-off of a `TrongNgay` procedure, HH:mm (NĐ 23/2015 Điều 7: 15:00 when absent). */
      GioCatNgay: z.string().trim().optional().nullable(),
    })
    .transform((t, ctx) => {
      if (t.DonViTinh !== 'TrongNgay') {
        if (t.SoLuong === undefined) {
          ctx.addIssue({ code: 'custom', path: ['SoLuong'], message: 'Thiếu số lượng thời hạn giải quyết (SoLuong).' });
          return z.NEVER;
        }
        return { SoLuong: t.SoLuong, DonViTinh: t.DonViTinh, GioCatNgay: null };
      }
      const cutoff = t.GioCatNgay || DEFAULT_SAME_DAY_CUTOFF;
      if (parseHhMm(cutoff) === null) {
        ctx.addIssue({ code: 'custom', path: ['GioCatNgay'], message: `Giờ cắt ngày (GioCatNgay) "${cutoff}" phải có dạng HH:mm, ví dụ 15:00.` });
        return z.NEVER;
      }
      // A same-day procedure has no amount: its limit is the day itself.
      return { SoLuong: t.SoLuong ?? 0, DonViTinh: t.DonViTinh, GioCatNgay: cutoff };
    }),
  ThanhPhanHoSo: z
    .array(
      z.object({
        MaThanhPhanHoSo: z.string().trim().min(1).max(60),
        TenThanhPhan: z.string().trim().min(1).max(2000),
        BatBuoc: flag.optional().default(false),
        SoBanChinh: numString.optional().default(0),
        SoBanSao: numString.optional().default(0),
      }),
    )
    .default([]),
  LePhi: z
    .array(
      z.object({
        MaPhiLePhi: z.string().trim().min(1).max(60),
        TenPhiLePhi: z.string().trim().min(1).max(1000),
        Gia: numString,
        LoaiPhiLePhi: z.string().trim().max(20).optional().nullable(),
        /** When the fee is collected: at intake (default) or when the result is handed over. */
        ThoiDiemThu: feeTimingSchema.optional().nullable(),
      }),
    )
    .default([]),
  CoQuanThucHien: z.string().trim().max(1000).optional().nullable(),
  KetQua: z.string().trim().max(1000).optional().nullable(),
  active: z.boolean().optional().default(true),
  updatedAt: z.string().optional(),
});
export type CatalogProcedure = z.infer<typeof catalogProcedureSchema>;

export const catalogPageSchema = z.object({
  items: z.array(z.unknown()),
  cursor: z.string().nullable().optional(),
  hasMore: z.boolean().optional(),
  sample: z.boolean().optional(),
});

/** A procedure as the app uses it. */
export const procedureSchema = z.object({
  maTthc: z.string(),
  tenTthc: z.string(),
  maLinhVuc: z.string().nullable(),
  tenLinhVuc: z.string().nullable(),
  capThucHien: z.string().nullable(),
  /** `sameDayCutoff` (HH:mm) is set for `TrongNgay` only. */
  duration: z.object({ value: z.number(), unit: durationUnitSchema, sameDayCutoff: z.string().nullable() }),
  coQuan: z.string().nullable(),
  ketQua: z.string().nullable(),
  isSample: z.boolean(),
  documents: z.array(
    z.object({ code: z.string(), name: z.string(), required: z.boolean(), originals: z.number().int(), copies: z.number().int() }),
  ),
  fees: z.array(z.object({ code: z.string(), name: z.string(), amountVnd: z.number().int(), kind: z.string().nullable(), timing: feeTimingSchema.optional() })),
});
export type Procedure = z.infer<typeof procedureSchema>;

export const DURATION_LABEL: Record<DurationUnit, string> = {
  NgayLamViec: 'ngày làm việc',
  Ngay: 'ngày',
  Gio: 'giờ làm việc',
  Thang: 'tháng',
  TrongNgay: 'trong ngày',
};

const formatAmount = (n: number) => (Number.isInteger(n) ? String(n) : String(n).replace('.', ','));

/**
 * "Thời gian giải quyết hồ sơ theo quy định" as Mẫu 01 and the screen print it. A same-day
 * procedure has no amount to print; it states its cut-off instead (NĐ 23/2015 Điều 7 khoản 1).
 */
export function durationText(d: { value: number; unit: DurationUnit; sameDayCutoff?: string | null }): string {
  if (d.unit === 'TrongNgay') {
    const cutoff = d.sameDayCutoff ?? DEFAULT_SAME_DAY_CUTOFF;
    const [h, m] = cutoff.split(':');
    return `trong ngày (tiếp nhận sau ${Number(h)} giờ${m && m !== '00' ? ` ${m}` : ''} thì trả trong ngày làm việc tiếp theo)`;
  }
  return `${formatAmount(d.value)} ${DURATION_LABEL[d.unit]}`;
}

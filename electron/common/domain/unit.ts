import { z } from 'zod';
import './zod-locale';

/** Unit codes follow QCVN 102 (`000.00.01.H22`) or the short hierarchical notation (`H40.22`). */
export const unitCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Z]+(\.[0-9A-Z]+)*$/, 'Mã đơn vị chỉ gồm chữ in hoa, chữ số và dấu chấm (ví dụ 000.00.01.H22).')
  .max(40, 'Mã đơn vị quá dài.');

export const counterIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, 'Mã quầy chỉ gồm chữ, số, gạch ngang (tối đa 20 ký tự).');

export const offlineBlockSchema = z
  .object({ from: z.number().int().min(1).max(9999), to: z.number().int().min(1).max(9999) })
  .refine((b) => b.from <= b.to, { message: 'Khối số ngoại tuyến: số đầu phải nhỏ hơn hoặc bằng số cuối.' });

export const unitIdentitySchema = z.object({
  unitCode: unitCodeSchema,
  unitName: z.string().trim().min(1, 'Tên đơn vị không được để trống.').max(200),
  counterId: counterIdSchema,
  offlineBlock: offlineBlockSchema.nullable(),
});
export type UnitIdentity = z.infer<typeof unitIdentitySchema>;

export { parseOfflineBlock } from './offline-block';

/**
 * What the forms print about the one-stop desk (settings unit.deskName / unit.place / unit.phone):
 * its name, the place of the dated line ("Tân Phú, ngày …") and its phone. Null means "not set"
 * (the forms then use "Bộ phận Một cửa" and the place taken from the unit's name).
 */
export const unitDeskSchema = z.object({
  deskName: z.string().trim().min(1, 'Tên bộ phận không được để trống.').max(200).nullable(),
  place: z.string().trim().min(1, 'Địa danh không được để trống.').max(100).nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+() .-]{6,20}$/, 'Số điện thoại chỉ gồm chữ số, dấu cách, + ( ) . - (6–20 ký tự).')
    .nullable(),
});
export type UnitDesk = z.infer<typeof unitDeskSchema>;

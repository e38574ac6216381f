import { z } from 'zod';
import './zod-locale';

/**
 * Response shapes of the provincial API (contract.md). Objects are loose: servers add fields and
 * the client ignores them. Enum-like strings stay strings, so an unknown status never crashes.
 */
export const tokenResponse = z.looseObject({ access_token: z.string().min(1), token_type: z.string(), expires_in: z.number().positive() });
export const unitResponse = z.looseObject({
  unitCode: z.string(),
  tenDonVi: z.string(),
  diaChi: z.string().nullable().optional(),
  gioLamViec: z.array(z.looseObject({ from: z.string(), to: z.string() })).optional(),
  counters: z.array(z.looseObject({ counterId: z.string(), offlineBlock: z.looseObject({ from: z.number().int(), to: z.number().int() }).nullable().optional() })),
  /** Optional (contract §2): servers that predate it omit it, and the app keeps what the admin entered. */
  boPhanMotCua: z.looseObject({ ten: z.string().nullable().optional(), diaDiem: z.string().nullable().optional(), soDienThoai: z.string().nullable().optional() }).nullable().optional(),
});
export const leaseResponse = z.looseObject({ leaseId: z.string(), date: z.string(), from: z.number().int().positive(), to: z.number().int().positive() });
export const catalogResponse = z.looseObject({ items: z.array(z.unknown()), cursor: z.string().nullable().optional(), hasMore: z.boolean() });
export const putResponse = z.looseObject({ version: z.number().int().positive() });
export const dossierReadResponse = z.looseObject({ version: z.number().int().positive(), idempotencyKey: z.string().nullable().optional(), TrangThaiHoSo: z.string().optional() });
export const eventResponse = z.looseObject({ eventId: z.string() });
export const resultDocSchema = z.looseObject({ TenGiayTo: z.string().optional(), MaGiayToKetQua: z.string().optional(), DuongDanTepTinKetQua: z.string() });
export const changeSchema = z.looseObject({
  MaHoSo: z.string().min(1),
  TrangThaiHoSo: z.string(),
  version: z.number().int().nonnegative(),
  changedAt: z.string().optional(),
  NgayHenTra: z.string().nullable().optional(),
  DanhSachGiayToKetQua: z.array(resultDocSchema).nullable().optional(),
  GhiChu: z.string().nullable().optional(),
  MaTTHC: z.string().nullable().optional(),
  TenTTHC: z.string().nullable().optional(),
  MaQuay: z.string().nullable().optional(),
  NguoiTiepNhan: z.string().nullable().optional(),
  KenhThucHien: z.string().nullable().optional(),
  NgayTiepNhan: z.string().nullable().optional(),
  NgayKetThucXuLy: z.string().nullable().optional(),
  NgayTra: z.string().nullable().optional(),
  TongLePhi: z.string().nullable().optional(),
});
export type Change = z.infer<typeof changeSchema>;
export const changesResponse = z.looseObject({ changes: z.array(z.unknown()), cursor: z.string(), hasMore: z.boolean() });
export const errorBody = z.looseObject({
  error: z.string(),
  message: z.string().optional(),
  details: z.array(z.looseObject({ field: z.string().optional(), message: z.string().optional() })).optional(),
});
export const officerLoginResponse = z.looseObject({ officerId: z.string(), hoTen: z.string(), chucDanh: z.string().optional(), roles: z.array(z.string()), unitCode: z.string() });

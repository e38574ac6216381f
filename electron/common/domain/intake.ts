import { z } from 'zod';
import { keyedIssue, vi } from './zod-locale';
import { checkPersonalId } from './cccd';
import { cleanText } from './text';

const optText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => cleanText(s))
    .optional()
    .nullable()
    .transform((s) => (s ? s : null));

/** `yyyyMMdd` (national format) or `YYYY-MM-DD` → `YYYY-MM-DD`. */
const birthDate = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
    const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
    const t = Date.parse(`${iso}T00:00:00Z`);
    if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso || Number(m[1]) < 1900) {
      ctx.addIssue({ code: 'custom', ...keyedIssue('intake.birthDateBad', { value: s }) });
      return z.NEVER;
    }
    return iso;
  });

export const documentPickSchema = z.union([
  z.string().trim().min(1),
  z.object({
    MaThanhPhanHoSo: z.string().trim().min(1),
    SoBanChinh: z.number().int().min(0).max(99).optional(),
    SoBanSao: z.number().int().min(0).max(99).optional(),
  }),
]);
export const feePickSchema = z.union([z.string().trim().min(1), z.object({ MaPhiLePhi: z.string().trim().min(1), Gia: z.union([z.number(), z.string()]).optional() })]);

/**
 * A dossier as the counter screen submits it over IPC — national field names as on the wire
 * (contract §3.2; internal names are camelCase). No file paths, raw QR text or receipt time:
 * the screen attaches files by inbox token, fills the applicant from the scan event, and the
 * receipt time is the service's clock.
 */
const draftFields = z.object({
    MaTTHC: z.string().trim().min(1, vi('intake.noProcedure')),
    LoaiDoiTuong: z.enum(['1', '2', '3', '4']).default('1'),
    ChuHoSo: optText(300),
    SoGiayToChuHoSo: optText(30),
    NgaySinhChuHoSo: birthDate.optional().nullable(),
    GioiTinhChuHoSo: z.enum(['Nam', 'Nữ']).optional().nullable(),
    DiaChiChuHoSo: optText(500),
    SoDienThoai: z
      .string()
      .trim()
      .transform((s) => s.replace(/[\s.-]/g, ''))
      .refine((s) => s === '' || /^(0|\+84)\d{9,10}$/.test(s), vi('intake.phoneBad'))
      .optional()
      .nullable()
      .transform((s) => s || null),
    Email: z
      .string()
      .trim()
      .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), vi('intake.emailBad'))
      .optional()
      .nullable()
      .transform((s) => s || null),
    TrichYeuHoSo: optText(1000),
    SoBo: z.number().int().min(1).max(99).default(1),
    TaiLieuNop: z.array(documentPickSchema).default([]),
    DanhSachLePhi: z.array(feePickSchema).default([]),
    NgayCapGiayTo: optText(10),
    /** Contract §3.2 / domain doc §2.2: at a counter a dossier comes in person (1) or by public post (3); 2 is online only. */
    KenhThucHien: z.enum(['1', '3'], { error: vi('intake.channelBad') }).default('1'),
    /** Mẫu 01 "Đăng ký nhận kết quả tại": 0 at the counter, 1 by post to DiaChiNhanKetQua (the applicant's address unless given). */
    HinhThuc: z.enum(['0', '1'], { error: vi('intake.returnMethodBad') }).default('0'),
    DiaChiNhanKetQua: optText(500),
});

type DraftCheck = z.output<typeof draftFields> & { cccd?: string | null | undefined; NgayTiepNhan?: string | null | undefined };

/** The 9-digit Chứng minh nhân dân was valid ID until the end of 2024 (Luật Căn cước 2023, Điều 46). */
const CMND_VALID_UNTIL = Date.parse('2025-01-01T00:00:00+07:00');

/** A CMND is the applicant's ID only on a dossier migrated from before 2025, when it was still valid. */
function receivedWhileCmndValid(d: DraftCheck): boolean {
  const at = d.NgayTiepNhan ? parseNationalTime(d.NgayTiepNhan) : null;
  return at !== null && at.getTime() < CMND_VALID_UNTIL;
}

/** The applicant rules, shared by both boundaries; with a CCCD QR they are checked after parsing it. */
const checkApplicant = (d: DraftCheck, ctx: z.RefinementCtx) => {
    if (d.cccd) return; // the applicant comes from the card; checked after parsing
    if (!d.ChuHoSo) ctx.addIssue({ code: 'custom', path: ['ChuHoSo'], ...keyedIssue('intake.nameMissing') });
    if (d.LoaiDoiTuong === '1') {
      if (!d.SoGiayToChuHoSo) ctx.addIssue({ code: 'custom', path: ['SoGiayToChuHoSo'], ...keyedIssue('intake.idMissing') });
      else if (/^\d{9}$/.test(d.SoGiayToChuHoSo)) {
        if (!receivedWhileCmndValid(d)) {
          ctx.addIssue({ code: 'custom', path: ['SoGiayToChuHoSo'], ...keyedIssue('intake.cmndExpired', { id: d.SoGiayToChuHoSo }) });
        }
      } else {
        const p = checkPersonalId(d.SoGiayToChuHoSo);
        if (p) ctx.addIssue({ code: 'custom', path: ['SoGiayToChuHoSo'], ...keyedIssue(p.key, p.params) });
      }
    }
  };

// Pure checks without schemas: the intake screen shows them and loads no zod.
export { applicantWarnings } from './applicant-warnings';

export const intakeDraftSchema = draftFields.strict().superRefine(checkApplicant);

/**
 * `motcua intake --json` and data migration: the screen's draft plus what only a file import
 * carries — the raw CCCD QR, attachment paths (relative to the JSON file) and a past receipt time.
 */
export const intakeImportSchema = draftFields
  .extend({
    cccd: z.string().max(2000).optional().nullable(),
    attachments: z
      .array(z.union([z.string().min(1), z.object({ path: z.string().min(1), MaThanhPhanHoSo: z.string().optional() })]))
      .max(50)
      .default([]),
    /** A past receipt time: data migration only, with `--allow-backdate`; audited. */
    NgayTiepNhan: z.string().trim().optional().nullable(),
  })
  .superRefine(checkApplicant);

export type IntakeDraftInput = z.input<typeof intakeDraftSchema>;
export type IntakeDraft = z.output<typeof intakeDraftSchema>;
export type IntakeImport = z.output<typeof intakeImportSchema>;

/** National `yyyyMMddHHmmss` (Asia/Ho_Chi_Minh) or RFC 3339 → Date. */
export function parseNationalTime(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 4) !== m[1] ? null : d;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** RFC 3339 +07:00 → national `yyyyMMddHHmmss`. */
export function toNationalTime(rfc3339: string): string {
  return rfc3339.slice(0, 19).replace(/[-T:]/g, '');
}

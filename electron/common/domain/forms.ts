import { z } from 'zod';
import { vi } from './zod-locale';

/**
 * The forms of Thông tư 03/2025/TT-VPCP, Phụ lục I (domain doc §3.1), printable from a dossier.
 * Under that circular the control slip is Mẫu 06 and the log book Mẫu 07.
 */
export const FORM_IDS = ['01', '02', '03', '04', '05', '06', '07'] as const;
export const formIdSchema = z.enum(FORM_IDS, { error: () => vi('form.idBad') });
export type FormId = z.infer<typeof formIdSchema>;

export const FORM_TITLES: Readonly<Record<FormId, string>> = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
  '05': 'Thông báo dừng giải quyết hồ sơ',
  '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  '07': 'Sổ theo dõi hồ sơ',
};

/** What the officer enters for a form: Mẫu 04 needs a reason and the new appointment day, Mẫu 05 a reason. */
export const formInputSchema = z.strictObject({
  reason: z.string().trim().min(5, vi('form.reasonShort')).max(1000).nullable().optional(),
  newDueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, vi('form.newDateBad'))
    .nullable()
    .optional(),
});
export type FormInput = z.infer<typeof formInputSchema>;

export const formChoiceSchema = z.object({
  mau: formIdSchema,
  title: z.string(),
  /** Entered by the officer before printing: 'reasonAndDate' (Mẫu 04) or 'reason' (Mẫu 05, optional). */
  input: z.enum(['none', 'reason', 'reasonAndDate']),
  /** Mẫu 04/05 already written for this dossier: printing again needs no new input. */
  written: z.boolean(),
});
export type FormChoice = z.infer<typeof formChoiceSchema>;

/**
 * Which forms apply to a dossier: Mẫu 01, 05, 06 and 07 always; 02 / 03 when the applicant was
 * turned back for this procedure; 04 when the dossier is overdue, the province moved its
 * appointment, or a Mẫu 04 was already written.
 */
export function applicableForms(d: { turnBacks: ReadonlyArray<'02' | '03'>; overdue: boolean; dueMoved: boolean; written: ReadonlyArray<'04' | '05'> }): FormChoice[] {
  const out: FormChoice[] = [];
  const add = (mau: FormId, input: FormChoice['input'] = 'none') => out.push({ mau, title: FORM_TITLES[mau], input, written: (d.written as readonly string[]).includes(mau) });
  add('01');
  if (d.turnBacks.includes('02')) add('02');
  if (d.turnBacks.includes('03')) add('03');
  if (d.overdue || d.dueMoved || d.written.includes('04')) add('04', 'reasonAndDate');
  add('05', 'reason');
  add('06');
  add('07');
  return out;
}

/** A hand-over line of Mẫu 06: who gave the dossier to whom, and when. */
export interface ControlStep {
  readonly from: string;
  readonly to: string;
  readonly at: string | null;
  /** Trước hạn / Đúng hạn / Quá hạn, against the appointment; null when not judged. */
  readonly result: string | null;
  readonly note: string;
}

/** Trước hạn (an earlier day), Đúng hạn (the due day), Quá hạn (after the due time). */
export function timeliness(at: string | null, dueAt: string | null): string | null {
  if (!at || !dueAt) return null;
  if (Date.parse(at) > Date.parse(dueAt)) return 'Quá hạn';
  return at.slice(0, 10) < dueAt.slice(0, 10) ? 'Trước hạn' : 'Đúng hạn';
}

interface Header {
  readonly unitName: string;
  readonly deskName: string;
  readonly place: string;
  readonly at: string;
  readonly code: string;
  readonly officer: { readonly id: string; readonly name: string } | null;
}

/** Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết. */
export interface DelayNoticeModel extends Header {
  readonly applicant: { readonly name: string; readonly address: string | null };
  readonly procedure: string;
  readonly receivedAt: string;
  readonly dueAt: string | null;
  readonly reason: string;
  readonly newDueAt: string;
}

/** Mẫu 05 — Thông báo dừng giải quyết hồ sơ. */
export interface StopNoticeModel extends Header {
  readonly applicant: { readonly name: string; readonly address: string | null };
  readonly procedure: string;
  readonly receivedAt: string;
  readonly stage: string;
  readonly reason: string | null;
}

/** Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ (Liên 1 of Mẫu 01 travels with it). */
export interface ControlSlipModel extends Header {
  readonly applicant: string;
  readonly procedure: string;
  readonly agency: string | null;
  readonly receivedAt: string;
  readonly dueAt: string | null;
  readonly steps: readonly ControlStep[];
}

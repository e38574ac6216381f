import { z } from 'zod';

/** What `audit verify` can find (see electron/node/store/audit.ts for how each is detected). */
export const auditProblemSchema = z.enum(['edited', 'broken', 'truncated', 'keyedFromChanged', 'anchorInvalid', 'keyMissing']);
export type AuditProblemCode = z.infer<typeof auditProblemSchema>;

export const auditAnchorSchema = z.object({
  at: z.string(),
  reason: z.string(),
  rows: z.number().int().nonnegative(),
  head: z.string(),
});

/** The verdict as the CLI, the Báo cáo screen, doctor and the start-of-day check show it. Never a row's content. */
export const auditVerdictSchema = z.object({
  ok: z.boolean(),
  problem: auditProblemSchema.nullable(),
  /** Rows read before the verdict (all of them when ok). */
  entries: z.number().int().nonnegative(),
  firstBadId: z.number().int().nullable(),
  rows: z.number().int().nonnegative(),
  head: z.string(),
  anchorsChecked: z.number().int().nonnegative(),
  lastAnchor: auditAnchorSchema.nullable(),
});
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;

const PROBLEM_VI: Readonly<Record<AuditProblemCode, string>> = {
  edited: 'một dòng bị sửa',
  broken: 'một dòng bị xóa hoặc các dòng bị đảo thứ tự',
  truncated: 'các dòng cuối bị cắt bỏ hoặc viết lại so với mốc đã ghi',
  keyedFromChanged: 'điểm bắt đầu chuỗi có khóa bị thay đổi',
  anchorInvalid: 'tệp mốc nhật ký có dòng bị sửa hoặc giả mạo',
  keyMissing: 'không đọc được khóa của nhật ký nên không kiểm tra được',
};

const PROBLEM_EN: Readonly<Record<AuditProblemCode, string>> = {
  edited: 'a row was edited',
  broken: 'a row was deleted or rows were reordered',
  truncated: 'the last rows were cut off or rewritten since the recorded anchor',
  keyedFromChanged: 'the start of the keyed chain was moved',
  anchorInvalid: 'the anchor file has an edited or forged line',
  keyMissing: 'the audit key cannot be read, so the log cannot be checked',
};

/** The same line in English (MOTCUA_LANG=en, doctor's rows in the English UI). */
export function auditVerdictEn(v: AuditVerdict): string {
  if (v.ok) {
    const anchor = v.lastAnchor ? `; last anchor ${v.lastAnchor.at}, ${v.lastAnchor.rows} rows` : '; no anchor yet';
    return `Audit log intact (${v.entries} rows, ${v.anchorsChecked} anchors compared${anchor}).`;
  }
  const where = v.firstBadId !== null ? ` (row ${v.firstBadId})` : '';
  return `AUDIT LOG TAMPERED WITH: ${PROBLEM_EN[v.problem ?? 'broken']}${where}.`;
}

/** One Vietnamese line (CLI, doctor, start of day); the renderer words the same verdict from its i18n. */
export function auditVerdictVi(v: AuditVerdict): string {
  if (v.ok) {
    const anchor = v.lastAnchor ? `; mốc gần nhất ${v.lastAnchor.at}, ${v.lastAnchor.rows} dòng` : '; chưa có mốc';
    return `Nhật ký toàn vẹn (${v.entries} dòng, đối chiếu ${v.anchorsChecked} mốc${anchor}).`;
  }
  const where = v.firstBadId !== null ? ` (dòng ${v.firstBadId})` : '';
  return `NHẬT KÝ BỊ THAY ĐỔI: ${PROBLEM_VI[v.problem ?? 'broken']}${where}.`;
}

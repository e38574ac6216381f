import { z } from 'zod';
import { formatError, type KeyedText } from '../ipc/error-messages';

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

/** What a tampered log's verdict says, keyed (audit.problem.*), so the CLI and doctor word it per language. */
export function auditVerdictWording(v: AuditVerdict): KeyedText {
  const problem: KeyedText = { key: `audit.problem.${v.problem ?? 'broken'}` };
  return { key: 'audit.verdictBad', params: { problem, where: v.firstBadId !== null ? { key: 'audit.verdictRow', params: { row: v.firstBadId } } : '' } };
}

/** The same line in English (MOTCUA_LANG=en, doctor's rows in the English UI). */
export function auditVerdictEn(v: AuditVerdict): string {
  if (v.ok) {
    const anchor = v.lastAnchor ? `; last anchor ${v.lastAnchor.at}, ${v.lastAnchor.rows} rows` : '; no anchor yet';
    return `Audit log intact (${v.entries} rows, ${v.anchorsChecked} anchors compared${anchor}).`;
  }
  const w = auditVerdictWording(v);
  return formatError(w.key, w.params, 'en');
}

/** One Vietnamese line (CLI, doctor, start of day); the renderer words the same verdict from its i18n. */
export function auditVerdictVi(v: AuditVerdict): string {
  if (v.ok) {
    const anchor = v.lastAnchor ? `; mốc gần nhất ${v.lastAnchor.at}, ${v.lastAnchor.rows} dòng` : '; chưa có mốc';
    return `Nhật ký toàn vẹn (${v.entries} dòng, đối chiếu ${v.anchorsChecked} mốc${anchor}).`;
  }
  const w = auditVerdictWording(v);
  return formatError(w.key, w.params, 'vi');
}

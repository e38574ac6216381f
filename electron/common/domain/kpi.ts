/**
 * On time or late under the national KPI rules (domain doc §2.4, "chỉ số 766"):
 * - processing ends at the first of "Đã xử lý xong" (9), "Đã trả kết quả" (10), "Dừng xử lý" (8),
 *   "Công dân yêu cầu rút hồ sơ" (7) or a refusal (3); on time when that end is no later than NgayHenTra;
 * - a single supplement request (5) is itself an end point (the dossier was answered in time if
 *   the request went out by NgayHenTra);
 * - more than one supplement request makes the dossier late;
 * - with one supplement round completed and processing resumed, the waiting time is subtracted:
 *   the due time moves by the time the citizen took.
 */
export interface StatusEvent {
  readonly status: string;
  /** RFC 3339. */
  readonly at: string;
}

export interface KpiResult {
  readonly ended: boolean;
  readonly endAt: string | null;
  readonly onTime: boolean | null;
  readonly supplements: number;
  /** The due time the end is judged against (NgayHenTra moved by a supplement round's wait), RFC 3339 +07:00. */
  readonly dueAt: string | null;
}

/** End states named by the 766 rules: refused, withdrawn by the citizen, stopped, done, returned. */
export const KPI_END_STATES: readonly string[] = ['9', '10', '8', '7', '3'];
const END = KPI_END_STATES;
const rfc = (ms: number) => normalizeTime(new Date(ms).toISOString());

export function evaluateKpi(due: string | null, history: readonly StatusEvent[]): KpiResult {
  const ordered = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const supplements = ordered.filter((e, i) => e.status === '5' && ordered[i - 1]?.status !== '5').length;
  const dueMs = due ? Date.parse(due) : null;
  const firstEnd = ordered.find((e) => END.includes(e.status));
  if (supplements > 1) {
    const endAt = firstEnd?.at ?? ordered.filter((e) => e.status === '5').at(-1)!.at;
    return { ended: true, endAt, onTime: false, supplements, dueAt: due };
  }
  if (supplements === 1) {
    const i = ordered.findIndex((e) => e.status === '5');
    const req = ordered[i]!;
    const resumed = ordered.slice(i + 1).find((e) => e.status !== '5');
    if (resumed && firstEnd && Date.parse(firstEnd.at) > Date.parse(req.at)) {
      // The round was answered and processing went on: judge the final end, due moved by the wait.
      const waited = Date.parse(resumed.at) - Date.parse(req.at);
      const moved = dueMs === null ? null : dueMs + waited;
      return { ended: true, endAt: firstEnd.at, onTime: moved === null ? null : Date.parse(firstEnd.at) <= moved, supplements, dueAt: moved === null ? null : rfc(moved) };
    }
    return { ended: true, endAt: req.at, onTime: dueMs === null ? null : Date.parse(req.at) <= dueMs, supplements, dueAt: due };
  }
  if (!firstEnd) return { ended: false, endAt: null, onTime: null, supplements: 0, dueAt: due };
  return { ended: true, endAt: firstEnd.at, onTime: dueMs === null ? null : Date.parse(firstEnd.at) <= dueMs, supplements: 0, dueAt: due };
}

/** National `yyyyMMddHHmmss` (Asia/Ho_Chi_Minh) or RFC 3339 → RFC 3339 +07:00; null stays null. */
export function normalizeTime(v: string | null | undefined): string | null {
  if (!v) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + 7 * 3600_000).toISOString();
  return `${d.slice(0, 19)}+07:00`;
}

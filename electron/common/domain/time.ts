/** Asia/Ho_Chi_Minh has been UTC+07:00 without daylight saving since 1975; dossier times use it. */
export const VN_OFFSET_MINUTES = 7 * 60;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-11-21T14:30:05+07:00` for an instant. */
export function toVietnamRfc3339(d: Date): string {
  const t = new Date(d.getTime() + VN_OFFSET_MINUTES * 60_000);
  return (
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+07:00`
  );
}

/** The Vietnamese calendar date (`YYYY-MM-DD`) of an instant. */
export function vietnamDate(d: Date): string {
  return toVietnamRfc3339(d).slice(0, 10);
}

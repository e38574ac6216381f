import { VN_OFFSET_MINUTES } from './time';

/**
 * Dates as Vietnamese counters read and type them: dd/mm/yyyy, HH:mm, Vietnam time. Machine
 * forms (YYYY-MM-DD, RFC 3339) stay inside the app; these are the only way they reach a person.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** A typed day: "08/12/1985", "8/12/1985", "08.12.1985", "08-12-1985" or "08121985" → "1985-12-08"; null if not a real day. */
export function parseVnDate(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return null;
  // Day 0 of the next month is the last day of this one: 29/02 exists only in leap years.
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** "YYYY-MM-DD" (or the date part of a timestamp) → "dd/mm/yyyy"; anything else unchanged. */
export function vnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Year, month, day, hours, minutes and seconds in Vietnam time of a timestamp with or without its zone. */
function vnParts(ts: string): { date: string; hm: string; s: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(ts.trim());
  if (!m) return null;
  // Already +07:00 (how the app stores times), or no zone at all: read as written, whatever the PC's zone.
  if (!m[7] || m[7] === '+07:00' || m[7] === '+0700') return { date: `${m[3]}/${m[2]}/${m[1]}`, hm: `${m[4]}:${m[5]}`, s: m[6] ?? '00' };
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return null;
  const v = new Date(t + VN_OFFSET_MINUTES * 60_000);
  return {
    date: `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`,
    hm: `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`,
    s: pad(v.getUTCSeconds()),
  };
}

/** A timestamp → "HH:mm dd/mm/yyyy" in Vietnam time; a bare date → "dd/mm/yyyy". */
export function vnDateTime(ts: string): string {
  const p = vnParts(ts);
  return p ? `${p.hm} ${p.date}` : vnDate(ts);
}

/** A timestamp → "HH:mm" in Vietnam time. */
export function vnTime(ts: string): string {
  return vnParts(ts)?.hm ?? ts;
}

/** An instant with seconds, for a signature box: "30/11/2026 17:41:38 (GMT+7)". */
export function vnStamp(d: Date): string {
  const v = new Date(d.getTime() + VN_OFFSET_MINUTES * 60_000);
  const date = `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  return `${date} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())} (GMT+7)`;
}

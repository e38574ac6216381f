import { vnDate, vnDateTime, vnTime } from '../../electron/common/domain/vn-format';

/** Display helpers: every date a person sees is dd/mm/yyyy and every time HH:mm, in Vietnam time. */
export const hhmm = (ts: string) => vnTime(ts);
export const ddmmyyyy = (ts: string) => vnDate(ts);
export const dateTime = (ts: string | null) => (ts ? vnDateTime(ts) : '—');
/**
 * Money as Vietnamese forms print it: "1.234.567 đ". Grouped by hand, not by toLocaleString, so a
 * runtime without the vi-VN locale data cannot print "1,234,567"; whole đồng, since the đồng has no subunit.
 */
export function vnd(n: number): string {
  const whole = Math.round(Math.abs(n));
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 && whole > 0 ? '-' : ''}${grouped} đ`;
}

import { vnDate, vnDateTime, vnTime } from '../../electron/common/domain/vn-format';

/** Display helpers: every date a person sees is dd/mm/yyyy and every time HH:mm, in Vietnam time. */
export const hhmm = (ts: string) => vnTime(ts);
export const ddmmyyyy = (ts: string) => vnDate(ts);
export const dateTime = (ts: string | null) => (ts ? vnDateTime(ts) : '—');

type Locale = 'vi' | 'en';
/** Thousands and decimal marks by hand, not by toLocaleString, so a runtime without the vi-VN locale data cannot print "1,234,567" in Vietnamese. */
const MARKS: Record<Locale, { group: string; decimal: string }> = { vi: { group: '.', decimal: ',' }, en: { group: ',', decimal: '.' } };
const asLocale = (l: string | undefined): Locale => (l === 'en' ? 'en' : 'vi');

/** A number grouped and with at most `digits` decimals, as the officer's language writes it: "1.234,5" / "1,234.5". */
export function num(n: number, locale: string | undefined, digits = 0): string {
  const m = MARKS[asLocale(locale)];
  const raw = Math.abs(n).toFixed(digits);
  const fixed = raw.includes('.') ? raw.replace(/0+$/, '').replace(/\.$/, '') : raw;
  const [int = '0', frac] = fixed.split('.');
  const body = `${int.replace(/\B(?=(\d{3})+(?!\d))/g, m.group)}${frac ? `${m.decimal}${frac}` : ''}`;
  return `${n < 0 && Number(fixed) !== 0 ? '-' : ''}${body}`;
}

/** A share in per cent with one decimal at most: "87,5%" / "87.5%". */
export const pct = (n: number, locale: string | undefined) => `${num(n, locale, 1)}%`;

/**
 * Money: in Vietnamese as the forms print it, "1.234.567 đ"; in English "1,234,567 VND", the
 * currency's code, since "đ" is Vietnamese. Whole đồng: the đồng has no subunit.
 */
export function vnd(n: number, locale: string = 'vi'): string {
  const whole = Math.round(n);
  return asLocale(locale) === 'en' ? `${num(whole, 'en')} VND` : `${num(whole, 'vi')} đ`;
}

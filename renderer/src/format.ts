import { vnDate, vnDateTime, vnTime } from '../../electron/common/domain/vn-format';

/** Display helpers: every date a person sees is dd/mm/yyyy and every time HH:mm, in Vietnam time. */
export const hhmm = (ts: string) => vnTime(ts);
export const ddmmyyyy = (ts: string) => vnDate(ts);
export const dateTime = (ts: string | null) => (ts ? vnDateTime(ts) : '—');
export const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đ`;

/** Display helpers for RFC 3339 +07:00 strings: no Date parsing, so the PC's zone never matters. */
export const hhmm = (rfc: string) => rfc.slice(11, 16);
export const ddmmyyyy = (rfc: string) => `${rfc.slice(8, 10)}/${rfc.slice(5, 7)}/${rfc.slice(0, 4)}`;
export const dateTime = (rfc: string | null) => (rfc ? `${hhmm(rfc)} ${ddmmyyyy(rfc)}` : '—');
export const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đ`;

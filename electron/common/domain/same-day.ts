/** NĐ 23/2015 Điều 7 khoản 1: the cut-off of same-day procedures when the catalog names none. */
export const DEFAULT_SAME_DAY_CUTOFF = '15:00';

import { foldVietnamese } from './text';

// The catalog's type-ahead rule, in one place: the repo's SQL applies it to the whole catalog,
// the intake screen to the suggestion on screen when Enter comes before the list has caught up.

/** What the type-ahead searches in a procedure: its code, name and field, folded. */
export const procedureSearchText = (p: { maTthc: string; tenTthc: string; tenLinhVuc: string | null }): string =>
  foldVietnamese(`${p.maTthc} ${p.tenTthc} ${p.tenLinhVuc ?? ''}`);

/** The query's folded words (eight at most), every one of which an answer contains. */
export const queryWords = (query: string): string[] => foldVietnamese(query).split(' ').filter(Boolean).slice(0, 8);

/** Whether the catalog search would answer `query` with this procedure (ranking aside). */
export function matchesProcedureQuery(query: string, p: { maTthc: string; tenTthc: string; tenLinhVuc: string | null }): boolean {
  const text = procedureSearchText(p);
  return queryWords(query).every((w) => text.includes(w));
}

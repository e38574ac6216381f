/**
 * Parses `9001-9200` as given on the command line or the first-run form: whole numbers 1–9999,
 * the first not above the last (offlineBlockSchema's rules). Apart from the schemas, so the login
 * screen loads no zod.
 */
export function parseOfflineBlock(text: string): { from: number; to: number } | null {
  const m = /^\s*(\d{1,4})\s*-\s*(\d{1,4})\s*$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from >= 1 && to >= 1 && from <= to ? { from, to } : null;
}

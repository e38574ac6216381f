/** `<unitCode>-YYMMDD-XXXX` (TT 01/2018 Điều 19; contract §3.1). */
export function formatDossierCode(unitCode: string, vnDate: string, seq: number): string {
  const yymmdd = vnDate.slice(2, 4) + vnDate.slice(5, 7) + vnDate.slice(8, 10);
  return `${unitCode}-${yymmdd}-${String(seq).padStart(4, '0')}`;
}

export interface ParsedDossierCode {
  readonly unitCode: string;
  readonly date: string; // YYYY-MM-DD
  readonly seq: number;
}

/** Accepts both unit notations and 4–5 digit sequences (domain doc §1.2); validates the date. */
export function parseDossierCode(code: string): ParsedDossierCode | null {
  const m = /^([0-9A-Z]+(?:\.[0-9A-Z]+)*)-(\d{2})(\d{2})(\d{2})-(\d{4,5})$/.exec(code.trim());
  if (!m) return null;
  const [, unitCode, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string];
  const date = `20${yy}-${mm}-${dd}`;
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) return null;
  return { unitCode, date, seq: Number(seq) };
}

import type { ErrorParam, KeyedText } from './error-messages';

/** Where in an imported file a finding is: a row (from 1) and maybe its field, or another path. */
export type FindingPlace = { readonly row: number; readonly field?: string } | { readonly path: string } | { readonly calendarDay: number; readonly field: string };

export interface Finding {
  readonly place: FindingPlace;
  readonly reason: ErrorParam;
}

/**
 * A list of findings as one wording ("Dòng 3, xaMoi: …; Dòng 5: …"): each finding's key names the
 * next one, since a wording's parameters are single values. `sep` is what stands between two
 * findings, exactly as the Vietnamese message always joined them.
 */
export function findingsWording(findings: readonly Finding[], sep: string): KeyedText | '' {
  let next: KeyedText | '' = '';
  for (let i = findings.length - 1; i >= 0; i--) next = findingWording(findings[i]!, i === 0 ? '' : sep, next);
  return next;
}

function findingWording(f: Finding, sep: string, next: KeyedText | ''): KeyedText {
  const p = f.place;
  const common = { sep, reason: f.reason, next };
  if ('calendarDay' in p) return { key: 'calendar.dayFinding', params: { ...common, index: p.calendarDay, field: p.field } };
  if ('row' in p) return p.field ? { key: 'import.rowFieldFinding', params: { ...common, row: p.row, field: p.field } } : { key: 'import.rowFinding', params: { ...common, row: p.row } };
  return p.path ? { key: 'import.pathFinding', params: { ...common, path: p.path } } : { key: 'import.fileFinding', params: common };
}

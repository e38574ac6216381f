import { errorText, type AppError } from '../common/ipc/result';

/**
 * Details whose path names what failed (a token module, a certificate), not a field: their text
 * says it whole, so no "module: " goes before it.
 */
const SUBJECTS: ReadonlySet<string> = new Set(['module', 'certificate']);

/** A detail about a field that holds a secret (a PIN, a password, a client secret) is never printed, not even its reason. */
const SECRET_PATH = /pin|pass(word|phrase)?|secret|mat_?khau/i;

/**
 * A typed failure as the CLI prints it: its worded message, then, when it has details that
 * message does not already say (a token module loader's own words, a field's reason), one more
 * line "Chi tiết: …" / "Details: …" with them, each worded in `locale` when it has a key.
 */
export function failureLines(e: Pick<AppError, 'message' | 'key' | 'params' | 'details'>, locale: 'vi' | 'en'): string[] {
  const main = errorText(e, locale);
  const said = new Set<string>();
  for (const d of e.details ?? []) {
    if (SECRET_PATH.test(d.path)) continue;
    const text = errorText(d, locale).trim();
    if (!text || main.includes(text)) continue;
    said.add(d.path && !SUBJECTS.has(d.path) ? `${d.path}: ${text}` : text);
  }
  return said.size ? [main, `${locale === 'en' ? 'Details' : 'Chi tiết'}: ${[...said].join('; ')}`] : [main];
}

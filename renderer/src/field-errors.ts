import type { AppError } from '../../electron/common/ipc/result';
import { errText } from './api';

/** A refusal pinned to one field of a form: the input's name, and the text the officer reads. */
export interface FieldIssue {
  readonly field: string;
  readonly text: string;
}

/**
 * Turns a failure's details (paths like "draft.ChuHoSo" or "admin.username", messages that may
 * end in the national field name) into issues worded with the form's own labels. `fields` maps a
 * path — whole, a tail or a head of it — to the input's name and label; a detail about no known field
 * still reaches the officer, without its internal path. A keyed reason is worded in the officer's language.
 */
export function fieldIssues(
  error: Pick<AppError, 'details'>,
  fields: Readonly<Record<string, { readonly name: string; readonly label: string }>>,
): { issues: FieldIssue[]; other: string[] } {
  const issues: FieldIssue[] = [];
  const other: string[] = [];
  for (const d of error.details ?? []) {
    const parts = d.path.split('.').filter(Boolean);
    // The whole path, then its tails ("draft.ChuHoSo" → "ChuHoSo"), then its heads ("unit.offlineBlock.from" → "unit.offlineBlock").
    const candidates = [...parts.map((_, i) => parts.slice(i).join('.')), ...parts.map((_, i) => parts.slice(0, parts.length - 1 - i).join('.'))];
    const key = candidates.find((k) => k !== '' && k in fields);
    const text = plainMessage(errText(d));
    const f = key ? fields[key] : undefined;
    if (f) {
      if (!issues.some((i) => i.field === f.name)) issues.push({ field: f.name, text: `${f.label}: ${text}` });
    } else other.push(text);
  }
  return { issues, other: [...new Set(other)] };
}

/** A message without the internal names some carry for the CLI ("… (ChuHoSo)", "draft.ChuHoSo: …"). */
export function plainMessage(message: string): string {
  return message
    .replace(/^[a-z]\w*(?:\.\w+)+:\s+/, '')
    .replace(/\s*\((?:[A-Z][a-z]+){2,}\)/g, '')
    .trim();
}

/**
 * Puts the officer on the first invalid field: focused, and in view in the middle of the screen
 * (not under the sticky button bar). After React has drawn the aria-invalid marks.
 */
export function focusField(name: string, within: ParentNode = document): void {
  focusFirstField([name], within);
}

/**
 * focusField for several refused fields: the one that comes first on the screen, whatever order
 * main listed them in (its schema's order, which is not the form's: the setup form asks the
 * admin's full name before the username the schema checks first).
 */
export function focusFirstField(names: readonly string[], within: ParentNode = document): void {
  requestAnimationFrame(() => {
    const found = names.map((n) => within.querySelector<HTMLElement>(`[name="${CSS.escape(n)}"]`)).filter((el): el is HTMLElement => el !== null);
    const el = found.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center' });
  });
}

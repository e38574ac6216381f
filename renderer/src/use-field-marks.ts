import { useCallback, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../electron/common/ipc/result';
import { errText } from './api';
import { fieldIssues, focusField, focusFirstField } from './field-errors';

type Fields = Readonly<Record<string, { readonly name: string; readonly label: string }>>;

export interface FieldMarks<F extends HTMLElement> {
  readonly formRef: RefObject<F | null>;
  /** Props for an input: aria-invalid while its last refusal stands. */
  mark(name: string): { 'aria-invalid'?: true };
  /** Marks the fields a refusal names and focuses the first; returns the text for the form's alert line. */
  refuse(error: Pick<AppError, 'message' | 'key' | 'params' | 'details'>, fields: Fields): string;
  /** A check made before asking main, about one field: marked, focused, and the text names its label. */
  refuseField(name: string, label: string, text: string): string;
  clear(): void;
}

/**
 * The intake and setup forms' way of refusing, for the smaller forms of Cài đặt: the field is named
 * by its label, marked in red and focused, so an admin does not hunt for which of four inputs a
 * "Cần ít nhất 3 ký tự." is about, and never reads the contract's internal field name.
 */
export function useFieldMarks<F extends HTMLElement = HTMLFormElement>(): FieldMarks<F> {
  const { t } = useTranslation();
  const formRef = useRef<F>(null);
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const mark = useCallback((name: string) => (invalid.has(name) ? { 'aria-invalid': true as const } : {}), [invalid]);
  const refuse = useCallback<FieldMarks<F>['refuse']>(
    (error, fields) => {
      const { issues, other } = fieldIssues(error, fields);
      setInvalid(new Set(issues.map((i) => i.field)));
      if (issues[0]) focusFirstField(issues.map((i) => i.field), formRef.current ?? document);
      return [issues.length ? t('fields.fixMarked') : errText(error), ...issues.map((i) => i.text), ...other].join(' ');
    },
    [t],
  );
  const refuseField = useCallback((name: string, label: string, text: string) => {
    setInvalid(new Set([name]));
    focusField(name, formRef.current ?? document);
    return `${label}: ${text}`;
  }, []);
  const clear = useCallback(() => setInvalid(new Set()), []);
  return { formRef, mark, refuse, refuseField, clear };
}

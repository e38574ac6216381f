import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { parseVnDate, vnDate } from '../../../electron/common/domain/vn-format';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a DateInput's value is a day ('' counts as "not given", which is not an error). */
export const isDayOrEmpty = (v: string) => v === '' || ISO_DAY.test(v);

/**
 * A day typed as dd/mm/yyyy whatever the PC's locale: the browser's date input shows mm/dd/yyyy
 * on an English Windows, where "08/12/1985" silently becomes 12 August. The value is YYYY-MM-DD
 * once the text is a real day, and the text as typed until then, so a caller can refuse it
 * (isDayOrEmpty) instead of sending it as "no date".
 */
export function DateInput(p: {
  name: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  // Red only once the officer leaves the field: "08/1" on the way to "08/12/1985" is not an error.
  const [left, setLeft] = useState(false);
  const text = ISO_DAY.test(p.value) ? vnDate(p.value) : p.value;

  const change = (raw: string) => {
    setLeft(false);
    // Digits only, as on a numeric keypad: the slashes come by themselves ("08121985" → "08/12/1985").
    p.onChange(parseVnDate(raw) ?? raw);
  };

  const bad = left && !isDayOrEmpty(p.value);
  const invalid = bad || Boolean(p.invalid);
  return (
    <>
      <input
        ref={p.inputRef}
        name={p.name}
        className="date-input"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('date.placeholder')}
        maxLength={10}
        value={text}
        onChange={(e) => change(e.target.value)}
        onBlur={() => setLeft(true)}
        aria-invalid={invalid || undefined}
        aria-label={p['aria-label']}
        data-testid={p['data-testid']}
      />
      {bad && (
        <span className="field-error" role="alert">
          {t('date.invalid')}
        </span>
      )}
    </>
  );
}

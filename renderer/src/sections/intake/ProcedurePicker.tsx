import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../../electron/common/domain/procedure';
import { durationWords } from '../../duration';
import { dateTime } from '../../format';
import type { ProcedureSearch } from './useProcedureSearch';

export type DuePreview = { dueAt: string; durationText: string };

/** Combobox over the TTHC catalog, and the appointment the chosen procedure gives. */
export function ProcedurePicker(p: {
  search: ProcedureSearch;
  procedure: Procedure | null;
  due: DuePreview | null;
  inputRef: RefObject<HTMLInputElement | null>;
  invalid?: string | undefined;
  onType: (text: string) => void;
  onChoose: (procedure: Procedure) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { query, suggestions, active } = p.search;

  // Only an open list (or one still coming for the text typed) claims the arrows and Enter;
  // otherwise Enter submits the form (save).
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && (suggestions.length || p.search.pending)) {
      e.preventDefault();
      void p.search.enterChoice().then((c) => c && p.onChoose(c));
      return;
    }
    if (!suggestions.length) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      p.search.next();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      p.search.previous();
    }
  };

  return (
    <section className="card">
      <label className="picker">
        <span>{t('intake.procedure')} <kbd>F2</kbd></span>
        <input
          ref={p.inputRef}
          name="procedure"
          value={query}
          autoComplete="off"
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls="procedure-list"
          placeholder={t('intake.procedureHint')}
          onChange={(e) => p.onType(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={p.invalid ? true : undefined}
        />
      </label>
      {suggestions.length > 0 && (
        <ul id="procedure-list" role="listbox" className="suggestions">
          {suggestions.map((s, i) => (
            <li key={s.maTthc} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={() => void p.onChoose(s)}>
              <span>{s.tenTthc}</span>
              <span className="muted"> · {s.tenLinhVuc} · {s.maTthc}{s.isSample ? ` · ${t('intake.sample')}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
      {p.procedure && p.due && (
        <p className="due" data-testid="due-preview">
          {t('intake.duePreview', { duration: durationWords(p.procedure.duration, t, i18n.language === 'en' ? 'en' : 'vi'), due: dateTime(p.due.dueAt) })}
        </p>
      )}
    </section>
  );
}

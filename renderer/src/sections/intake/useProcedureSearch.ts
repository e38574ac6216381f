import { useCallback, useEffect, useState } from 'react';
import type { Procedure } from '../../../../electron/common/domain/procedure';
import { matchesProcedureQuery } from '../../../../electron/common/domain/procedure-search';
import { api } from '../../api';

/**
 * The picker's text lives here, above the form, not in the picker: the form unmounts while a
 * saved dossier is shown, and a card scanned then brings it back with the procedure's name intact.
 */
export interface ProcedureSearch {
  readonly query: string;
  readonly suggestions: readonly Procedure[];
  readonly active: number;
  /** Text is in the field and its list has not come back yet: Enter still belongs to the picker. */
  readonly pending: boolean;
  /**
   * What Enter chooses: the active suggestion when the list answers the text in the field, or else
   * the first answer for that text, asked now. A fast typist or a wedge scanner presses Enter before
   * the list has caught up with the last keys, and the list on screen then answers older text
   * ("khai" shows "khai sinh" first while the field already says "khai tử").
   */
  enterChoice(): Promise<Procedure | null>;
  /** Puts text in the field with the list closed: a procedure was chosen, or the form was cleared. */
  show(text: string): void;
  type(text: string): void;
  close(): void;
  next(): void;
  previous(): void;
}

export function useProcedureSearch(procedure: Procedure | null): ProcedureSearch {
  const [query, setQuery] = useState('');
  const [suggestions, setSuggestions] = useState<Procedure[]>([]);
  const [active, setActive] = useState(0);
  const [answered, setAnswered] = useState<string | null>(null);

  useEffect(() => {
    // The chosen procedure's own name in the field is not a search.
    if (!query.trim() || (procedure && query === procedure.tenTthc)) {
      setSuggestions([]);
      return;
    }
    // Asked at every key, no debounce: a catalog query is a millisecond, and a wait would be paid
    // on the last key too. Enter never depends on the list having caught up (enterChoice). An
    // answer to text no longer in the field is dropped: arriving after Enter chose a procedure, it
    // would reopen the list under the choice and make the next Esc close a list nobody sees.
    let current = true;
    void api()['catalog.search']({ query }).then((r) => {
      if (r.ok && current) {
        setSuggestions(r.value);
        setAnswered(query);
        setActive(0);
      }
    });
    return () => {
      current = false;
    };
  }, [query, procedure]);

  const show = useCallback((text: string) => {
    setQuery(text);
    setSuggestions([]);
  }, []);
  const close = useCallback(() => setSuggestions([]), []);
  const next = useCallback(() => setActive((i) => Math.min(suggestions.length - 1, i + 1)), [suggestions.length]);
  const previous = useCallback(() => setActive((i) => Math.max(0, i - 1)), []);

  const enterChoice = useCallback(async (): Promise<Procedure | null> => {
    // The highlighted line is taken as it is when it answers the text in the field (the officer
    // may be looking at it); a line left from older text that the new text rules out is not.
    const shown = suggestions[active];
    if (shown && (answered === query || matchesProcedureQuery(query, shown))) return shown;
    const r = await api()['catalog.search']({ query });
    return r.ok ? (r.value[0] ?? null) : null;
  }, [answered, query, suggestions, active]);
  const pending = query.trim() !== '' && answered !== query && !(procedure && query === procedure.tenTthc);

  return { query, suggestions, active, pending, enterChoice, show, type: setQuery, close, next, previous };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Procedure } from '../../../../electron/common/domain/procedure';
import { api } from '../../api';

/**
 * The picker's text lives here, above the form, not in the picker: the form unmounts while a
 * saved dossier is shown, and a card scanned then brings it back with the procedure's name intact.
 */
export interface ProcedureSearch {
  readonly query: string;
  readonly suggestions: readonly Procedure[];
  /** The text the suggestions answer (the list carries it, so a check can tell a partial query's list from the whole one's). */
  readonly answered: string | null;
  readonly active: number;
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
  /** The text whose suggestions are wanted; null when none are (empty, or a chosen procedure's name). */
  const wanted = useRef<string | null>(null);
  const asking = useRef(false);

  // At most one catalog query in flight, always for the newest text: the first key is answered at
  // once (no fixed debounce on every search), and a scanner or a fast typist costs one query per
  // answer, not one per key. An answer to text no longer in the field is dropped: arriving after
  // Enter chose a procedure, it would reopen the list under the choice and make the next Esc close
  // a list nobody sees.
  const ask = useCallback(async () => {
    if (asking.current) return;
    asking.current = true;
    try {
      for (let q = wanted.current; q !== null; q = wanted.current) {
        const r = await api()['catalog.search']({ query: q });
        if (wanted.current !== q) continue;
        if (r.ok) {
          setSuggestions(r.value);
          setAnswered(q);
          setActive(0);
        }
        break;
      }
    } finally {
      asking.current = false;
    }
  }, []);

  useEffect(() => {
    // The chosen procedure's own name in the field is not a search.
    if (!query.trim() || (procedure && query === procedure.tenTthc)) {
      wanted.current = null;
      setSuggestions([]);
      return;
    }
    wanted.current = query;
    void ask();
  }, [query, procedure, ask]);
  useEffect(
    () => () => {
      wanted.current = null;
    },
    [],
  );

  const show = useCallback((text: string) => {
    setQuery(text);
    setSuggestions([]);
  }, []);
  const close = useCallback(() => setSuggestions([]), []);
  const next = useCallback(() => setActive((i) => Math.min(suggestions.length - 1, i + 1)), [suggestions.length]);
  const previous = useCallback(() => setActive((i) => Math.max(0, i - 1)), []);

  return { query, suggestions, answered, active, show, type: setQuery, close, next, previous };
}

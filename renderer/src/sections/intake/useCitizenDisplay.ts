import { useEffect, useState } from 'react';
import type { DisplayDraft } from '../../../../electron/common/domain/citizen-display';
import { api } from '../../api';
import type { IntakeDraftState } from './useIntakeDraft';

/** What the citizen should confirm, from the form: names only (the ID number is masked in main). */
export function displayDraftOf(d: Pick<IntakeDraftState, 'procedure' | 'applicant' | 'docs' | 'fees' | 'due'>): DisplayDraft | null {
  const { procedure, applicant } = d;
  if (!procedure && !applicant.ChuHoSo.trim()) return null;
  return {
    applicantName: applicant.ChuHoSo.slice(0, 300),
    idNumber: applicant.SoGiayToChuHoSo.slice(0, 30),
    procedure: procedure?.tenTthc.slice(0, 1000) ?? null,
    documents: procedure ? procedure.documents.filter((x) => d.docs.has(x.code)).map((x) => x.name) : [],
    fees: procedure ? procedure.fees.filter((f) => d.fees.has(f.code)).map((f) => ({ name: f.name, amountVnd: f.amountVnd })) : [],
    dueAt: d.due?.dueAt ?? null,
  };
}

/**
 * Keeps the citizen display in step with the form: the draft as it changes (debounced), then the
 * saved dossier and its rating prompt. Returns the citizen's rating of the saved dossier, once given.
 */
export function useCitizenDisplay(d: IntakeDraftState): number | null {
  const draft = d.saved ? null : displayDraftOf(d);
  const key = JSON.stringify(draft);
  const savedCode = d.saved?.code ?? null;
  const [rated, setRated] = useState<{ code: string; rating: number } | null>(null);

  useEffect(() => {
    if (savedCode) return;
    const timer = setTimeout(() => void api()['display.show']({ draft: JSON.parse(key) as DisplayDraft | null }), 120);
    return () => clearTimeout(timer);
  }, [key, savedCode]);

  useEffect(() => {
    if (savedCode) void api()['display.showSaved']({ code: savedCode });
  }, [savedCode]);

  useEffect(
    () =>
      api().on('display.state', (s) => {
        if (s.phase === 'saved' && s.rating !== null) setRated({ code: s.code, rating: s.rating });
      }),
    [],
  );

  return rated && rated.code === savedCode ? rated.rating : null;
}

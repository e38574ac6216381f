import { memo, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../../electron/common/domain/dossier';
import { api } from '../../api';
import { DossierTable } from '../../components/DossierTable';

/** Today's dossiers; the section reloads them after each save so the new one shows at once. */
export function useTodayDossiers() {
  const [rows, setRows] = useState<DossierSummary[]>([]);
  const reload = useCallback(async () => {
    const r = await api()['dossier.listDay']({});
    if (r.ok) setRows(r.value);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { rows, reload };
}

/**
 * Memoised: the intake form re-renders on every key, on "busy" and on "saved", and the table (a
 * sort, a filter and the virtualizer's measure) need not follow unless the rows changed.
 */
export const TodayDossiers = memo(function TodayDossiers({ rows }: { rows: DossierSummary[] }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2>{t('intake.today')}</h2>
      <DossierTable rows={rows} testId="today-table" />
    </section>
  );
});

import { useCallback, useEffect, useState } from 'react';
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

export function TodayDossiers({ rows }: { rows: DossierSummary[] }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2>{t('intake.today')}</h2>
      <DossierTable rows={rows} testId="today-table" />
    </section>
  );
}

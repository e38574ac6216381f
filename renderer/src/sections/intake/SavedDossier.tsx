import { useTranslation } from 'react-i18next';
import { dateTime } from '../../format';

export type Saved = { code: string; receivedAt: string; dueAt: string };

/** Print has focus: handing over the receipt is always the next step. */
export function SavedDossier(p: { saved: Saved; onPrint: () => Promise<void>; onPrintThermal: () => Promise<void>; onNew: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card saved" data-testid="intake-saved">
      <h2>{t('intake.savedTitle')}</h2>
      <p className="big-code mono" data-testid="saved-code">{p.saved.code}</p>
      <p>{t('intake.savedDue', { due: dateTime(p.saved.dueAt) })}</p>
      <div className="actions">
        <button autoFocus onClick={() => void p.onPrint()}>{t('intake.print')} (Ctrl+P)</button>
        <button className="secondary" onClick={() => void p.onPrintThermal()}>{t('intake.printThermal')} (Ctrl+Shift+P)</button>
        <button className="secondary" onClick={p.onNew}>{t('intake.new')} (Esc)</button>
      </div>
    </section>
  );
}

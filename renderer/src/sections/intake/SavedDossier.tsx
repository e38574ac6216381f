import { useTranslation } from 'react-i18next';
import type { KeyedText } from '../../../../electron/common/ipc/error-messages';
import { errText } from '../../api';
import { dateTime } from '../../format';

/** `warnings`: what to check on the applicant's card; the dossier is received all the same. */
export type Saved = { code: string; receivedAt: string; dueAt: string; warnings: readonly string[]; warningKeys: readonly KeyedText[] };

/** Print has focus: handing over the receipt is always the next step. */
export function SavedDossier(p: { saved: Saved; citizenRating?: number | null; printing: boolean; onPrint: () => Promise<void>; onPrintThermal: () => Promise<void>; onNew: () => void }) {
  const { t } = useTranslation();
  return (
    // Busy from the request to the PDF sent (or the failure): the first receipt renders cold, for seconds.
    <section className="card saved" data-testid="intake-saved" aria-busy={p.printing || undefined}>
      <h2>{t('intake.savedTitle')}</h2>
      <p className="big-code code" data-testid="saved-code">{p.saved.code}</p>
      <p>{t('intake.savedDue', { due: dateTime(p.saved.dueAt) })}</p>
      {p.citizenRating != null && (
        <p role="status" className="message ok" data-testid="citizen-rated">
          {t('displayx.rated', { n: p.citizenRating })}
        </p>
      )}
      {p.saved.warnings.length > 0 && (
        <div role="note" className="message warn" data-testid="saved-warnings">
          <strong>{t('intake.checkCard')}</strong>
          {p.saved.warnings.map((w, i) => {
            const keyed = p.saved.warningKeys[i];
            return <div key={w}>{keyed ? errText({ message: w, ...keyed }) : w}</div>;
          })}
        </div>
      )}
      <div className="actions">
        <button autoFocus disabled={p.printing} aria-busy={p.printing || undefined} onClick={() => void p.onPrint()}>{t('intake.print')} (Ctrl+P)</button>
        <button className="secondary" onClick={() => void p.onPrintThermal()}>{t('intake.printThermal')} (Ctrl+Shift+P)</button>
        <button className="secondary" onClick={p.onNew}>{t('intake.new')} (Esc)</button>
        {p.printing && (
          <span role="status" className="busy" data-testid="print-busy">
            {t('busy.printing')}
          </span>
        )}
      </div>
    </section>
  );
}

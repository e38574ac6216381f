import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TurnBackDialog } from '../components/TurnBackDialog';
import { ApplicantFields } from './intake/ApplicantFields';
import { AttachmentPreview, Attachments } from './intake/Attachments';
import { DocumentChecklist } from './intake/DocumentChecklist';
import { OverrideDialog } from './intake/OverrideDialog';
import { ProcedurePicker } from './intake/ProcedurePicker';
import { SavedDossier } from './intake/SavedDossier';
import { useCitizenDisplay } from './intake/useCitizenDisplay';
import { TodayDossiers, useTodayDossiers } from './intake/TodayDossiers';
import { TurnBackPrint, useTurnBackPrint } from './intake/TurnBackPrint';
import { useIntakeDraft } from './intake/useIntakeDraft';
import { useIntakeShortcuts, type TurnBackForm } from './intake/useIntakeShortcuts';

/**
 * Tiếp nhận: scan the ID card, pick the procedure, tick the documents seen (Alt+K: every required
 * one) and confirm the fees, save. Keyboard: F2 procedure, Enter save, Ctrl+P print, Esc new
 * dossier, Alt+B / Alt+T turn back, Alt+F add files, Alt+S files from the scanner folder.
 */
export function IntakeSection({ onSaved }: { onSaved?: () => void }) {
  const { t } = useTranslation();
  const today = useTodayDossiers();
  const slip = useTurnBackPrint();
  const d = useIntakeDraft(() => {
    slip.clear();
    void today.reload();
    onSaved?.();
  });
  const [turnBack, setTurnBack] = useState<TurnBackForm | null>(null);
  useIntakeShortcuts(d, turnBack, setTurnBack);
  const citizenRating = useCitizenDisplay(d);
  const { procedure, applicant } = d;

  return (
    <div className="intake">
      {d.notice && <p role="status" className="message ok" data-testid="intake-notice">{d.notice}</p>}
      <TurnBackPrint slip={slip.slip} onPrint={(form, offer) => void slip.print(form, offer)} />
      {d.scanWarning && <p role="alert" className="message warn" data-testid="scan-warning">{d.scanWarning}</p>}
      {d.errors.length > 0 && (
        <div role="alert" className="message error" data-testid="intake-errors" ref={(el) => el?.scrollIntoView({ block: 'nearest' })}>
          {d.errors.map((m, i) => (
            <div key={i}>{m}</div>
          ))}
        </div>
      )}
      {d.saved ? (
        <SavedDossier saved={d.saved} citizenRating={citizenRating} printing={d.printing} onPrint={d.print} onPrintThermal={d.printThermal} onNew={d.reset} />
      ) : (
        <form autoComplete="off" className="intake-form" onSubmit={d.save} aria-label={t('section.intake.title')}>
          <ProcedurePicker search={d.search} procedure={procedure} due={d.due} inputRef={d.pickerRef} invalid={d.invalid.procedure} onType={d.typeProcedure} onChoose={d.choose} />
          <ApplicantFields applicant={applicant} history={d.history} reused={d.reused} invalid={d.invalid} onChange={d.setField} />
          {procedure && (
            <section className="card">
              <DocumentChecklist procedure={procedure} docs={d.docs} fees={d.fees} missing={d.missing} onToggleDoc={d.toggleDoc} onToggleFee={d.toggleFee} onCheckRequired={d.checkRequired} />
              <Attachments documents={procedure.documents} files={d.files} onAdd={d.addFiles} onPreview={d.showPreview} onAttach={d.attach} onRemove={d.removeFile} />
            </section>
          )}
          <div className="actions sticky">
            <button ref={d.saveRef} type="submit" disabled={d.busy} data-testid="save">{t('intake.save')} (Enter)</button>
            <button type="button" className="secondary" disabled={!procedure} onClick={() => setTurnBack('02')}>{t('intake.form02')} (Alt+B)</button>
            <button type="button" className="secondary" disabled={!procedure} onClick={() => setTurnBack('03')}>{t('intake.form03')} (Alt+T)</button>
            <button type="button" className="secondary" onClick={d.reset}>{t('intake.clear')} (Esc)</button>
          </div>
        </form>
      )}

      <TodayDossiers rows={today.rows} />

      {turnBack && procedure && (
        <TurnBackDialog
          form={turnBack}
          procedure={procedure}
          applicant={{ name: applicant.ChuHoSo, address: applicant.DiaChiChuHoSo, phone: applicant.SoDienThoai, idNumber: applicant.SoGiayToChuHoSo }}
          suggested={turnBack === '02' ? d.missing.map((m) => t('intake.supplyDoc', { name: m.name })) : []}
          onClose={(recorded) => {
            setTurnBack(null);
            if (!recorded) return;
            d.turnedBack(turnBack);
            void slip.print(turnBack, recorded);
          }}
        />
      )}
      {d.preview && <AttachmentPreview preview={d.preview} onClose={d.closePreview} />}
      {d.stale && !d.saved && <OverrideDialog message={d.stale} onSubmit={(o) => d.save(undefined, o)} onClose={d.closeStale} />}
    </div>
  );
}

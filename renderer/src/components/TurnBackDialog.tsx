import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../electron/common/domain/procedure';
import { api, errText } from '../api';
import type { PrintOffer } from './PrintView';

/**
 * Mẫu 02 / 03: reasons one per line; Ctrl+Enter confirms, Esc cancels. Nothing is recorded as
 * accepted. Once recorded, the form is handed back (`onClose(document)`) for the print view.
 */
export function TurnBackDialog(p: {
  form: '02' | '03';
  procedure: Procedure;
  applicant: { name: string; address: string; phone: string; idNumber: string };
  suggested: string[];
  /** The recorded form's print offer, or null when cancelled. */
  onClose: (recorded: PrintOffer | null) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(p.suggested.join('\n'));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  // From Ctrl+Enter to the answer: the form's PDF renders in that call (cold, the day's first, for
  // seconds), and a second Ctrl+Enter would record the citizen turned back twice.
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await api()['intake.turnBack']({
      form: p.form,
      MaTTHC: p.procedure.maTthc,
      ChuHoSo: p.applicant.name,
      DiaChiChuHoSo: p.applicant.address || null,
      SoDienThoai: p.applicant.phone || null,
      SoGiayToChuHoSo: p.applicant.idNumber || null,
      reasons: text.split('\n').map((s) => s.trim()).filter(Boolean),
      ...(p.form === '02' ? { reason: reason.trim() || null } : {}),
    });
    setBusy(false);
    if (r.ok) p.onClose(r.value.document);
    else setError([errText(r.error), ...(r.error.details ?? []).map(errText)].join(' '));
  };
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="tb-title"
        aria-busy={busy || undefined}
        onKeyDown={(e) => {
          // The dialog's keys stop here: the intake form's own Esc (a new dossier) listens on the
          // window and, once this Esc has closed the dialog, would clear the draft behind it.
          if (e.key === 'Escape') {
            e.stopPropagation();
            if (!busy) p.onClose(null);
          }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.stopPropagation();
            void confirm();
          }
        }}
      >
        <h2 id="tb-title">{p.form === '02' ? t('intake.form02Title') : t('intake.form03Title')}</h2>
        <p>{p.procedure.tenTthc}</p>
        <label className="block">
          {p.form === '02' ? t('intake.form02Label') : t('intake.form03Label')}
          <textarea ref={ref} rows={6} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        {p.form === '02' && (
          <label className="block">
            {t('intake.form02Reason')}
            <input name="turnBackReason" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="turnback-reason" />
          </label>
        )}
        {error && <p role="alert" className="message error">{error}</p>}
        <div className="actions">
          <button disabled={busy} onClick={() => void confirm()}>{t('intake.turnBackConfirm')} (Ctrl+Enter)</button>
          <button className="secondary" disabled={busy} onClick={() => p.onClose(null)}>{t('intake.cancel')} (Esc)</button>
          {busy && (
            <span role="status" className="busy" data-testid="turnback-busy">
              {t('print.turnBackBusy', { form: p.form })}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

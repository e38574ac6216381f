import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../electron/common/domain/procedure';
import { api, errText } from '../api';

/** Mẫu 02 / 03: reasons one per line; Ctrl+Enter confirms, Esc cancels. Nothing is recorded as accepted. */
export function TurnBackDialog(p: {
  form: '02' | '03';
  procedure: Procedure;
  applicant: { name: string; address: string; phone: string; idNumber: string };
  suggested: string[];
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(p.suggested.join('\n'));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const confirm = async () => {
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
    if (r.ok) p.onClose(true);
    else setError([errText(r.error), ...(r.error.details ?? []).map(errText)].join(' '));
  };
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="tb-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') p.onClose(false);
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void confirm();
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
          <button onClick={() => void confirm()}>{t('intake.turnBackConfirm')} (Ctrl+Enter)</button>
          <button className="secondary" onClick={() => p.onClose(false)}>{t('intake.cancel')} (Esc)</button>
        </div>
      </div>
    </div>
  );
}

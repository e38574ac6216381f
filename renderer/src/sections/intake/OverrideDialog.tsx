import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Override {
  readonly supervisor: string;
  readonly password: string;
  readonly reason: string;
}

/**
 * Sync is too stale to keep issuing receipts: a supervisor — a second person, at this counter —
 * types their own account and a reason to let this one dossier through. Main checks the
 * credentials and audits both people; the password is cleared after every try.
 */
export function OverrideDialog(p: { message: string; onSubmit: (o: Override) => Promise<string | null>; onClose: () => void }) {
  const { t } = useTranslation();
  const [supervisor, setSupervisor] = useState('');
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const failure = await p.onSubmit({ supervisor: supervisor.trim(), password, reason: reason.trim() });
    setBusy(false);
    setPassword('');
    if (failure) setError(failure);
  };
  return (
    <div className="dialog-backdrop">
      {/* The dialog role sits on a div around the form: a form may not take it (axe: aria-allowed-role). */}
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ov-title"
        data-testid="override-dialog"
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          // Esc closes the dialog only; the dossier behind it stays as typed.
          e.stopPropagation();
          p.onClose();
        }}
      >
        <form
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 id="ov-title">{t('intake.override.title')}</h2>
          <p className="message warn">{p.message}</p>
          <p>{t('intake.override.hint')}</p>
          <label className="block">
            {t('intake.override.supervisor')}
            <input ref={first} autoComplete="off" value={supervisor} onChange={(e) => setSupervisor(e.target.value)} data-testid="override-supervisor" />
          </label>
          <label className="block">
            {t('intake.override.password')}
            <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="override-password" />
          </label>
          <label className="block">
            {t('intake.override.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="override-reason" />
          </label>
          {error && <p role="alert" className="message error" data-testid="override-error">{error}</p>}
          <div className="actions">
            <button type="submit" disabled={busy}>{t('intake.override.confirm')} (Enter)</button>
            <button type="button" className="secondary" onClick={p.onClose}>{t('intake.cancel')} (Esc)</button>
          </div>
        </form>
      </div>
    </div>
  );
}

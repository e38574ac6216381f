import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormChoice, FormId } from '../../../electron/common/domain/forms';
import { api, errText } from '../api';
import { printOffered } from './PrintView';
import { DateInput, isDayOrEmpty } from './DateInput';

/**
 * "In mẫu…" of a dossier: the forms that apply to it, each printed (and reprinted) the way the
 * receipt is. Mẫu 04 asks for the reason and the new appointment day first; Mẫu 05 takes an
 * optional reason. Esc closes.
 */
export function FormsPanel(p: { code: string; onDone: (message: { kind: 'ok' | 'error'; text: string }) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<FormChoice[] | null>(null);
  const [asking, setAsking] = useState<FormId | null>(null);
  const [reason, setReason] = useState('');
  const [newDate, setNewDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    void api()['form.list']({ code: p.code }).then((r) => (r.ok ? setChoices(r.value) : setError(errText(r.error))));
  }, [p.code]);
  // Below the detail the list would open out of sight: bring it up with the keyboard on its first form.
  useEffect(() => {
    if (!choices) return;
    ref.current?.scrollIntoView({ block: 'nearest' });
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus({ preventScroll: true });
  }, [choices]);

  const print = async (mau: FormId, input: { reason?: string | null; newDueDate?: string | null } = {}) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await api()['form.print']({ code: p.code, mau, ...input });
    if (!r.ok) {
      setBusy(false);
      return setError([errText(r.error), ...(r.error.details ?? []).map(errText)].join(' '));
    }
    const printed = await printOffered(r.value.document);
    setBusy(false);
    if (!printed.ok) return setError(printed.text);
    setAsking(null);
    p.onDone({ kind: 'ok', text: t('forms.printed', { mau }) });
  };

  const start = (c: FormChoice) => {
    if (c.input === 'none') return void print(c.mau);
    setReason('');
    setNewDate('');
    setAsking(c.mau);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!asking) return;
    if (asking === '04') {
      // A Mẫu 04 already written reprints as it was when nothing new is entered.
      if (!reason.trim() && !newDate && choices?.find((c) => c.mau === '04')?.written) return void print('04');
      if (!newDate || !isDayOrEmpty(newDate)) return setError(t('forms.needsDate'));
      return void print('04', { reason: reason.trim(), newDueDate: newDate });
    }
    return void print(asking, { reason: reason.trim() || null });
  };

  return (
    <section ref={ref} className="card" data-testid="forms-panel" aria-label={t('forms.title')} onKeyDown={(e) => e.key === 'Escape' && p.onClose()}>
      <h3>{t('forms.title')}</h3>
      {error && <p role="alert" className="message error" data-testid="forms-error">{error}</p>}
      {!choices && !error && <p role="status">{t('forms.loading')}</p>}
      <ul className="forms-list">
        {choices?.map((c) => (
          <li key={c.mau}>
            <button className="secondary" disabled={busy} onClick={() => start(c)} data-testid={`form-print-${c.mau}`}>
              {t('forms.item', { mau: c.mau, title: t(`forms.t${c.mau}`) })}
              {c.input !== 'none' ? '…' : ''}
            </button>
          </li>
        ))}
      </ul>
      {asking && (
        <form autoComplete="off" className="form-grid" onSubmit={submit} aria-label={t('forms.item', { mau: asking, title: t(`forms.t${asking}`) })}>
          <label className="span2">
            {asking === '04' ? t('forms.reason04') : t('forms.reason05')}
            <input name="formReason" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} data-testid="form-reason" />
          </label>
          {asking === '04' && (
            <label>
              {t('forms.newDate')}
              <DateInput name="newDueDate" value={newDate} onChange={setNewDate} data-testid="form-new-date" />
            </label>
          )}
          <div>
            <button type="submit" disabled={busy} data-testid="form-confirm">{t('forms.print')}</button>
          </div>
        </form>
      )}
      <div className="actions">
        <button className="secondary" onClick={p.onClose}>{t('forms.close')} (Esc)</button>
      </div>
    </section>
  );
}

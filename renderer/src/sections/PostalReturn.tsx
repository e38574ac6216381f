import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { dateTime } from '../format';

/** A result the applicant asked to receive by post (Mẫu 01 line 6): handed to the post with its tracking number. */
export function PostalReturn({ view, onDone }: { view: Output<'returns.open'>; onDone: (message: { kind: 'ok' | 'error'; text: string }) => void }) {
  const { t } = useTranslation();
  const [tracking, setTracking] = useState('');
  const d = view.delivery;
  if (d.method !== '1') return null;
  const post = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api()['returns.postOut']({ code: view.dossier.code, trackingNo: tracking });
    onDone(r.ok ? { kind: 'ok', text: t('returns.posted', { at: dateTime(r.value.postedAt), tracking: tracking.trim().toUpperCase() }) } : { kind: 'error', text: errText(r.error) });
  };
  return (
    <form autoComplete="off" className="card" onSubmit={post} aria-label={t('returns.postOut')} data-testid="postal-return">
      <p>{t('returns.postal', { address: d.postalAddress ?? '' })}</p>
      {d.postedAt ? (
        <p className="muted">{t('returns.posted', { at: dateTime(d.postedAt), tracking: d.trackingNo ?? '' })}</p>
      ) : (
        view.returnable && (
          <div className="form-grid">
            <label>
              {t('returns.trackingNo')}
              <input name="trackingNo" value={tracking} onChange={(e) => setTracking(e.target.value)} />
            </label>
            <div className="actions">
              <button type="submit" data-testid="post-out">{t('returns.postOut')}</button>
            </div>
          </div>
        )
      )}
    </form>
  );
}

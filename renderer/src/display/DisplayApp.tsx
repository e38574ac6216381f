import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayState } from '../../../electron/common/domain/citizen-display';
import { displayApi, errText } from '../api';
import { dateTime, vnd } from '../format';

const LEVELS = [1, 2, 3, 4, 5] as const;
const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/**
 * The citizen's screen: what the officer is recording, in large type, for confirmation; then the
 * receipt summary and a 1–5 rating by touch. It reads `display.state` and calls `display.rate`,
 * the only two channels this window may use.
 */
export function DisplayApp() {
  const { t } = useTranslation();
  const [state, setState] = useState<DisplayState>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const off = displayApi().on('display.state', (s) => {
      setState(s);
      setError(null);
    });
    void displayApi()['display.state']({}).then((r) => r.ok && setState(r.value));
    return off;
  }, []);

  const rate = async (rating: number) => {
    const r = await displayApi()['display.rate']({ rating });
    setError(r.ok ? null : errText(r.error));
  };

  if (state.phase === 'idle') {
    return (
      <main className="citizen idle" data-testid="display-idle">
        <h1>{t('citizenDisplay.idle')}</h1>
      </main>
    );
  }
  if (state.phase === 'draft') {
    return (
      <main className="citizen" data-testid="display-draft">
        <h1>{t('citizenDisplay.check')}</h1>
        <dl>
          <dt>{t('citizenDisplay.applicant')}</dt>
          <dd data-testid="display-name">{state.applicantName || '—'}</dd>
          <dt>{t('citizenDisplay.idNumber')}</dt>
          <dd data-testid="display-id">{state.idMasked || '—'}</dd>
          <dt>{t('citizenDisplay.procedure')}</dt>
          <dd data-testid="display-procedure">{state.procedure ?? '—'}</dd>
          <dt>{t('citizenDisplay.documents')}</dt>
          <dd>
            {state.documents.length === 0 ? t('citizenDisplay.none') : (
              <ul data-testid="display-documents">{state.documents.map((d) => <li key={d}>{d}</li>)}</ul>
            )}
          </dd>
          <dt>{t('citizenDisplay.fees')}</dt>
          <dd data-testid="display-fees">
            {state.fees.length === 0 ? t('citizenDisplay.none') : (
              <ul>
                {state.fees.map((f) => <li key={f.name}>{f.name}: {vnd(f.amountVnd)}</li>)}
                <li className="total">{t('citizenDisplay.feeTotal')}: {vnd(state.feeTotalVnd)}</li>
              </ul>
            )}
          </dd>
          <dt>{t('citizenDisplay.due')}</dt>
          <dd data-testid="display-due">{dateTime(state.dueAt)}</dd>
        </dl>
        <p className="hint">{t('citizenDisplay.confirm')}</p>
      </main>
    );
  }
  return (
    <main className="citizen" data-testid="display-saved">
      <h1>{t('citizenDisplay.savedTitle')}</h1>
      <p>{t('citizenDisplay.code')}: <strong className="code" data-testid="display-code">{state.code}</strong></p>
      <p>{t('citizenDisplay.due')}: <strong data-testid="display-saved-due">{dateTime(state.dueAt)}</strong></p>
      {state.rating === null ? (
        <section data-testid="display-rating">
          <h2>{t('citizenDisplay.ratePrompt')}</h2>
          <div className="faces">
            {LEVELS.map((n) => (
              <button key={n} type="button" data-rating={n} onClick={() => void rate(n)}>
                <span className="face" aria-hidden="true">{stars(n)}</span>
                <span className="n">{n}</span>
                <span>{t(`citizenDisplay.level${n}`)}</span>
              </button>
            ))}
          </div>
          <p className="hint">{t('citizenDisplay.rateHint')}</p>
        </section>
      ) : (
        <section data-testid="display-thanks">
          <h2>{t('citizenDisplay.thanks')}</h2>
          <p>{t('citizenDisplay.yourRating', { n: state.rating })}</p>
        </section>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </main>
  );
}

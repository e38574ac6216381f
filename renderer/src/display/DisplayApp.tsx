import { useEffect, useLayoutEffect, useState } from 'react';
import i18next from 'i18next';
import type { DisplayState } from '../../../electron/common/domain/citizen-display';
import { errorText } from '../../../electron/common/ipc/result';
import { displayApi } from '../api';
import { dateTime, vnd } from '../format';

const LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * A static label as a counter display shows it: Vietnamese large, English smaller beneath. Only
 * the app's own words go through here; the citizen's data (name, procedure, documents) never does.
 */
function Bi({ k, o, inline = false }: { k: string; o?: Record<string, unknown>; inline?: boolean }) {
  return (
    <>
      <span lang="vi" className="vi">{i18next.getFixedT('vi')(k, o)}</span>
      {inline && ' / '}
      <span lang="en" className={inline ? 'en inline' : 'en'}>{i18next.getFixedT('en')(k, o)}</span>
    </>
  );
}
/** The smallest type the fit goes down to: at 60 % the applicant's name is still 19 px, read from a metre away. */
const MIN_SCALE = 60;

/**
 * Steps the type down (5 % at a time, never below MIN_SCALE) until the page fits the window: a
 * citizen cannot scroll a counter display, and a long document list at full size pushed the fees
 * and the due date off a 768-pixel screen. Every size in display.css is in rem, so the root's
 * font size scales the whole page; it is measured again when the state, the window or the fonts change.
 */
function useFitToScreen(shown: readonly unknown[]) {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const scaleToWindow = () => {
      let scale = 100;
      root.style.fontSize = '100%';
      while (root.scrollHeight > window.innerHeight && scale > MIN_SCALE) {
        scale -= 5;
        root.style.fontSize = `${scale}%`;
      }
      root.dataset.fit = String(scale);
    };
    scaleToWindow();
    void document.fonts.ready.then(scaleToWindow);
    window.addEventListener('resize', scaleToWindow);
    return () => window.removeEventListener('resize', scaleToWindow);
  }, shown);
}

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/**
 * The citizen's screen: what the officer is recording, in large type, for confirmation; then the
 * receipt summary and a 1–5 rating by touch. It reads `display.state` and calls `display.rate`,
 * the only two channels this window may use.
 */
export function DisplayApp() {
  const [state, setState] = useState<DisplayState>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  useFitToScreen([state, error]);

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
    setError(r.ok ? null : `${errorText(r.error, 'vi')}\n${errorText(r.error, 'en')}`);
  };

  if (state.phase === 'idle') {
    return (
      <main className="citizen idle" data-testid="display-idle">
        <h1><Bi k="citizenDisplay.idle" /></h1>
      </main>
    );
  }
  if (state.phase === 'draft') {
    return (
      <main className="citizen" data-testid="display-draft">
        <h1><Bi k="citizenDisplay.check" /></h1>
        <dl>
          <dt><Bi k="citizenDisplay.applicant" /></dt>
          <dd data-testid="display-name">{state.applicantName || '—'}</dd>
          <dt><Bi k="citizenDisplay.idNumber" /></dt>
          <dd data-testid="display-id">{state.idMasked || '—'}</dd>
          <dt><Bi k="citizenDisplay.procedure" /></dt>
          <dd data-testid="display-procedure">{state.procedure ?? '—'}</dd>
          <dt><Bi k="citizenDisplay.documents" /></dt>
          <dd>
            {state.documents.length === 0 ? <Bi k="citizenDisplay.none" /> : (
              <ul data-testid="display-documents" className={state.documents.length > 4 ? 'docs many' : 'docs'}>{state.documents.map((d) => <li key={d}>{d}</li>)}</ul>
            )}
          </dd>
          <dt><Bi k="citizenDisplay.fees" /></dt>
          <dd data-testid="display-fees">
            {state.fees.length === 0 ? <Bi k="citizenDisplay.none" /> : (
              <ul>
                {state.fees.map((f) => <li key={f.name}>{f.name}: {vnd(f.amountVnd)}</li>)}
                <li className="total"><Bi k="citizenDisplay.feeTotal" inline />: {vnd(state.feeTotalVnd)}</li>
              </ul>
            )}
          </dd>
          <dt><Bi k="citizenDisplay.due" /></dt>
          <dd data-testid="display-due">{dateTime(state.dueAt)}</dd>
        </dl>
        <p className="hint"><Bi k="citizenDisplay.confirm" /></p>
      </main>
    );
  }
  return (
    <main className="citizen" data-testid="display-saved">
      <h1><Bi k="citizenDisplay.savedTitle" /></h1>
      <p><Bi k="citizenDisplay.code" inline />: <strong className="code" data-testid="display-code">{state.code}</strong></p>
      <p><Bi k="citizenDisplay.due" inline />: <strong data-testid="display-saved-due">{dateTime(state.dueAt)}</strong></p>
      {state.rating === null ? (
        <section data-testid="display-rating">
          <h2><Bi k="citizenDisplay.ratePrompt" /></h2>
          <div className="faces">
            {LEVELS.map((n) => (
              <button key={n} type="button" data-rating={n} onClick={() => void rate(n)}>
                <span className="face" aria-hidden="true">{stars(n)}</span>
                <span className="n">{n}</span>
                <span><Bi k={`citizenDisplay.level${n}`} /></span>
              </button>
            ))}
          </div>
          <p className="hint"><Bi k="citizenDisplay.rateHint" /></p>
        </section>
      ) : (
        <section data-testid="display-thanks">
          <h2><Bi k="citizenDisplay.thanks" /></h2>
          <p><Bi k="citizenDisplay.yourRating" o={{ n: state.rating }} /></p>
        </section>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </main>
  );
}

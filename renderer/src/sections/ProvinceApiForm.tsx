import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import type { AppError } from '../../../electron/common/ipc/result';
import { api, errText } from '../api';
import { useFieldMarks } from '../use-field-marks';

type Saved = Output<'api.configure'>;
type State = Output<'api.state'>;
type Tested = Output<'api.test'>;
type Message = { kind: 'ok' | 'error'; text: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The https-except-loopback rule as the officer types, to say it before a round trip; main
 * applies the same rule again (the renderer's check is only a courtesy).
 */
function urlProblem(raw: string): boolean {
  try {
    const u = new URL(raw.trim());
    return !(u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname)));
  } catch {
    return true;
  }
}

/**
 * Address, client id and secret of the provincial API, a connection test and save: the first-run
 * wizard's step 1 and Cài đặt → Máy chủ tỉnh. The secret is write-only: the field starts empty
 * and only where it is kept is ever shown back.
 */
export function ProvinceApiForm({ state, onSaved, idPrefix, focus = false }: { state: State | null; onSaved: (s: Saved) => void; idPrefix: string; focus?: boolean }) {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useState(state?.apiUrl ?? '');
  const [clientId, setClientId] = useState(state?.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [tested, setTested] = useState<Tested | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const stored = Boolean(state?.secret.stored);
  const marks = useFieldMarks();
  const fields = {
    apiUrl: { name: 'apiUrl', label: t('provinceApi.url') },
    clientId: { name: 'clientId', label: t('provinceApi.clientId') },
    clientSecret: { name: 'clientSecret', label: t('provinceApi.clientSecret') },
  };

  const check = (needSecret: boolean): boolean => {
    marks.clear();
    if (urlProblem(url)) {
      setMessage({ kind: 'error', text: marks.refuseField('apiUrl', fields.apiUrl.label, t('provinceApi.httpsOnly')) });
      return false;
    }
    if (needSecret && !secret) {
      setMessage({ kind: 'error', text: marks.refuseField('clientSecret', fields.clientSecret.label, t('provinceApi.needSecret')) });
      return false;
    }
    return true;
  };

  // Paths from api.test's candidate or api.configure: the tail names the field either way.
  const fail = (e: AppError) => setMessage({ kind: 'error', text: marks.refuse(e, fields) });

  /** A typed secret tests what was typed; with none, the saved connection is tested as it is. */
  const test = async () => {
    setMessage(null);
    setTested(null);
    if (!check(!stored)) return;
    setBusy('test');
    const r = await api()['api.test'](secret ? { candidate: { apiUrl: url.trim(), clientId: clientId.trim(), clientSecret: secret } } : {});
    setBusy(null);
    if (r.ok) setTested(r.value);
    else fail(r.error);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!check(true)) return;
    setBusy('save');
    const r = await api()['api.configure']({ apiUrl: url.trim(), clientId: clientId.trim(), clientSecret: secret });
    setBusy(null);
    if (!r.ok) return fail(r.error);
    setSecret('');
    setMessage({ kind: 'ok', text: [t('provinceApi.saved', { where: errText(r.value.where) }), r.value.warning ? t('provinceApi.warning', { warning: errText(r.value.warning) }) : ''].join(' ').trim() });
    onSaved(r.value);
  };

  const envNames = state ? Object.entries(state.fromEnv).filter(([, v]) => v).map(([k]) => ({ apiUrl: 'MOTCUA_API_URL', clientId: 'MOTCUA_CLIENT_ID', clientSecret: 'MOTCUA_CLIENT_SECRET' })[k]) : [];

  return (
    <form autoComplete="off" ref={marks.formRef} onSubmit={save} className="province-api" aria-label={t('provinceApi.title')} data-testid={`${idPrefix}-form`}>
      <label>
        {t('provinceApi.url')}
        <input name="apiUrl" {...marks.mark('apiUrl')} type="url" autoFocus={focus} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://motcua.tinh.gov.vn/api/v1" required />
      </label>
      <label>
        {t('provinceApi.clientId')}
        <input name="clientId" {...marks.mark('clientId')} value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="counter-q01" required autoComplete="off" />
      </label>
      <label>
        {t('provinceApi.clientSecret')}
        <input name="clientSecret" {...marks.mark('clientSecret')} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" />
      </label>
      {state && (
        <p className="muted" data-testid={`${idPrefix}-secret-where`}>
          {stored ? t('provinceApi.secretKept', { where: errText(state.secret.where) }) : t('provinceApi.secretNone', { where: errText(state.secret.where) })}
          {state.secret.warning ? ` ${t('provinceApi.warning', { warning: errText(state.secret.warning) })}` : ''}
        </p>
      )}
      {envNames.length > 0 && <p className="message warn">{t('provinceApi.fromEnv', { names: envNames.join(', ') })}</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void test()} disabled={busy !== null}>
          {busy === 'test' ? t('provinceApi.testing') : stored && !secret ? t('provinceApi.testSaved') : t('provinceApi.test')}
        </button>
        <button type="submit" disabled={busy !== null}>{busy === 'save' ? t('provinceApi.saving') : t('provinceApi.save')}</button>
      </div>
      {tested && (
        <div role="status" className={`message ${tested.ok ? 'ok' : 'error'}`} data-testid={`${idPrefix}-test`}>
          <strong>
            {tested.reachable ? t('provinceApi.latency', { ms: tested.latencyMs }) : t('provinceApi.unreachable')} ·{' '}
            {t(tested.credentials === 'ok' ? 'provinceApi.credOk' : tested.credentials === 'refused' ? 'provinceApi.credRefused' : 'provinceApi.credUnchecked')}
          </strong>
          <ul>
            {(i18n.language === 'en' ? tested.linesEn : tested.lines).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid={`${idPrefix}-message`}>
          {message.text}
        </p>
      )}
    </form>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moduleErrorText } from '../../../electron/common/hardware/token-module-wording';
import type { TokenModuleCandidate } from '../../../electron/common/hardware/token-modules';
import type { AppError } from '../../../electron/common/ipc/result';
import { api, errText } from '../api';

type Message = { kind: 'ok' | 'error'; text: string };

/**
 * Cài đặt → Thiết bị → Thiết bị ký số (admins): the vendor's PKCS#11 library (empty: the detected
 * one is used), the modules found on this PC with what probing each said, and the folder of
 * trusted root certificates. Trả kết quả and Ký số send the
 * officer here when no token is found.
 */
export function TokenSettings() {
  const { t, i18n } = useTranslation();
  const [modulePath, setModulePath] = useState('');
  const [trustDir, setTrustDir] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [detected, setDetected] = useState<TokenModuleCandidate[] | null>(null);

  // Each candidate is probed in a child process: a few seconds, so the list arrives after the form.
  const detect = async () => {
    setDetected(null);
    const r = await api()['devices.tokenModules']({});
    if (r.ok) setDetected(r.value);
    else fail(r.error);
  };
  useEffect(() => void detect(), []);

  useEffect(() => {
    void api()['devices.config']({}).then((r) => {
      if (!r.ok) return;
      setModulePath(r.value.tokenModule ?? '');
      setTrustDir(r.value.trustDir ?? '');
    });
  }, []);

  const fail = (e: AppError) => setMessage({ kind: 'error', text: [errText(e), ...(e.details ?? []).map(errText)].join(' ') });

  const saveModule = async (given?: string) => {
    const path = (given ?? modulePath).trim() || null;
    const r = await api()['devices.setTokenModule']({ path });
    if (!r.ok) return fail(r.error);
    setModulePath(path ?? '');
    setMessage({ kind: 'ok', text: t(path ? 'tokenSettings.moduleSaved' : 'tokenSettings.moduleCleared') });
    if (given) void detect();
  };
  const verdict = (c: TokenModuleCandidate) =>
    !c.loads ? t('tokenSettings.notLoading', { error: moduleErrorText(c, i18n.language === 'en' ? 'en' : 'vi') }) : c.tokens === null ? t('tokenSettings.loads') : t('tokenSettings.loadsTokens', { count: c.tokens });
  const found = detected?.filter((c) => c.found) ?? [];
  const saveTrust = async () => {
    const r = await api()['devices.setTrustDir']({ path: trustDir.trim() || null });
    if (!r.ok) return fail(r.error);
    setMessage({ kind: 'ok', text: r.value.anchors === null ? t('tokenSettings.trustCleared') : t('tokenSettings.trustSaved', { count: r.value.anchors }) });
  };

  return (
    <section className="card" data-testid="token-settings">
      <h2>{t('tokenSettings.title')}</h2>
      <div className="form-grid">
        <label className="span2">
          {t('tokenSettings.module')}
          <input name="tokenModule" value={modulePath} onChange={(e) => setModulePath(e.target.value)} placeholder="/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so" />
        </label>
      </div>
      <p className="muted">{t('tokenSettings.moduleHint')}</p>
      <div className="actions">
        <button type="button" onClick={() => void saveModule()}>{t('tokenSettings.saveModule')}</button>
      </div>
      <h3>{t('tokenSettings.detectedTitle')}</h3>
      {detected === null ? (
        <p className="muted" role="status">{t('tokenSettings.detecting')}</p>
      ) : (
        <>
          <table className="data" aria-label={t('tokenSettings.detectedTitle')} data-testid="token-modules">
            <thead>
              <tr>
                <th>{t('tokenSettings.modulePath')}</th>
                <th>{t('tokenSettings.vendor')}</th>
                <th>{t('tokenSettings.state')}</th>
                <th>{t('tokenSettings.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {found.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('tokenSettings.noneFound')}</td>
                </tr>
              )}
              {found.map((c) => (
                <tr key={c.path} data-module={c.path} className={c.loads ? '' : 'muted'}>
                  <td>{c.path}</td>
                  <td>{c.vendor ?? '—'}</td>
                  <td>{verdict(c)}</td>
                  <td>
                    {c.configured ? (
                      t('tokenSettings.inUse')
                    ) : (
                      <button type="button" className="secondary small" disabled={!c.loads} onClick={() => void saveModule(c.path)}>
                        {t('tokenSettings.useThis')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('tokenSettings.checked', { count: detected.length })}</p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void detect()}>{t('tokenSettings.detectAgain')}</button>
          </div>
        </>
      )}
      <div className="form-grid">
        <label className="span2">
          {t('tokenSettings.trustDir')}
          <input name="trustDir" value={trustDir} onChange={(e) => setTrustDir(e.target.value)} />
        </label>
      </div>
      <p className="muted">{t('tokenSettings.trustHint')}</p>
      <div className="actions">
        <button type="button" onClick={() => void saveTrust()}>{t('tokenSettings.saveTrust')}</button>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid="token-settings-message">
          {message.text}
        </p>
      )}
    </section>
  );
}

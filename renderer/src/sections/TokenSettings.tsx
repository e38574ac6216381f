import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../electron/common/ipc/result';
import { api, errText } from '../api';

type Message = { kind: 'ok' | 'error'; text: string };

/**
 * Cài đặt → Thiết bị → Thiết bị ký số (admins): the vendor's PKCS#11 library (empty: the known
 * paths are tried) and the folder of trusted root certificates. Trả kết quả and Ký số send the
 * officer here when no token is found.
 */
export function TokenSettings() {
  const { t } = useTranslation();
  const [modulePath, setModulePath] = useState('');
  const [trustDir, setTrustDir] = useState('');
  const [message, setMessage] = useState<Message | null>(null);

  useEffect(() => {
    void api()['devices.config']({}).then((r) => {
      if (!r.ok) return;
      setModulePath(r.value.tokenModule ?? '');
      setTrustDir(r.value.trustDir ?? '');
    });
  }, []);

  const fail = (e: AppError) => setMessage({ kind: 'error', text: [errText(e), ...(e.details ?? []).map((d) => d.message)].join(' ') });

  const saveModule = async () => {
    const path = modulePath.trim() || null;
    const r = await api()['devices.setTokenModule']({ path });
    if (r.ok) setMessage({ kind: 'ok', text: t(path ? 'tokenSettings.moduleSaved' : 'tokenSettings.moduleCleared') });
    else fail(r.error);
  };
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

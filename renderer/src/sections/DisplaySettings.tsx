import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayConfig } from '../../../electron/common/domain/citizen-display';
import { api, errText } from '../api';

/** Cài đặt → Màn hình công dân: on/off, which screen (Electron), the keypad's serial port, the sync extension. */
export function DisplaySettings({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const [cfg, setCfg] = useState<DisplayConfig | null>(null);
  const [screen, setScreen] = useState('');
  const [keypad, setKeypad] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void api()['display.config']({}).then((r) => {
      if (!r.ok) return;
      setCfg(r.value);
      setScreen(r.value.screenId === null ? '' : String(r.value.screenId));
      setKeypad(r.value.keypadPath ?? '');
    });
  }, []);

  if (!cfg) return null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const screenId = screen.trim() === '' ? null : Number(screen.trim());
    const r = await api()['display.setConfig']({ enabled: cfg.enabled, syncRatings: cfg.syncRatings, screenId, keypadPath: keypad.trim() || null });
    if (r.ok) setCfg(r.value);
    setMsg(r.ok ? { ok: true, text: t('displayx.saved') } : { ok: false, text: errText(r.error) });
  };
  return (
    <section className="card" data-testid="display-settings">
      <h2>{t('displayx.settingsTitle')}</h2>
      <form autoComplete="off" onSubmit={save}>
        <label className="check">
          <input type="checkbox" name="displayEnabled" disabled={!admin} checked={cfg.enabled} onChange={(e) => setCfg({ ...cfg, enabled: e.target.checked })} />
          {t('displayx.enabled')}
        </label>
        <div className="form-grid">
          <label>
            {t('displayx.screen')}
            <input name="displayScreen" inputMode="numeric" disabled={!admin} value={screen} onChange={(e) => setScreen(e.target.value)} />
          </label>
          <label>
            {t('displayx.keypad')}
            <input name="displayKeypad" disabled={!admin} value={keypad} onChange={(e) => setKeypad(e.target.value)} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" name="displaySync" disabled={!admin} checked={cfg.syncRatings} onChange={(e) => setCfg({ ...cfg, syncRatings: e.target.checked })} />
          {t('displayx.syncRatings')}
        </label>
        <p className="hint">{t('displayx.restartNote')}</p>
        {admin && <button type="submit" data-testid="save-display">{t('displayx.save')}</button>}
        {msg && <p role={msg.ok ? 'status' : 'alert'} className={`message ${msg.ok ? 'ok' : 'error'}`}>{msg.text}</p>}
      </form>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errText } from '../api';

/** Where signed copies go: the folder shown once, chosen with the OS dialog, opened with the OS file manager. */
export function SignedFolder({ onMessage }: { onMessage: (m: { kind: 'ok' | 'error'; text: string }) => void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState<string | null>(null);

  useEffect(() => {
    void api()['signing.outputFolder']({}).then((r) => r.ok && setPath(r.value.path));
  }, []);

  const choose = async () => {
    const r = await api()['signing.chooseOutputFolder']({});
    if (!r.ok) return onMessage({ kind: 'error', text: errText(r.error) });
    setPath(r.value.path);
    if (r.value.changed) onMessage({ kind: 'ok', text: t('signOut.chosen', { path: r.value.path }) });
  };
  const open = async () => {
    const r = await api()['signing.openOutputFolder']({});
    if (!r.ok) return onMessage({ kind: 'error', text: errText(r.error) });
    if (!r.value.opened) onMessage({ kind: 'error', text: t('signOut.openFailed') });
  };

  return (
    <section className="card" data-testid="signed-folder">
      <h2>{t('signOut.title')}</h2>
      <p className="code path" data-testid="signed-folder-path">{path}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void choose()} data-testid="signed-folder-choose">{t('signOut.choose')}</button>
        <button type="button" className="secondary" onClick={() => void open()} data-testid="signed-folder-open">{t('signOut.open')}</button>
      </div>
    </section>
  );
}

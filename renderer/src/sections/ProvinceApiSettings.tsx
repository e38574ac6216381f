import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { ProvinceApiForm } from './ProvinceApiForm';

/** Cài đặt → Máy chủ tỉnh (admins): the saved address and device id, where the secret is kept, never the secret. */
export function ProvinceApiSettings() {
  const { t } = useTranslation();
  const [state, setState] = useState<Output<'api.state'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api()['api.state']({});
    if (r.ok) setState(r.value);
    else setError(errText(r.error));
  }, []);
  useEffect(() => void load(), [load]);

  return (
    <section className="card" data-testid="province-api-settings">
      <h2>{t('provinceApi.title')}</h2>
      {error && <p role="alert" className="message error">{error}</p>}
      {state && (
        <ProvinceApiForm idPrefix="api-settings" state={state} onSaved={() => void load()} />
      )}
    </section>
  );
}

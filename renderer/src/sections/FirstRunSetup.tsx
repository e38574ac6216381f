import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { ProvinceApiForm } from './ProvinceApiForm';

export type FirstRunStep = 1 | 2 | 3;

/** Where the first run stands, shown above each step so the admin knows what comes next. */
export function SetupSteps({ current }: { current: FirstRunStep }) {
  const { t } = useTranslation();
  return (
    <ol className="setup-steps" aria-label={t('firstRun.steps')}>
      {([1, 2, 3] as const).map((n) => (
        <li key={n} aria-current={n === current ? 'step' : undefined} className={n === current ? 'active' : n < current ? 'done' : ''}>
          {t(`firstRun.step${n}`)}
        </li>
      ))}
    </ol>
  );
}

/**
 * Step 1 of a fresh PC's setup, before anyone can sign in: connect to the provincial API (its
 * admin then signs in online, step 2). Main lets these calls through only while the PC has no
 * officer. `other` leads elsewhere: to the local bootstrap admin when there is no province, or back
 * to step 2 when the admin only came to correct the connection.
 */
export function FirstRunSetup({ onSaved, other }: { onSaved: () => void; other: { label: string; onClick: () => void } | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<Output<'api.state'> | null>(null);
  useEffect(() => {
    void api()['api.state']({}).then((r) => r.ok && setState(r.value));
  }, []);
  return (
    <main className="login-backdrop">
      <div className="login card first-run" data-testid="first-run">
        <h1>{t('app.name')}</h1>
        <h2>{t('firstRun.title')}</h2>
        <SetupSteps current={1} />
        <p className="muted">{t('firstRun.step1Hint')}</p>
        {state && <ProvinceApiForm idPrefix="setup-api" focus state={state} onSaved={onSaved} />}
        {other && (
          <button type="button" className="secondary" onClick={other.onClick} data-testid="setup-other">
            {other.label}
          </button>
        )}
      </div>
    </main>
  );
}

/** Step 2's reminder of step 1: the first admin signs in online, and where the device secret went. */
export function OnlineAdminHint({ onEditApi }: { onEditApi: () => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<Output<'api.state'> | null>(null);
  useEffect(() => {
    void api()['api.state']({}).then((r) => r.ok && setState(r.value));
  }, []);
  return (
    <>
      <SetupSteps current={2} />
      <p className="muted" data-testid="setup-online-hint">{t('firstRun.step2Hint')}</p>
      {state?.secret.stored && (
        <p className={`message ${state.secret.warning ? 'warn' : 'ok'}`} data-testid="setup-secret-where">
          {t('provinceApi.secretWhere', { where: errText(state.secret.where) })}
          {state.secret.warning ? ` ${t('provinceApi.warning', { warning: errText(state.secret.warning) })}` : ''}
        </p>
      )}
      <button type="button" className="secondary" onClick={onEditApi} data-testid="setup-edit-api">
        {t('firstRun.editApi')}
      </button>
    </>
  );
}

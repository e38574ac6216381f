import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseOfflineBlock } from '../../../electron/common/domain/offline-block';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { FirstRunSetup, OnlineAdminHint } from '../sections/FirstRunSetup';
import { fieldIssues, focusFirstField } from '../field-errors';

/**
 * Đăng nhập. On a PC with no officer yet: the first-run setup, the provincial server first (its
 * admin then signs in online here), or without one the local bootstrap admin.
 */
export function LoginScreen({ needsSetup, noOfficerYet, apiConfigured, locked, onDone }: { needsSetup: boolean; noOfficerYet: boolean; apiConfigured: boolean; locked: boolean; onDone: (officer?: Output<'auth.login'>) => void }) {
  const { t } = useTranslation();
  const [local, setLocal] = useState(false);
  const [editApi, setEditApi] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fullName, setFullName] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [unitName, setUnitName] = useState('');
  const [counterId, setCounterId] = useState('');
  const [block, setBlock] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const mark = (name: string) => ({ 'aria-invalid': name in invalid || undefined });
  const first = useRef<HTMLInputElement>(null);
  // Also when the officer switches between the province's setup and the local one: the form that
  // replaces the button they pressed starts with the keyboard in its first field, not on the page.
  useEffect(() => first.current?.focus(), [needsSetup, local, editApi]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setInvalid({});
    const login = needsSetup ? null : await api()['auth.login']({ username: username.trim(), password });
    const r =
      login ??
      (await api()['auth.setup']({
        unit: { unitCode: unitCode.trim().toUpperCase(), unitName: unitName.trim(), counterId: counterId.trim(), offlineBlock: block.trim() ? parseOfflineBlock(block) : null },
        admin: { username: username.trim(), fullName: fullName.trim(), password },
      }));
    setPassword('');
    if (r.ok) return onDone(login?.ok ? login.value : undefined);
    // The setup form is taller than the screen: the refused field is marked and brought up, not only a line at the bottom.
    const { issues, other } = fieldIssues(r.error, {
      'unit.unitCode': { name: 'setupUnitCode', label: t('settings.unitCode') },
      'unit.unitName': { name: 'setupUnitName', label: t('settings.unitName') },
      'unit.counterId': { name: 'setupCounter', label: t('settings.counterId') },
      'unit.offlineBlock': { name: 'setupBlock', label: t('settings.offlineBlock') },
      'admin.fullName': { name: 'setupFullName', label: t('auth.fullName') },
      username: { name: 'username', label: t('auth.username') },
      password: { name: 'password', label: t('auth.password') },
    });
    setInvalid(Object.fromEntries(issues.map((i) => [i.field, i.text])));
    setError([issues.length ? t('fields.fixMarked') : errText(r.error), ...issues.map((i) => i.text), ...other].join(' '));
    if (issues[0] && formRef.current) focusFirstField(issues.map((i) => i.field), formRef.current);
  };

  if (noOfficerYet && (editApi || (!apiConfigured && !local))) {
    return (
      <FirstRunSetup
        other={editApi ? { label: t('firstRun.backToSignIn'), onClick: () => setEditApi(false) } : { label: t('firstRun.noProvince'), onClick: () => setLocal(true) }}
        onSaved={() => {
          setEditApi(false);
          onDone();
        }}
      />
    );
  }

  return (
    <main className="login-backdrop">
      <form autoComplete="off" ref={formRef} className="login card" onSubmit={submit} aria-label={needsSetup ? t('auth.setupTitle') : t('auth.title')}>
        <h1>{t('app.name')}</h1>
        <h2>{needsSetup ? t('auth.setupTitle') : locked ? t('auth.locked') : t('auth.title')}</h2>
        {noOfficerYet && apiConfigured && <OnlineAdminHint onEditApi={() => setEditApi(true)} />}
        {needsSetup && (
          <>
            <button type="button" className="secondary" onClick={() => setLocal(false)} data-testid="setup-province">
              {t('firstRun.withProvince')}
            </button>
            <p className="muted">{t('auth.setupHint')}</p>
            <label>
              {t('settings.unitCode')}
              <input ref={first} name="setupUnitCode" {...mark('setupUnitCode')} value={unitCode} onChange={(e) => setUnitCode(e.target.value)} placeholder="000.00.01.H22" />
            </label>
            <label>
              {t('settings.unitName')}
              <input name="setupUnitName" {...mark('setupUnitName')} value={unitName} onChange={(e) => setUnitName(e.target.value)} />
            </label>
            <label>
              {t('settings.counterId')}
              <input name="setupCounter" {...mark('setupCounter')} value={counterId} onChange={(e) => setCounterId(e.target.value)} placeholder="Q01" />
            </label>
            <label>
              {t('settings.offlineBlock')}
              <input name="setupBlock" {...mark('setupBlock')} value={block} onChange={(e) => setBlock(e.target.value)} placeholder="9001-9200" />
            </label>
            <label>
              {t('auth.fullName')}
              <input name="setupFullName" {...mark('setupFullName')} value={fullName} onChange={(e) => setFullName(e.target.value)} />
            </label>
          </>
        )}
        <label>
          {t('auth.username')}
          <input ref={needsSetup ? undefined : first} name="username" {...mark('username')} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" {...mark('password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p role="alert" className="message error" data-testid="login-error" ref={(el) => el?.scrollIntoView({ block: 'nearest' })}>{error}</p>}
        <button type="submit">{needsSetup ? t('auth.setupSubmit') : t('auth.submit')}</button>
      </form>
    </main>
  );
}

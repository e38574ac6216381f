import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import type { AppError } from '../../../electron/common/ipc/result';
import type { Role } from '../../../electron/common/ipc/roles';
import { api, errText } from '../api';
import { useFieldMarks } from '../use-field-marks';

type Account = Output<'officer.list'>[number];
type Message = { kind: 'ok' | 'error'; text: string };
const ROLE_LIST: readonly Role[] = ['officer', 'supervisor', 'admin'];
const blank = { officerId: '', username: '', fullName: '', password: '', roles: ['officer'] as Role[] };

/**
 * Cài đặt → Tài khoản (admins): the officers known at this PC; add, deactivate or reactivate,
 * change roles, and a new password for local accounts. With a provincial API the province owns passwords: the
 * service refuses a reset and says so, and that message is what the admin reads here.
 */
export function AccountsSettings() {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [province, setProvince] = useState(false);
  const [form, setForm] = useState(blank);
  const [resetFor, setResetFor] = useState<Account | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [rolesFor, setRolesFor] = useState<{ account: Account; roles: Role[] } | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const addMarks = useFieldMarks();
  const resetMarks = useFieldMarks();

  const fail = (e: AppError) => setMessage({ kind: 'error', text: [errText(e), ...(e.details ?? []).map(errText)].join(' ') });

  const load = useCallback(async () => {
    const [list, sync] = await Promise.all([api()['officer.list']({}), api()['sync.state']({})]);
    if (list.ok) setAccounts(list.value);
    else fail(list.error);
    if (sync.ok) setProvince(sync.value.apiConfigured);
  }, []);
  useEffect(() => void load(), [load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    addMarks.clear();
    if (!form.roles.length) return setMessage({ kind: 'error', text: addMarks.refuseField('role-officer', t('accounts.roles'), t('accounts.noRole')) });
    const r = await api()['officer.add']({ ...form, officerId: form.officerId.trim(), username: form.username.trim(), fullName: form.fullName.trim() });
    if (!r.ok)
      return setMessage({
        kind: 'error',
        text: addMarks.refuse(r.error, {
          officerId: { name: 'newOfficerId', label: t('accounts.officerId') },
          username: { name: 'newUsername', label: t('accounts.username') },
          fullName: { name: 'newFullName', label: t('accounts.fullName') },
          password: { name: 'addPassword', label: t('accounts.password') },
          roles: { name: 'role-officer', label: t('accounts.roles') },
        }),
      });
    setMessage({ kind: 'ok', text: t('accounts.added', { username: form.username.trim() }) });
    setForm(blank);
    await load();
  };

  const toggle = async (a: Account) => {
    const r = a.active ? await api()['officer.deactivate']({ officerId: a.officerId }) : await api()['officer.activate']({ officerId: a.officerId });
    if (!r.ok) return fail(r.error);
    setMessage({ kind: 'ok', text: t(a.active ? 'accounts.deactivated' : 'accounts.activated', { username: a.username }) });
    await load();
  };

  const reset = async (e: FormEvent) => {
    e.preventDefault();
    if (!resetFor) return;
    resetMarks.clear();
    const r = await api()['officer.resetPassword']({ officerId: resetFor.officerId, password: newPassword });
    setNewPassword('');
    if (!r.ok) return setMessage({ kind: 'error', text: resetMarks.refuse(r.error, { password: { name: 'newPassword', label: t('accounts.password') } }) });
    setMessage({ kind: 'ok', text: t('accounts.passwordReset', { username: resetFor.username }) });
    setResetFor(null);
  };

  const saveRoles = async (e: FormEvent) => {
    e.preventDefault();
    if (!rolesFor) return;
    if (!rolesFor.roles.length) return setMessage({ kind: 'error', text: t('accounts.noRole') });
    const r = await api()['officer.setRoles']({ officerId: rolesFor.account.officerId, roles: rolesFor.roles });
    if (!r.ok) return fail(r.error);
    setMessage({ kind: 'ok', text: t('accounts.rolesSaved', { username: rolesFor.account.username }) });
    setRolesFor(null);
    await load();
  };
  const toggleEditRole = (role: Role) =>
    setRolesFor((f) => f && { ...f, roles: f.roles.includes(role) ? f.roles.filter((x) => x !== role) : [...f.roles, role] });

  const toggleRole = (role: Role) => setForm((f) => ({ ...f, roles: f.roles.includes(role) ? f.roles.filter((x) => x !== role) : [...f.roles, role] }));

  return (
    <section className="card" data-testid="accounts-settings">
      <h2>{t('accounts.title')}</h2>
      {province && <p className="muted">{t('accounts.provinceNote')}</p>}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid="accounts-message">
          {message.text}
        </p>
      )}
      <table className="data" aria-label={t('accounts.listLabel')} data-testid="accounts-table">
        <thead>
          <tr>
            <th>{t('accounts.officerId')}</th>
            <th>{t('accounts.username')}</th>
            <th>{t('accounts.fullName')}</th>
            <th>{t('accounts.roles')}</th>
            <th>{t('accounts.state')}</th>
            <th>{t('accounts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.length === 0 && (
            <tr>
              <td colSpan={6}>{t('accounts.empty')}</td>
            </tr>
          )}
          {accounts.map((a) => (
            <tr key={a.officerId} data-officer={a.officerId}>
              <td>{a.officerId}</td>
              <td>{a.username}</td>
              <td>{a.fullName}</td>
              <td>{a.roles.map((r) => t(`accounts.role.${r}`)).join(', ')}</td>
              <td>{a.active ? t('accounts.active') : t('accounts.inactive')}</td>
              <td className="row-actions">
                <button type="button" className="secondary small" onClick={() => void toggle(a)}>
                  {a.active ? t('accounts.deactivate') : t('accounts.activate')}
                </button>
                <button type="button" className="secondary small" onClick={() => setResetFor(a)}>
                  {t('accounts.resetPassword')}
                </button>
                <button type="button" className="secondary small" onClick={() => setRolesFor({ account: a, roles: [...a.roles] })}>
                  {t('accounts.changeRoles')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resetFor && (
        <form autoComplete="off" ref={resetMarks.formRef} onSubmit={reset} className="form-grid" aria-label={t('accounts.resetPassword')}>
          <label className="span2">
            {t('accounts.newPassword', { username: resetFor.username })}
            <input name="newPassword" {...resetMarks.mark('newPassword')} type="password" autoFocus autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit">{t('accounts.confirmReset')}</button>
            <button type="button" className="secondary" onClick={() => setResetFor(null)}>{t('accounts.cancel')}</button>
          </div>
        </form>
      )}
      {rolesFor && (
        <form autoComplete="off" onSubmit={saveRoles} className="form-grid" aria-label={t('accounts.changeRoles')} data-testid="roles-form">
          <fieldset className="span2">
            <legend>{t('accounts.rolesOf', { username: rolesFor.account.username })}</legend>
            {ROLE_LIST.map((r) => (
              <label key={r} className="inline">
                <input type="checkbox" name={`edit-role-${r}`} checked={rolesFor.roles.includes(r)} onChange={() => toggleEditRole(r)} /> {t(`accounts.role.${r}`)}
              </label>
            ))}
          </fieldset>
          {province && <p className="muted span2">{t('accounts.rolesProvinceNote')}</p>}
          <div className="actions">
            <button type="submit">{t('accounts.saveRoles')}</button>
            <button type="button" className="secondary" onClick={() => setRolesFor(null)}>{t('accounts.cancel')}</button>
          </div>
        </form>
      )}
      <h3>{t('accounts.addTitle')}</h3>
      <form autoComplete="off" ref={addMarks.formRef} onSubmit={add} className="form-grid" aria-label={t('accounts.addTitle')}>
        <label>
          {t('accounts.officerId')}
          <input name="newOfficerId" {...addMarks.mark('newOfficerId')} value={form.officerId} onChange={(e) => setForm({ ...form, officerId: e.target.value })} required />
        </label>
        <label>
          {t('accounts.username')}
          <input name="newUsername" {...addMarks.mark('newUsername')} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required autoComplete="off" />
        </label>
        <label>
          {t('accounts.fullName')}
          <input name="newFullName" {...addMarks.mark('newFullName')} value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} required />
        </label>
        <label>
          {t('accounts.password')}
          <input name="addPassword" {...addMarks.mark('addPassword')} type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required autoComplete="new-password" />
        </label>
        <fieldset className="span2">
          <legend>{t('accounts.roles')}</legend>
          {ROLE_LIST.map((r) => (
            <label key={r} className="inline">
              <input type="checkbox" name={`role-${r}`} {...addMarks.mark(`role-${r}`)} checked={form.roles.includes(r)} onChange={() => toggleRole(r)} /> {t(`accounts.role.${r}`)}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit">{t('accounts.add')}</button>
        </div>
      </form>
    </section>
  );
}

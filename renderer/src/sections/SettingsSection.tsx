import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorReport } from '../../../electron/common/domain/doctor';
import { parseOfflineBlock } from '../../../electron/common/domain/offline-block';
import type { AppInfo, Locale } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { DevicesSettings } from './DevicesSettings';
import { AccountsSettings } from './AccountsSettings';
import { ProvinceApiSettings } from './ProvinceApiSettings';
import { TokenSettings } from './TokenSettings';
import { DisplaySettings } from './DisplaySettings';
import { ChecksTable } from '../components/ChecksTable';
import { TextSizeSetting } from './TextSizeSetting';
import { useFieldMarks } from '../use-field-marks';

export function SettingsSection({ info, admin, onChanged, onLocale }: { info: AppInfo | null; admin: boolean; onChanged: () => void; onLocale: (l: Locale) => void }) {
  const { t } = useTranslation();
  const unit = info?.unit;
  const [unitCode, setUnitCode] = useState(unit?.unitCode ?? '');
  const [unitName, setUnitName] = useState(unit?.unitName ?? '');
  const [counterId, setCounterId] = useState(unit?.counterId ?? '');
  const [block, setBlock] = useState(unit?.offlineBlock ? `${unit.offlineBlock.from}-${unit.offlineBlock.to}` : '');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const marks = useFieldMarks();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    marks.clear();
    const offlineBlock = block.trim() ? parseOfflineBlock(block) : null;
    if (block.trim() && !offlineBlock) return setMessage({ kind: 'error', text: marks.refuseField('offlineBlock', t('settings.offlineBlock'), t('settings.invalidBlock')) });
    const r = await api()['unit.set']({ unitCode: unitCode.trim(), unitName: unitName.trim(), counterId: counterId.trim(), offlineBlock });
    if (r.ok) {
      setMessage({ kind: 'ok', text: t('settings.saved') });
      onChanged();
    } else {
      setMessage({
        kind: 'error',
        text: marks.refuse(r.error, {
          unitCode: { name: 'unitCode', label: t('settings.unitCode') },
          unitName: { name: 'unitName', label: t('settings.unitName') },
          counterId: { name: 'counterId', label: t('settings.counterId') },
          offlineBlock: { name: 'offlineBlock', label: t('settings.offlineBlock') },
        }),
      });
    }
  };

  const runDoctor = async () => {
    const r = await api()['app.doctor']({});
    if (r.ok) setReport(r.value);
    else setMessage({ kind: 'error', text: errText(r.error) });
  };

  return (
    <div className="settings">
      <section className="card">
        <h2>{t('settings.unitTitle')}</h2>
        <form autoComplete="off" ref={marks.formRef} onSubmit={save} className="form-grid" aria-label={t('settings.unitTitle')}>
          <label>
            {t('settings.unitCode')}
            <input name="unitCode" {...marks.mark('unitCode')} value={unitCode} onChange={(e) => setUnitCode(e.target.value.toUpperCase())} placeholder="000.00.01.H22" required />
          </label>
          <label>
            {t('settings.unitName')}
            <input name="unitName" {...marks.mark('unitName')} value={unitName} onChange={(e) => setUnitName(e.target.value)} required />
          </label>
          <label>
            {t('settings.counterId')}
            <input name="counterId" {...marks.mark('counterId')} value={counterId} onChange={(e) => setCounterId(e.target.value)} placeholder="Q01" required />
          </label>
          <label>
            {t('settings.offlineBlock')}
            <input name="offlineBlock" {...marks.mark('offlineBlock')} value={block} onChange={(e) => setBlock(e.target.value)} placeholder="9001-9200" />
          </label>
          <div>
            <button type="submit">{t('settings.save')}</button>
          </div>
        </form>
        {message && (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid="unit-message">
            {message.text}
          </p>
        )}
      </section>
      {admin && <ProvinceApiSettings />}
      {admin && <AccountsSettings />}
      <h2 className="group">{t('devices.title')}</h2>
      <DevicesSettings />
      {admin && <TokenSettings />}
      <DisplaySettings admin={admin} />
      <section className="card">
        <h2>{t('settings.languageTitle')}</h2>
        <div className="segmented" role="radiogroup" aria-label={t('settings.languageTitle')}>
          {(['vi', 'en'] as const).map((l) => (
            <button key={l} role="radio" aria-checked={info?.locale === l} onClick={() => onLocale(l)}>
              {l === 'vi' ? 'Tiếng Việt' : 'English'}
            </button>
          ))}
        </div>
      </section>
      <TextSizeSetting current={info?.textScale ?? 100} onChanged={onChanged} />
      <section className="card">
        <h2>{t('settings.doctorTitle')}</h2>
        <dl className="facts">
          <dt>{t('settings.dataDir')}</dt>
          <dd data-testid="data-dir">{info?.dataDir}</dd>
          <dt>{t('settings.dbVersion')}</dt>
          <dd data-testid="db-version">{info?.dbVersion}</dd>
        </dl>
        <button onClick={runDoctor}>{t('settings.runDoctor')}</button>
        {report && (
          <ChecksTable checks={report.checks} testId="doctor-table" />
        )}
      </section>
    </div>
  );
}

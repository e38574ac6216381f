import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api } from '../api';
import { SetupSteps } from './FirstRunSetup';
import { useFieldMarks } from '../use-field-marks';

/**
 * Step 3 of the first run, for the admin who just signed in online: this PC's unit and counter
 * from the province (`unit.pull`: name, hours, the counter's offline block, the desk when sent).
 * What came back is shown for the admin to confirm; another counter can be fetched instead. The
 * desk's lines on the forms (name, place, phone) are asked here, prefilled when the province sent them.
 */
export function UnitFromProvince({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [counterId, setCounterId] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [pulled, setPulled] = useState<Output<'unit.pull'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [desk, setDesk] = useState({ deskName: '', place: '', phone: '' });
  const pullMarks = useFieldMarks();
  const deskMarks = useFieldMarks();

  const pull = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setPulled(null);
    pullMarks.clear();
    setBusy(true);
    const r = await api()['unit.pull']({ counterId: counterId.trim(), unitCode: unitCode.trim() ? unitCode.trim().toUpperCase() : null });
    setBusy(false);
    if (r.ok) {
      setPulled(r.value);
      setDesk({ deskName: r.value.desk.deskName ?? '', place: r.value.desk.place ?? '', phone: r.value.desk.phone ?? '' });
    } else
      setError(
        pullMarks.refuse(r.error, {
          counterId: { name: 'pullCounter', label: t('settings.counterId') },
          unitCode: { name: 'pullUnitCode', label: t('firstRun.unitCodeOptional') },
        }),
      );
  };

  /** The desk's lines on the forms: saved here unless they are exactly what the province sent. */
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!pulled) return;
    const typed = { deskName: desk.deskName.trim() || null, place: desk.place.trim() || null, phone: desk.phone.trim() || null };
    const same = typed.deskName === pulled.desk.deskName && typed.place === pulled.desk.place && typed.phone === pulled.desk.phone;
    if (!(same && pulled.deskFromProvince)) {
      setError(null);
      deskMarks.clear();
      const r = await api()['unit.setDesk'](typed);
      if (!r.ok)
        return setError(
          deskMarks.refuse(r.error, {
            deskName: { name: 'deskName', label: t('firstRun.deskName') },
            place: { name: 'deskPlace', label: t('firstRun.place') },
            phone: { name: 'deskPhone', label: t('firstRun.phone') },
          }),
        );
    }
    onDone();
  };

  const none = t('firstRun.none');
  return (
    <main className="login-backdrop">
      <div className="login card first-run" data-testid="unit-setup">
        <h1>{t('app.name')}</h1>
        <h2>{t('firstRun.title')}</h2>
        <SetupSteps current={3} />
        <p className="muted">{t('firstRun.step3Hint')}</p>
        <form autoComplete="off" ref={pullMarks.formRef} onSubmit={pull} aria-label={t('firstRun.step3')}>
          <label>
            {t('settings.counterId')}
            <input name="pullCounter" {...pullMarks.mark('pullCounter')} autoFocus value={counterId} onChange={(e) => setCounterId(e.target.value)} placeholder="Q01" required />
          </label>
          <label>
            {t('firstRun.unitCodeOptional')}
            <input name="pullUnitCode" {...pullMarks.mark('pullUnitCode')} value={unitCode} onChange={(e) => setUnitCode(e.target.value)} placeholder="000.00.01.H22" />
          </label>
          <div className="actions">
            <button type="submit" disabled={busy}>{busy ? t('firstRun.pulling') : t('firstRun.pull')}</button>
            <button type="button" className="secondary" onClick={onDone}>{t('firstRun.later')}</button>
          </div>
        </form>
        {error && <p role="alert" className="message error">{error}</p>}
        {pulled && (
          <div data-testid="unit-pulled">
            <p role="status" className="message ok">{t('firstRun.pulled')}</p>
            <dl className="facts">
              <dt>{t('settings.unitCode')}</dt>
              <dd>{pulled.unit.unitCode}</dd>
              <dt>{t('settings.unitName')}</dt>
              <dd>{pulled.unit.unitName}</dd>
              <dt>{t('settings.counterId')}</dt>
              <dd>{pulled.unit.counterId}</dd>
              <dt>{t('settings.offlineBlock')}</dt>
              <dd>{pulled.unit.offlineBlock ? `${pulled.unit.offlineBlock.from}–${pulled.unit.offlineBlock.to}` : none}</dd>
              <dt>{t('firstRun.address')}</dt>
              <dd>{pulled.address ?? none}</dd>
              <dt>{t('firstRun.hours')}</dt>
              <dd>{pulled.workHours?.map((h) => `${h.from}–${h.to}`).join(', ') ?? none}</dd>
            </dl>
            <form autoComplete="off" ref={deskMarks.formRef} onSubmit={confirm} aria-label={t('firstRun.desk')} data-testid="desk-form">
              <p className="muted">{pulled.deskFromProvince ? t('firstRun.deskFromProvinceHint') : t('firstRun.deskAsk')}</p>
              <label>
                {t('firstRun.deskName')}
                <input name="deskName" {...deskMarks.mark('deskName')} value={desk.deskName} onChange={(e) => setDesk({ ...desk, deskName: e.target.value })} placeholder={t('firstRun.deskNameExample')} />
              </label>
              <label>
                {t('firstRun.place')}
                <input name="deskPlace" {...deskMarks.mark('deskPlace')} value={desk.place} onChange={(e) => setDesk({ ...desk, place: e.target.value })} placeholder={t('firstRun.placeExample')} />
              </label>
              <label>
                {t('firstRun.phone')}
                <input name="deskPhone" {...deskMarks.mark('deskPhone')} value={desk.phone} onChange={(e) => setDesk({ ...desk, phone: e.target.value })} inputMode="tel" />
              </label>
              <button type="submit" data-testid="unit-confirm">{t('firstRun.confirm')}</button>
            </form>
          </div>
        )}
      </div>
    </main>
  );
}

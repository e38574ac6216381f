import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../../electron/common/domain/dossier';
import { applicantWarnings } from '../../../../electron/common/domain/applicant-warnings';
import { vietnamDate } from '../../../../electron/common/domain/time';
import { errText } from '../../api';
import { DateInput, isDayOrEmpty } from '../../components/DateInput';
import { CurrentUnitsHint, DeliveryFields } from './DeliveryFields';
import type { Applicant } from './draft';

/** The same checks main makes on saving, shown while the card is still at the counter. */
function cardWarnings(a: Applicant): string[] {
  const keyed = applicantWarnings(
    {
      LoaiDoiTuong: a.LoaiDoiTuong,
      SoGiayToChuHoSo: a.SoGiayToChuHoSo.trim() || null,
      NgaySinhChuHoSo: a.NgaySinhChuHoSo && isDayOrEmpty(a.NgaySinhChuHoSo) ? a.NgaySinhChuHoSo : null,
      GioiTinhChuHoSo: a.GioiTinhChuHoSo || null,
      NgayCapGiayTo: a.NgayCapGiayTo || null,
    },
    vietnamDate(new Date()),
  );
  return keyed.map((w) => errText({ message: '', ...w }));
}

/**
 * Người nộp hồ sơ. Input names are the national field names: the scanner fill, the tests and the
 * bench all find the fields by them.
 */
export function ApplicantFields(p: {
  applicant: Applicant;
  history: readonly DossierSummary[];
  reused: boolean;
  /** Input name → why a check refused it. */
  invalid: Readonly<Record<string, string>>;
  onChange: (field: keyof Applicant, value: string) => void;
}) {
  const { t } = useTranslation();
  const a = p.applicant;
  const set = (k: keyof Applicant) => (e: { target: { value: string } }) => p.onChange(k, e.target.value);
  const person = a.LoaiDoiTuong === '1';
  const warnings = cardWarnings(a);
  // A refused field is marked for assistive technology and in red, and says why right under it.
  const mark = (name: string) => ({ 'aria-invalid': name in p.invalid || undefined, 'aria-describedby': name in p.invalid ? `${name}-error` : undefined });
  const why = (name: string) =>
    p.invalid[name] ? (
      <span id={`${name}-error`} className="field-error">
        {p.invalid[name]}
      </span>
    ) : null;
  return (
    <section className="card">
      <h2>{t('intake.applicant')}</h2>
      {p.reused && <p className="muted">{t('intake.reused')}</p>}
      {p.history.length > 0 && (
        <p className="muted" data-testid="applicant-history">
          {t('intake.history', { count: p.history.length })}: {p.history.slice(0, 3).map((h) => `${h.code} (${h.procedureName})`).join('; ')}
        </p>
      )}
      <div className="form-grid three">
        <label>
          {t('intake.kind')}
          <select name="LoaiDoiTuong" value={a.LoaiDoiTuong} onChange={set('LoaiDoiTuong')}>
            <option value="1">{t('intake.kinds.1')}</option>
            <option value="2">{t('intake.kinds.2')}</option>
            <option value="3">{t('intake.kinds.3')}</option>
            <option value="4">{t('intake.kinds.4')}</option>
          </select>
        </label>
        <label className="span2">
          {person ? t('intake.name') : t('intake.orgName')}
          <input name="ChuHoSo" value={a.ChuHoSo} onChange={set('ChuHoSo')} {...mark('ChuHoSo')} />
          {why('ChuHoSo')}
        </label>
        <label>
          {person ? t('intake.idNumber') : t('intake.orgNumber')}
          <input name="SoGiayToChuHoSo" value={a.SoGiayToChuHoSo} onChange={set('SoGiayToChuHoSo')} inputMode="numeric" {...mark('SoGiayToChuHoSo')} />
          {why('SoGiayToChuHoSo')}
        </label>
        <label>
          {t('intake.birthDate')}
          <DateInput name="NgaySinhChuHoSo" value={a.NgaySinhChuHoSo} onChange={(v) => p.onChange('NgaySinhChuHoSo', v)} invalid={'NgaySinhChuHoSo' in p.invalid} />
          {why('NgaySinhChuHoSo')}
        </label>
        <label>
          {t('intake.sex')}
          <select name="GioiTinhChuHoSo" value={a.GioiTinhChuHoSo} onChange={set('GioiTinhChuHoSo')} {...mark('GioiTinhChuHoSo')}>
            <option value="">—</option>
            <option value="Nam">{t('sexLabel.Nam')}</option>
            <option value="Nữ">{t('sexLabel.Nu')}</option>
          </select>
          {why('GioiTinhChuHoSo')}
        </label>
        <label className="span3">
          {t('intake.address')}
          <input name="DiaChiChuHoSo" value={a.DiaChiChuHoSo} onChange={set('DiaChiChuHoSo')} {...mark('DiaChiChuHoSo')} />
          <CurrentUnitsHint address={a.DiaChiChuHoSo} />
          {why('DiaChiChuHoSo')}
        </label>
        <label>
          {t('intake.phone')}
          <input name="SoDienThoai" value={a.SoDienThoai} onChange={set('SoDienThoai')} inputMode="tel" {...mark('SoDienThoai')} />
          {why('SoDienThoai')}
        </label>
        <label className="span2">
          Email
          <input name="Email" value={a.Email} onChange={set('Email')} inputMode="email" {...mark('Email')} />
          {why('Email')}
        </label>
      </div>
      <DeliveryFields applicant={a} invalid={p.invalid} onChange={p.onChange} />
      {warnings.length > 0 && (
        <div role="note" className="message warn" data-testid="applicant-warnings">
          <strong>{t('intake.checkCard')}</strong>
          {warnings.map((w) => (
            <div key={w}>{w}</div>
          ))}
        </div>
      )}
    </section>
  );
}

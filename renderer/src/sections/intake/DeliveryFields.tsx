import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { Applicant } from './draft';

/**
 * Today's units beside an address naming the units before the 2025 reorganisation ("nay thuộc
 * tỉnh …"), asked of main (the province map ships as data, the commune map is in the store). The
 * address itself stays as the card gives it.
 */
export function useCurrentUnits(address: string): { text: string | null; source: string | null } {
  const [hint, setHint] = useState<{ text: string | null; source: string | null }>({ text: null, source: null });
  useEffect(() => {
    const a = address.trim();
    if (!a) return setHint({ text: null, source: null });
    let live = true;
    const timer = setTimeout(() => {
      void api()['address.currentUnits']({ address: a.slice(0, 500) }).then(
        (r) => live && setHint(r.ok ? r.value : { text: null, source: null }),
        () => live && setHint({ text: null, source: null }),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [address]);
  return hint;
}

export function CurrentUnitsHint({ address }: { address: string }) {
  const hint = useCurrentUnits(address);
  if (!hint.text) return null;
  return (
    <span className="muted" data-testid="address-current-units" title={hint.source ?? undefined}>
      ({hint.text})
    </span>
  );
}

/** Kênh tiếp nhận and Mẫu 01 line 6 "Đăng ký nhận kết quả tại": Alt+U and Alt+G reach the selects. */
export function DeliveryFields(p: { applicant: Applicant; invalid: Readonly<Record<string, string>>; onChange: (field: keyof Applicant, value: string) => void }) {
  const { t } = useTranslation();
  const a = p.applicant;
  const set = (k: keyof Applicant) => (e: { target: { value: string } }) => p.onChange(k, e.target.value);
  return (
    <div className="form-grid three">
      <label>
        {t('intake.channel')}
        <select name="KenhThucHien" value={a.KenhThucHien} onChange={set('KenhThucHien')}>
          <option value="1">{t('intake.channels.1')}</option>
          <option value="3">{t('intake.channels.3')}</option>
        </select>
      </label>
      <label>
        {t('intake.returnMethod')}
        <select name="HinhThuc" value={a.HinhThuc} onChange={set('HinhThuc')}>
          <option value="0">{t('intake.returnMethods.0')}</option>
          <option value="1">{t('intake.returnMethods.1')}</option>
        </select>
      </label>
      {a.HinhThuc === '1' && (
        <label>
          {t('intake.postalAddress')}
          <input name="DiaChiNhanKetQua" value={a.DiaChiNhanKetQua} onChange={set('DiaChiNhanKetQua')} aria-invalid={'DiaChiNhanKetQua' in p.invalid || undefined} />
          {p.invalid.DiaChiNhanKetQua && <span className="field-error">{p.invalid.DiaChiNhanKetQua}</span>}
        </label>
      )}
    </div>
  );
}

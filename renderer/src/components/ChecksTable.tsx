import { useTranslation } from 'react-i18next';
import type { DoctorCheck } from '../../../electron/common/domain/doctor';

/** The rows of a system check (Kiểm tra hệ thống, Kiểm tra đầu ngày): what, its status, why. */
export function ChecksTable({ checks, testId }: { checks: readonly DoctorCheck[]; testId: string }) {
  const { t, i18n } = useTranslation();
  // Rows that carry English wording show it in the English UI; the rest are Vietnamese only.
  const en = i18n.language === 'en';
  return (
    <table className="doctor" data-testid={testId}>
      <tbody>
        {checks.map((c) => (
          <tr key={c.id} className={`check ${c.status}`}>
            <td>{en && c.en ? c.en.label : c.label}</td>
            <td>{t(`settings.status.${c.status}`)}</td>
            <td>{en && c.en ? c.en.detail : c.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

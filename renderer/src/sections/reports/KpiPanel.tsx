import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/common/ipc/contract';
import { dateTime, pct } from '../../format';

type Kpi = Output<'report.daily'>['kpi766'];
const CLASSES = ['truocHan', 'dungHan', 'treHan', 'dangTrongHan', 'dangQuaHan', 'khongRoHan'] as const;

/** The 766 on-time rate, its classes, and what is late or overdue in red. Below 80 % (the 766 threshold) the rate is red too. */
export function KpiPanel({ kpi }: { kpi: Kpi }) {
  const { t, i18n } = useTranslation();
  const bad = kpi.treHan + kpi.dangQuaHan > 0;
  return (
    <section className="card kpi" data-testid="kpi766" aria-labelledby="kpi766-title">
      <h2 id="kpi766-title">{t('kpi.title')}</h2>
      <p className={`kpi-ratio${kpi.tyLeDungHan !== null && kpi.tyLeDungHan < 80 ? ' overdue' : ''}`} data-testid="kpi-ratio">
        {kpi.tyLeDungHan === null ? t('kpi.none') : pct(kpi.tyLeDungHan, i18n.language)}
      </p>
      <p className="muted">{t('kpi.formula', { at: dateTime(kpi.judgedAt) })}</p>
      <table className="simple">
        <thead>
          <tr>
            {CLASSES.map((c) => (
              <th key={c} scope="col">{t(`kpi.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {CLASSES.map((c) => (
              <td key={c} className={(c === 'treHan' || c === 'dangQuaHan') && kpi[c] > 0 ? 'overdue' : undefined} data-testid={`kpi-${c}`}>
                {kpi[c]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {bad && (
        <p role="alert" className="overdue" data-testid="kpi-overdue">
          {t('kpi.overdueAlert', { late: kpi.treHan, overdue: kpi.dangQuaHan })}
        </p>
      )}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { Satisfaction } from '../../../electron/common/domain/citizen-display';

/** The report's citizen-satisfaction figures: ratings 1–5 from the citizen display and the share satisfied (4–5). */
export function SatisfactionBlock({ s }: { s: Satisfaction | undefined }) {
  const { t } = useTranslation();
  if (!s) return null;
  return (
    <section className="card" data-testid="satisfaction">
      <h2>{t('displayx.satisfactionTitle')}</h2>
      {s.total === 0 ? (
        <p>{t('displayx.noRatings')}</p>
      ) : (
        <>
          <p data-testid="satisfaction-pct">{t('displayx.satisfied', { pct: `${(s.satisfiedPct ?? 0).toLocaleString('vi-VN')} %`, total: s.total })}</p>
          <table>
            <thead>
              <tr>{s.counts.map((_, i) => <th key={i} scope="col">{i + 1}</th>)}</tr>
            </thead>
            <tbody>
              <tr data-testid="satisfaction-counts">{s.counts.map((n, i) => <td key={i}>{n}</td>)}</tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

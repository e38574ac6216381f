import { useTranslation } from 'react-i18next';
import { num } from '../format';
import type { Satisfaction } from '../../../electron/common/domain/citizen-display';

/** The report's citizen-satisfaction figures: ratings 1–5 from the citizen display and the share satisfied (4–5). */
export function SatisfactionBlock({ s }: { s: Satisfaction | undefined }) {
  const { t, i18n } = useTranslation();
  if (!s) return null;
  return (
    <section className="card" data-testid="satisfaction">
      <h2>{t('displayx.satisfactionTitle')}</h2>
      {s.total === 0 ? (
        <p>{t('displayx.noRatings')}</p>
      ) : (
        <>
          <p data-testid="satisfaction-pct">{t('displayx.satisfied', { pct: `${num(s.satisfiedPct ?? 0, i18n.language, 1)} %`, total: s.total })}</p>
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

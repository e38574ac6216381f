import { useTranslation } from 'react-i18next';
import { pct } from '../format';
import type { Satisfaction } from '../../../electron/common/domain/citizen-display';

/** The provinces' aim: at least this share of citizens satisfied (4–5). */
const SATISFIED_TARGET_PCT = 90;

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
          {/* Written as the 766 rate beside it, and red below the provinces' target as that rate is below its own. */}
          <p className={(s.satisfiedPct ?? 0) < SATISFIED_TARGET_PCT ? 'overdue' : undefined} data-testid="satisfaction-pct">
            {t('displayx.satisfied', { pct: pct(s.satisfiedPct ?? 0, i18n.language), total: s.total })}
          </p>
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

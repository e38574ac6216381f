import { useTranslation } from 'react-i18next';
import { pct } from '../../format';

/** Plain SVG charts for Báo cáo: values on the marks, labelled axes, and a text alternative for screen readers. */

const W = 640;
const H = 200;
const PAD = { left: 40, right: 44, top: 18, bottom: 34 };
const plotW = W - PAD.left - PAD.right;
const plotH = H - PAD.top - PAD.bottom;

/** Integer ticks from 0 to a round top at or above the largest value. */
function ticks(max: number): number[] {
  const top = Math.max(1, max);
  const step = Math.max(1, Math.ceil(top / 4));
  const out: number[] = [];
  for (let v = 0; v <= top + step - 1; v += step) out.push(v);
  return out;
}

function CountAxis({ scaleTop, label }: { scaleTop: number[]; label: string }) {
  const top = scaleTop.at(-1)!;
  return (
    <g className="axis" aria-hidden="true">
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} />
      {scaleTop.map((v) => {
        const y = PAD.top + plotH - (v / top) * plotH;
        return (
          <g key={v}>
            <line className="grid" x1={PAD.left} y1={y} x2={PAD.left + plotW} y2={y} />
            <text x={PAD.left - 6} y={y + 4} textAnchor="end">{v}</text>
          </g>
        );
      })}
      <text x={12} y={PAD.top + plotH / 2} transform={`rotate(-90 12 ${PAD.top + plotH / 2})`} textAnchor="middle">{label}</text>
    </g>
  );
}

/** Dossiers received per hour (07–17). */
export function HourChart({ byHour }: { byHour: readonly number[] }) {
  const { t } = useTranslation();
  const hours = byHour.slice(7, 18);
  const scale = ticks(Math.max(...hours));
  const top = scale.at(-1)!;
  const slot = plotW / hours.length;
  const summary = hours.map((n, i) => `${7 + i}h: ${n}`).join(', ');
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('kpi.hourChart')}: ${summary}`} data-testid="hour-chart">
      <title>{t('kpi.hourChart')}</title>
      <CountAxis scaleTop={scale} label={t('kpi.countAxis')} />
      <line className="axis-line" x1={PAD.left} y1={PAD.top + plotH} x2={PAD.left + plotW} y2={PAD.top + plotH} />
      {hours.map((n, i) => {
        const h = (n / top) * plotH;
        const x = PAD.left + i * slot + slot * 0.15;
        return (
          <g key={i}>
            <rect className="bar-received" x={x} y={PAD.top + plotH - h} width={slot * 0.7} height={h}>
              <title>{`${7 + i}h: ${n}`}</title>
            </rect>
            <text className="value" x={x + slot * 0.35} y={PAD.top + plotH - h - 4} textAnchor="middle">{n}</text>
            <text className="tick" x={x + slot * 0.35} y={PAD.top + plotH + 16} textAnchor="middle">{7 + i}</text>
          </g>
        );
      })}
      <text className="axis-title" x={PAD.left + plotW / 2} y={H - 2} textAnchor="middle">{t('kpi.hourAxis')}</text>
    </svg>
  );
}

export interface TrendPoint {
  readonly day: string;
  readonly received: number;
  readonly finished: number;
  readonly tyLeDungHan: number | null;
}

const dm = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** Per day: received and finished as bars (left axis), the 766 on-time rate as a line (right axis, 0–100 %). */
export function TrendChart({ trend }: { trend: readonly TrendPoint[] }) {
  const { t, i18n } = useTranslation();
  const pctText = (n: number) => pct(n, i18n.language);
  if (!trend.length) return null;
  const scale = ticks(Math.max(...trend.flatMap((d) => [d.received, d.finished])));
  const top = scale.at(-1)!;
  const slot = plotW / trend.length;
  const showValues = trend.length <= 14;
  const yPct = (p: number) => PAD.top + plotH - (p / 100) * plotH;
  const points = trend.map((d, i) => (d.tyLeDungHan === null ? null : ([PAD.left + i * slot + slot / 2, yPct(d.tyLeDungHan)] as const)));
  const path = points.filter((p): p is readonly [number, number] => p !== null).map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const summary = trend.map((d) => `${dm(d.day)}: ${t('kpi.trendReceived')} ${d.received}, ${t('kpi.trendFinished')} ${d.finished}, ${t('kpi.ratio')} ${d.tyLeDungHan === null ? '—' : pctText(d.tyLeDungHan)}`).join('; ');
  return (
    <figure className="trend">
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('kpi.trendChart')}. ${summary}`} data-testid="trend-chart">
        <title>{t('kpi.trendChart')}</title>
        <CountAxis scaleTop={scale} label={t('kpi.countAxis')} />
        <line className="axis-line" x1={PAD.left} y1={PAD.top + plotH} x2={PAD.left + plotW} y2={PAD.top + plotH} />
        <g className="axis" aria-hidden="true">
          <line x1={PAD.left + plotW} y1={PAD.top} x2={PAD.left + plotW} y2={PAD.top + plotH} />
          {[0, 50, 100].map((p) => (
            <text key={p} x={PAD.left + plotW + 6} y={yPct(p) + 4}>{p}%</text>
          ))}
        </g>
        {trend.map((d, i) => {
          const x = PAD.left + i * slot;
          const bw = slot * 0.35;
          const hr = (d.received / top) * plotH;
          const hf = (d.finished / top) * plotH;
          return (
            <g key={d.day}>
              <rect className="bar-received" x={x + slot * 0.12} y={PAD.top + plotH - hr} width={bw} height={hr}>
                <title>{`${dm(d.day)} — ${t('kpi.trendReceived')}: ${d.received}`}</title>
              </rect>
              <rect className="bar-finished" x={x + slot * 0.12 + bw} y={PAD.top + plotH - hf} width={bw} height={hf}>
                <title>{`${dm(d.day)} — ${t('kpi.trendFinished')}: ${d.finished}`}</title>
              </rect>
              {showValues && <text className="value" x={x + slot * 0.12 + bw / 2} y={PAD.top + plotH - hr - 3} textAnchor="middle">{d.received}</text>}
              {showValues && <text className="value" x={x + slot * 0.12 + bw * 1.5} y={PAD.top + plotH - hf - 3} textAnchor="middle">{d.finished}</text>}
              {(showValues || i % Math.ceil(trend.length / 10) === 0) && (
                <text className="tick" x={x + slot / 2} y={PAD.top + plotH + 16} textAnchor="middle">{dm(d.day)}</text>
              )}
            </g>
          );
        })}
        {path && <path className="ratio-line" d={path} fill="none" />}
        {points.map((p, i) =>
          p === null ? null : (
            <g key={i}>
              <circle className={`ratio-dot${trend[i]!.tyLeDungHan! < 80 ? ' low' : ''}`} cx={p[0]} cy={p[1]} r={3} />
              {showValues && <text className="value ratio" x={p[0]} y={p[1] - 6} textAnchor="middle">{pctText(trend[i]!.tyLeDungHan!)}</text>}
            </g>
          ),
        )}
        <text className="axis-title" x={PAD.left + plotW / 2} y={H - 2} textAnchor="middle">{t('kpi.day')}</text>
      </svg>
      <figcaption className="legend">
        <span className="key received" /> {t('kpi.trendReceived')} <span className="key finished" /> {t('kpi.trendFinished')} <span className="key ratio" /> {t('kpi.trendRatio')}
      </figcaption>
    </figure>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { DateInput, isDayOrEmpty } from '../components/DateInput';
import { TokenFields, useTokenPicker } from '../components/TokenFields';
import { SatisfactionBlock } from './SatisfactionBlock';
import { dateTime, vnd } from '../format';
import { KpiPanel } from './reports/KpiPanel';
import { HourChart, TrendChart } from './reports/ReportCharts';
import { ProgressBar } from '../components/ProgressBar';

type Report = Output<'report.daily'>;
type AuditVerdict = Output<'audit.verify'>;
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const TOTALS = ['received', 'returned', 'turnedBack', 'onTime', 'late', 'pending', 'overdue', 'voided', 'reprinted', 'feesCollected', 'unsynced'] as const;

/** Báo cáo (supervisors): the day at a glance, exports, and the end-of-day close. */
export function ReportsSection() {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(today());
  const [to, setTo] = useState('');
  // Typed days count once they are whole and in order; until then the last good report stays.
  const datesOk = date !== '' && isDayOrEmpty(date) && isDayOrEmpty(to) && (!to || to >= date);
  const period = datesOk && to && to !== date ? to : null;
  const [exporting, setExporting] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => api().on('work.progress', (p) => p.task === 'report' && setProgress({ done: p.done, total: p.total })), []);
  const [report, setReport] = useState<Report | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [notes, setNotes] = useState('');
  const [signIt, setSignIt] = useState(false);
  const picker = useTokenPicker();
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const checkAudit = async () => {
    const r = await api()['audit.verify']({});
    if (r.ok) setVerdict(r.value);
    else setMessage({ kind: 'error', text: errText(r.error) });
  };

  const load = useCallback(async () => {
    if (!datesOk) return;
    const r = await api()['report.daily']({ date, to: period, counterId: null });
    if (r.ok) setReport(r.value);
    else setMessage({ kind: 'error', text: errText(r.error) });
  }, [date, period, datesOk]);
  useEffect(() => {
    void load();
  }, [load]);

  const exportAs = async (format: 'pdf' | 'csv' | 'xlsx') => {
    if (exporting || !datesOk) return;
    setMessage(null);
    setExporting(format.toUpperCase());
    setProgress(null);
    const r = await api()['report.export']({ date, to: period, counterId: null, format });
    setExporting(null);
    setProgress(null);
    setMessage(r.ok ? { kind: 'ok', text: t('reports.exported', { path: r.value.path }) } : { kind: 'error', text: errText(r.error) });
  };
  const close = async (e: FormEvent) => {
    e.preventDefault();
    if (report?.review.length && !notes.trim()) return setMessage({ kind: 'error', text: t('reports.reviewNeedsNotes', { count: report.review.length }) });
    const sign = signIt ? picker.take() : null;
    const r = await api()['day.close']({ date, notes: notes.trim() || null, sign: sign && { tokenId: sign.tokenId, certId: sign.certId, pin: sign.pin } });
    setMessage(
      r.ok ? { kind: 'ok', text: t(r.value.signed ? 'reports.closedSigned' : 'reports.closed', { path: r.value.pdfPath }) } : { kind: 'error', text: errText(r.error) },
    );
    void load();
  };

  return (
    <div className="reports" data-testid="reports">
      <div className="actions">
        <label>
          {t('reports.date')} <DateInput name="reportDate" value={date} onChange={setDate} />
        </label>
        <label>
          {t('reports.to')} <DateInput name="reportTo" value={to} onChange={setTo} invalid={isDayOrEmpty(to) && to !== '' && to < date} />
        </label>
        <button className="secondary" disabled={Boolean(exporting)} onClick={() => void exportAs('pdf')} data-testid="export-pdf">PDF</button>
        <button className="secondary" disabled={Boolean(exporting)} onClick={() => void exportAs('csv')}>CSV</button>
        <button className="secondary" disabled={Boolean(exporting)} onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">XLSX</button>
        <button className="secondary" onClick={() => void checkAudit()} data-testid="audit-verify">{t('reports.audit.check')}</button>
        {exporting && (
          <span role="status" className="busy" data-testid="reports-busy">
            {t('busy.exporting', { format: exporting })}
            {progress && <ProgressBar label={t('progress.report', progress)} done={progress.done} total={progress.total} testId="reports-progress" />}
          </span>
        )}
      </div>
      {verdict && (
        <p role={verdict.ok ? 'status' : 'alert'} className={`message ${verdict.ok ? 'ok' : 'error'}`} data-testid="audit-verdict">
          {verdict.ok
            ? t('reports.audit.ok', { rows: verdict.rows, anchors: verdict.anchorsChecked })
            : t('reports.audit.bad', { problem: t(`reports.audit.problem.${verdict.problem ?? 'broken'}`), row: verdict.firstBadId ?? '—' })}{' '}
          {verdict.lastAnchor ? t('reports.audit.lastAnchor', { at: dateTime(verdict.lastAnchor.at), rows: verdict.lastAnchor.rows }) : t('reports.audit.noAnchor')}
        </p>
      )}
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid="reports-message">{message.text}</p>}
      {report && (
        <>
          <p className="muted">
            {t('reports.freshness', { at: report.unitDataAsOf ? dateTime(report.unitDataAsOf) : t('reports.never') })}
            {report.closed && ` — ${t('reports.closedAt', { at: dateTime(report.closed.at), by: report.closed.by })}`}
            {report.changedAfterClose > 0 && ` — ${t('reports.changedAfterClose', { count: report.changedAfterClose })}`}
          </p>
          <div className="totals" data-testid="totals">
            {TOTALS.map((k) => (
              <div key={k} className={`total${(k === 'overdue' || k === 'late') && report.totals[k] ? ' overdue' : ''}`}>
                <span className="n">{k === 'feesCollected' ? vnd(report.totals[k] ?? 0, i18n.language) : report.totals[k]}</span>
                <span className="l">{t(`reports.t.${k}`)}</span>
              </div>
            ))}
          </div>
          <KpiPanel kpi={report.kpi766} />
          <SatisfactionBlock s={report.satisfaction} />
          <section className="card">
            <h2>{t('reports.byHour')}</h2>
            <HourChart byHour={report.byHour} />
          </section>
          {/* A day's report has one trend day: its figures are the KPI panel's. */}
          {report.trend.length > 1 && (
            <section className="card">
              <h2>{t('kpi.trendTitle', { days: report.trend.length })}</h2>
              <TrendChart trend={report.trend} />
            </section>
          )}
          <section className="card">
            <h2>{t('reports.byProcedure')}</h2>
            <table className="simple">
              <thead>
                <tr>
                  <th>{t('table.procedure')}</th>
                  <th>{t('reports.t.received')}</th>
                  <th>{t('reports.t.returned')}</th>
                  <th>{t('reports.t.onTime')}</th>
                  <th>{t('reports.t.late')}</th>
                </tr>
              </thead>
              <tbody>
                {report.byProcedure.map((p) => (
                  <tr key={p.maTthc}>
                    <td>{p.tenTthc}</td>
                    <td>{p.received}</td>
                    <td>{p.returned}</td>
                    <td>{p.onTime}</td>
                    <td className={p.late ? 'overdue' : undefined}>{p.late}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <h2>{t('reports.byCounter')}</h2>
            <table className="simple" data-testid="by-counter">
              <thead>
                <tr>
                  <th scope="col">{t('kpi.counter')}</th>
                  <th scope="col">{t('reports.t.received')}</th>
                  <th scope="col">{t('reports.t.returned')}</th>
                  <th scope="col">{t('kpi.fees')}</th>
                  <th scope="col">{t('kpi.source')}</th>
                </tr>
              </thead>
              <tbody>
                {report.byCounter.map((c) => (
                  <tr key={c.counterId}>
                    <td>{c.counterId}</td>
                    <td>{c.received}</td>
                    <td>{c.returned}</td>
                    <td>{vnd(c.feesCollected, i18n.language)}</td>
                    <td className="muted">{c.source === 'local' ? t('reports.local') : t('reports.feed')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card" data-testid="review">
            <h2>{t('reports.reviewTitle')}</h2>
            {!report.review.length ? (
              <p className="muted">{t('reports.reviewNone')}</p>
            ) : (
              <table className="simple">
                <thead>
                  <tr>
                    <th scope="col">{t('kpi.reviewAt')}</th>
                    <th scope="col">{t('kpi.reviewKind')}</th>
                    <th scope="col">{t('kpi.reviewCode')}</th>
                    <th scope="col">{t('kpi.reviewBy')}</th>
                    <th scope="col">{t('kpi.reviewReason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.review.map((x, i) => (
                    <tr key={i}>
                      <td>{dateTime(x.at)}</td>
                      <td>{t(`reports.kind.${x.kind}`)}</td>
                      <td className="code">{x.code ?? '—'}</td>
                      <td>{x.by ?? '—'}</td>
                      <td>{x.reason ?? t('reports.noReason')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {!period && (
            <form autoComplete="off" className="card" onSubmit={close} aria-label={t('reports.closeTitle')}>
              <h2>{t('reports.closeTitle')}</h2>
              <textarea name="closeNotes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder={t('reports.notesHint')} />
              <label>
                <input type="checkbox" name="signReport" checked={signIt} onChange={(e) => setSignIt(e.target.checked)} /> {t('reports.signWithToken')}
              </label>
              {signIt && (
                <div className="form-grid three">
                  <TokenFields picker={picker} onError={(text) => setMessage({ kind: 'error', text })} />
                </div>
              )}
              <div className="actions">
                <button type="submit" data-testid="close-day" disabled={signIt && (!picker.tokens || picker.locked)}>{t('reports.close')}</button>
              </div>
            </form>
          )}
        </>
      )}
    </div>
  );
}

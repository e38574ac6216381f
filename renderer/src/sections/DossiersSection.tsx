import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierDetail, DossierSummary } from '../../../electron/common/domain/dossier';
import { statusLabel } from '../status-label';
import { api, errText } from '../api';
import { printOffered } from '../components/PrintView';
import { DossierTable } from '../components/DossierTable';
import { FormsPanel } from '../components/FormsPanel';
import { SyncPanel } from '../components/SyncPanel';
import { dateTime, vnd } from '../format';

/** Hồ sơ: one search box over every dossier (code, unaccented name, ID number, phone), and a dossier's detail. */
export function DossiersSection({ initialQuery }: { initialQuery?: string }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(initialQuery ?? '');
  const [rows, setRows] = useState<DossierSummary[]>([]);
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [voidReason, setVoidReason] = useState<string | null>(null);
  const [formsOpen, setFormsOpen] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const detailRef = useRef<HTMLElement>(null);
  const detailCode = useRef<string | null>(null);
  detailCode.current = detail?.code ?? null;

  // Bumped when the queue changes (a sync run sent or parked dossiers): the list's "Đồng bộ" column
  // and an open detail are read again, or they go on saying "Chờ gửi" after F9 has sent them.
  const [queueSeen, setQueueSeen] = useState(0);
  useEffect(() => api().on('sync.state', () => setQueueSeen((n) => n + 1)), []);

  useEffect(() => ref.current?.focus(), []);
  useEffect(() => {
    const h = setTimeout(async () => {
      const r = text.trim() ? await api()['dossier.search']({ text }) : await api()['dossier.listDay']({});
      if (!r.ok) return;
      setRows(r.value);
      // The detail belongs to the search that found it: a search without that dossier closes it.
      // (From the state itself: a detail opened while this search was answered is not yet in the ref.)
      setDetail((d) => (d && r.value.some((x) => x.code === d.code) ? d : null));
      const shown = detailCode.current;
      if (queueSeen > 0 && shown && r.value.some((x) => x.code === shown)) {
        const d = await api()['dossier.get']({ code: shown });
        if (d.ok) setDetail((cur) => (cur?.code === shown ? d.value : cur));
      }
    }, 40);
    return () => clearTimeout(h);
  }, [text, queueSeen]);

  const open = async (code: string) => {
    const r = await api()['dossier.get']({ code });
    if (r.ok) setDetail(r.value);
    setVoidReason(null);
    setFormsOpen(false);
    // Below a long list the detail would open out of sight: bring it up, and the keyboard with it.
    requestAnimationFrame(() => {
      detailRef.current?.scrollIntoView({ block: 'start' });
      detailRef.current?.focus({ preventScroll: true });
    });
  };
  const [printing, setPrinting] = useState(false);
  const print = async () => {
    if (!detail || printing) return;
    setPrinting(true);
    setMessage(null);
    const r = await api()['receipt.print']({ code: detail.code });
    const printed = r.ok ? await printOffered(r.value.document) : { ok: false as const, text: errText(r.error) };
    setPrinting(false);
    setMessage(printed.ok ? { kind: 'ok', text: t('intake.printed') } : { kind: 'error', text: printed.text });
  };
  const voidReceipt = async (e: FormEvent) => {
    e.preventDefault();
    if (!detail || voidReason === null) return;
    const r = await api()['dossier.void']({ code: detail.code, reason: voidReason });
    if (!r.ok) return setMessage({ kind: 'error', text: [errText(r.error), ...(r.error.details ?? []).map(errText)].join(' ') });
    setMessage({ kind: 'ok', text: t('dossiers.voided', { code: r.value.code }) });
    await open(detail.code);
  };

  return (
    <div className="dossiers">
      <label className="search">
        <span>{t('dossiers.search')}</span>
        <input ref={ref} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('dossiers.searchHint')} data-testid="dossier-search" />
      </label>
      <DossierTable rows={rows} onOpen={(c) => void open(c)} testId="search-results" empty={text.trim() ? t('search.noHits', { text: text.trim() }) : undefined} />
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid="dossier-message">{message.text}</p>}
      {detail && (
        <section className="card" data-testid="dossier-detail" ref={detailRef} tabIndex={-1} aria-label={detail.code}>
          <h2 className="code">
            {detail.code} {detail.voided && <span className="badge sync-rejected">{t('dossiers.voidedBadge')}</span>}
          </h2>
          <dl className="facts">
            <dt>{t('table.procedure')}</dt>
            <dd>{detail.procedureName}</dd>
            <dt>{t('table.applicant')}</dt>
            <dd>{detail.applicantName}{detail.idNumber ? ` — ${detail.idNumber}` : ''}</dd>
            <dt>{t('intake.address')}</dt>
            <dd>{detail.address ?? '—'}</dd>
            <dt>{t('table.received')}</dt>
            <dd>{dateTime(detail.receivedAt)}</dd>
            <dt>{t('table.due')}</dt>
            <dd>{dateTime(detail.dueAt)}</dd>
            <dt>{t('table.status')}</dt>
            <dd>{statusLabel(t, detail.status)}</dd>
            <dt>{t('intake.documents')}</dt>
            <dd>{detail.documents.map((d) => d.name).join('; ') || '—'}</dd>
            <dt>{t('intake.fees')}</dt>
            <dd>{vnd(detail.fees.reduce((s, f) => s + f.amountVnd, 0), i18n.language)}</dd>
          </dl>
          <div className="actions">
            <button onClick={() => void print()} disabled={printing} aria-busy={printing || undefined}>{t('intake.print')}</button>
            {printing && (
              <span role="status" className="busy">
                {t('busy.printing')}
              </span>
            )}
            <button className="secondary" onClick={() => setFormsOpen(true)} data-testid="forms-open">{t('forms.open')}</button>
            {!detail.voided && voidReason === null && (
              <button className="secondary" onClick={() => setVoidReason('')} data-testid="void-start">{t('dossiers.void')}</button>
            )}
          </div>
          {formsOpen && <FormsPanel code={detail.code} onDone={setMessage} onClose={() => setFormsOpen(false)} />}
          {voidReason !== null && (
            <form autoComplete="off" className="form-grid" onSubmit={voidReceipt} aria-label={t('dossiers.voidConfirm')}>
              <label className="span2">
                {t('dossiers.voidReason')}
                <input name="voidReason" autoFocus value={voidReason} onChange={(e) => setVoidReason(e.target.value)} />
              </label>
              <div>
                <button type="submit" data-testid="void-confirm">{t('dossiers.voidConfirm')}</button>
              </div>
            </form>
          )}
        </section>
      )}
      <SyncPanel />
    </div>
  );
}

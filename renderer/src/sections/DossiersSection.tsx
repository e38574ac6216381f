import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_LABEL, type DossierDetail, type DossierSummary } from '../../../electron/common/domain/dossier';
import { api } from '../api';
import { DossierTable } from '../components/DossierTable';
import { SyncPanel } from '../components/SyncPanel';
import { dateTime, vnd } from '../format';

/** Hồ sơ: one search box over every dossier (code, unaccented name, ID number, phone), and a dossier's detail. */
export function DossiersSection({ initialQuery }: { initialQuery?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialQuery ?? '');
  const [rows, setRows] = useState<DossierSummary[]>([]);
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => ref.current?.focus(), []);
  useEffect(() => {
    const h = setTimeout(async () => {
      const r = text.trim() ? await api()['dossier.search']({ text }) : await api()['dossier.listDay']({});
      if (r.ok) setRows(r.value);
    }, 40);
    return () => clearTimeout(h);
  }, [text]);

  const open = async (code: string) => {
    const r = await api()['dossier.get']({ code });
    if (r.ok) setDetail(r.value);
  };
  const print = async () => {
    if (!detail) return;
    const r = await api()['receipt.print']({ code: detail.code });
    setMessage(r.ok ? t('intake.printed') : r.error.message);
  };

  return (
    <div className="dossiers">
      <label className="search">
        <span>{t('dossiers.search')}</span>
        <input ref={ref} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('dossiers.searchHint')} data-testid="dossier-search" />
      </label>
      <DossierTable rows={rows} onOpen={(c) => void open(c)} testId="search-results" />
      <SyncPanel />
      {message && <p role="status" className="message ok">{message}</p>}
      {detail && (
        <section className="card" data-testid="dossier-detail">
          <h2 className="mono">{detail.code}</h2>
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
            <dd>{STATUS_LABEL[detail.status] ?? detail.status}</dd>
            <dt>{t('intake.documents')}</dt>
            <dd>{detail.documents.map((d) => d.name).join('; ') || '—'}</dd>
            <dt>{t('intake.fees')}</dt>
            <dd>{vnd(detail.fees.reduce((s, f) => s + f.amountVnd, 0))}</dd>
          </dl>
          <button onClick={() => void print()}>{t('intake.print')}</button>
        </section>
      )}
    </div>
  );
}

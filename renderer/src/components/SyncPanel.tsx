import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { dateTime } from '../format';
import { ProgressBar } from './ProgressBar';

type QueueItem = Output<'sync.queue'>[number];
type InboxItem = Output<'sync.inbox'>[number];

/** Đồng bộ: the queue with upload progress, "Đồng bộ ngay" (F9), and the rejection inbox. */
export function SyncPanel() {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [inbox, setInbox] = useState<InboxItem[]>([]);
  const [progress, setProgress] = useState<Record<string, { fileName: string; sent: number; total: number }>>({});
  const [message, setMessage] = useState<string | null>(null);
  /** A run's sending, item by item (main's work.progress events); null when no run is sending. */
  const [run, setRun] = useState<{ done: number; total: number; current: string } | null>(null);
  /** The last F9 run's first failure, worded in the officer's language. */
  const [runError, setRunError] = useState<string | null>(null);
  /** What the last F9 did to the queue: dossiers tried before their retry time, rejected ones left for a correction. */
  const [pressed, setPressed] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  /** No provincial server yet: nothing is ever tried, so no item has a failure or a retry time to show. */
  const [unconfigured, setUnconfigured] = useState(false);

  const load = useCallback(async () => {
    const [q, i, s] = await Promise.all([api()['sync.queue']({}), api()['sync.inbox']({}), api()['sync.staleness']({})]);
    if (q.ok) setQueue(q.value);
    if (i.ok) setInbox(i.value);
    if (s.ok) setStale(s.value.message && errText({ message: s.value.message, ...s.value.messageKey }));
  }, []);

  // Read once as the panel opens, not with every queue change: the server is set up in Cài đặt,
  // and coming back from there opens the panel again.
  useEffect(() => {
    void api()['auth.state']({}).then((a) => a.ok && setUnconfigured(!a.value.apiConfigured));
  }, []);

  const now = useCallback(async () => {
    setMessage(t('sync.running'));
    setRunError(null);
    setPressed(null);
    const r = await api()['sync.now']({});
    // A run's first failure is its reason, keyed and worded here: "còn 1" alone says nothing of why.
    const reason = r.ok && r.value.message ? errText({ message: r.value.message, ...r.value.messageKey }) : null;
    setMessage(r.ok ? (r.value.ran ? t('sync.ranReport', { sent: r.value.sent, remaining: r.value.remaining, rejected: r.value.rejected }) : reason) : errText(r.error));
    setRunError(r.ok && r.value.ran ? reason : null);
    const counts = r.ok ? [r.value.retried > 0 && t('syncx.retried', { count: r.value.retried }), r.value.heldForCorrection > 0 && t('syncx.held', { count: r.value.heldForCorrection })] : [];
    setPressed(counts.filter(Boolean).join(' ') || null);
    setRun(null);
    void load();
  }, [load, t]);

  useEffect(() => {
    void load();
    const offProgress = api().on('sync.progress', (p) => setProgress((all) => ({ ...all, [p.code]: p })));
    const offState = api().on('sync.state', () => void load());
    const offRun = api().on('work.progress', (p) => p.task === 'sync' && setRun(p.current ? { done: p.done, total: p.total, current: p.current } : null));
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F9') {
        e.preventDefault();
        void now();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      offProgress();
      offState();
      offRun();
      window.removeEventListener('keydown', onKey);
    };
  }, [load, now]);

  const resend = async (code: string) => {
    const r = await api()['sync.resend']({ code });
    setMessage(r.ok ? t('sync.resent', { code }) : errText(r.error));
    void load();
  };
  const informed = async (code: string) => {
    const note = window.prompt(t('sync.informPrompt', { code }));
    if (!note) return;
    const r = await api()['sync.informed']({ code, note });
    setMessage(r.ok ? t('sync.informedDone') : errText(r.error));
    void load();
  };

  return (
    <section className="card" data-testid="sync-panel">
      <h2>{t('sync.title')}</h2>
      {stale && <p className="message warn" data-testid="staleness">{stale}</p>}
      <div className="actions">
        <button onClick={() => void now()} data-testid="sync-now">{t('sync.now')} (F9)</button>
        {run && <ProgressBar label={t('progress.sync', run)} done={run.done} total={run.total} testId="sync-run-progress" />}
        {message && (
          <span role="status" className="muted" data-testid="sync-message">
            {message}
            {runError && <span className="sync-why" data-testid="sync-run-error"> {t('syncx.firstError', { reason: runError })}</span>}
          </span>
        )}
        {pressed && <span className="muted" data-testid="sync-retried">{pressed}</span>}
      </div>
      <h3>{t('sync.queue', { count: queue.length })}</h3>
      {unconfigured && queue.length > 0 && <p className="sync-why" data-testid="sync-unconfigured">{t('syncx.unconfigured')}</p>}
      <ul className="sync-queue">
        {queue.slice(0, 50).map((q) => {
          const p = progress[q.code];
          return (
            <li key={`${q.code}-${q.kind}`}>
              <span className="code">{q.code}</span> · {t(`sync.kind.${q.kind}`)} · {t(`sync.item.${q.state}`)}
              {q.attempts > 0 && ` · ${t('sync.attempts', { count: q.attempts })}`}
              {p && q.kind === 'upload' && <progress max={p.total} value={p.sent} aria-label={p.fileName} />}
              {/* Why it is still here and when it goes again: "còn 1" alone leaves the officer guessing. */}
              {(q.lastError || q.nextAttemptAt) && q.state !== 'rejected' && (
                <span className="sync-why" data-testid="sync-why">
                  {q.lastError && t('syncx.lastError', { reason: errText({ message: q.lastError, ...q.lastErrorKey }) })}
                  {q.lastError && q.nextAttemptAt && ' — '}
                  {q.nextAttemptAt && t('syncx.nextRetry', { at: dateTime(q.nextAttemptAt) })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <h3>{t('sync.inbox', { count: inbox.length })}</h3>
      <ul className="sync-inbox" data-testid="sync-inbox">
        {inbox.map((i) => (
          <li key={i.code}>
            <span className="code">{i.code}</span> — {errText({ message: i.message, ...i.messageKey })}
            {i.details.length > 0 && `: ${i.details.map((d) => `${d.field ?? ''} ${d.message ?? ''}`.trim()).join('; ')}`}
            <button className="link" onClick={() => void resend(i.code)}>{t('sync.resend')}</button>
            <button className="link" onClick={() => void informed(i.code)}>{t('sync.informed')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { statusLabel } from '../status-label';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { printOffered } from '../components/PrintView';
import { TokenFields, useTokenPicker } from '../components/TokenFields';
import { dateTime } from '../format';
import { onScan } from '../scan-bus';
import { PostalReturn } from './PostalReturn';

type View = Output<'returns.open'>;

/**
 * Trả kết quả: scan the receipt's code → the dossier and its results → sign those that need the
 * officer's signature (token + PIN, one PIN for the batch) → record who collected → slip printed.
 */
export function ReturnsSection() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [view, setView] = useState<View | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const picker = useTokenPicker();
  const [receivedBy, setReceivedBy] = useState('');
  const [idChecked, setIdChecked] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);
  /** The token's note after a signature (PIN tries left): a line of its own under "Đã ký", as on Ký số. */
  const [tokenWarning, setTokenWarning] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const open = useCallback(
    async (c: string) => {
      setMessage(null);
      setTokenWarning(null);
      const r = await api()['returns.open']({ code: c });
      if (!r.ok) {
        setView(null);
        return setMessage({ kind: 'error', text: errText(r.error) });
      }
      setView(r.value);
      setCode(c);
      setSelected(new Set(r.value.results.filter((x) => x.kind === 'result').map((x) => x.id)));
      setReceivedBy(r.value.dossier.applicantName);
      setIdChecked(false);
      if (!r.value.returnable) setMessage({ kind: 'warn', text: errText({ message: r.value.reason ?? '', ...r.value.reasonKey }) });
    },
    [],
  );

  useEffect(() => {
    codeRef.current?.focus();
    return onScan((e) => {
      if (e.kind === 'dossierCode' && e.code) void open(e.code);
    });
  }, [open]);

  const sign = async (e: FormEvent) => {
    e.preventDefault();
    if (!view) return;
    setTokenWarning(null);
    const r = await api()['returns.sign']({ code: view.dossier.code, ...picker.take(), attachmentIds: [...selected] });
    if (!r.ok) return setMessage({ kind: 'error', text: errText(r.error) });
    await open(view.dossier.code);
    // "Đã ký" first, always; the token's warning follows it, never instead of it.
    setMessage({ kind: 'ok', text: t('returns.signed', { count: r.value.signed.length }) });
    setTokenWarning(r.value.warning ? errText(r.value.warning) : null);
  };

  const handOver = async (e: FormEvent) => {
    e.preventDefault();
    if (!view) return;
    const r = await api()['returns.handOver']({ code: view.dossier.code, receivedBy, idChecked, note: null });
    if (!r.ok) return setMessage({ kind: 'error', text: [errText(r.error), ...(r.error.details ?? []).map(errText)].join(' ') });
    // The hand-over is recorded whether or not its slip prints: a slip that did not is said, with why.
    const printed = await printOffered(r.value.document);
    await open(view.dossier.code);
    setMessage(printed.ok ? { kind: 'ok', text: t('returns.handedOver') } : { kind: 'warn', text: t('print.slipFailed', { reason: printed.text }) });
  };

  return (
    <div className="returns">
      <form
        autoComplete="off"
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void open(code.trim());
        }}
      >
        <label className="picker">
          <span>{t('returns.code')}</span>
          <input ref={codeRef} name="returnCode" value={code} onChange={(e) => setCode(e.target.value)} placeholder="000.00.01.H22-261121-0001" />
        </label>
      </form>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid="returns-message">{message.text}</p>}
      {tokenWarning && <p role="alert" className="message warn" data-testid="returns-warning">{t('signOut.warning', { warning: tokenWarning })}</p>}
      {view && (
        <>
          <section className="card" data-testid="return-view">
            <h2 className="code">{view.dossier.code}</h2>
            <p>
              {view.dossier.applicantName} — {view.dossier.procedureName} — {statusLabel(t, view.dossier.status)} — {t('table.due')}: {dateTime(view.dossier.dueAt)}
            </p>
            <h3>{t('returns.results')}</h3>
            {!view.results.length && <p className="muted">{t('returns.noResults')}</p>}
            <ul className="checklist" data-testid="results">
              {view.results.map((r) => (
                <li key={r.id}>
                  <label>
                    <input
                      type="checkbox"
                      disabled={r.kind === 'signed_result'}
                      checked={selected.has(r.id)}
                      onChange={() => {
                        const n = new Set(selected);
                        if (n.has(r.id)) n.delete(r.id);
                        else n.add(r.id);
                        setSelected(n);
                      }}
                    />
                    {r.fileName} {r.kind === 'signed_result' && <span className="badge sync-synced">{t('returns.signedBadge')}</span>}
                  </label>
                </li>
              ))}
            </ul>
          </section>
          {view.returnable && view.results.some((r) => r.kind === 'result') && (
            <form autoComplete="off" className="card" onSubmit={sign} aria-label={t('returns.signTitle')}>
              <h2>{t('returns.signTitle')}</h2>
              <div className="form-grid three">
                <TokenFields picker={picker} onError={(text) => setMessage({ kind: 'error', text })} />
                {picker.tokens && (
                  <div>
                    <button type="submit" data-testid="sign" disabled={picker.locked}>{t('returns.sign')}</button>
                  </div>
                )}
              </div>
            </form>
          )}
          <PostalReturn view={view} onDone={(m) => void open(view.dossier.code).then(() => setMessage(m))} />
          {view.returnable && (
            <form autoComplete="off" className="card" onSubmit={handOver} aria-label={t('returns.handOverTitle')}>
              <h2>{t('returns.handOverTitle')}</h2>
              <div className="form-grid">
                <label>
                  {t('returns.receivedBy')}
                  <input name="receivedBy" value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} />
                </label>
                <label>
                  <span>
                    <input name="idChecked" type="checkbox" checked={idChecked} onChange={(e) => setIdChecked(e.target.checked)} /> {t('returns.idChecked')}
                  </span>
                </label>
              </div>
              <div className="actions">
                <button type="submit" data-testid="hand-over">{t('returns.handOver')}</button>
              </div>
            </form>
          )}
        </>
      )}
    </div>
  );
}

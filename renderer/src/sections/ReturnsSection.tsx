import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_LABEL } from '../../../electron/common/domain/dossier';
import type { Output } from '../../../electron/common/ipc/contract';
import { api } from '../api';
import { dateTime } from '../format';
import { onScan } from '../scan-bus';

type View = Output<'returns.open'>;
type Tokens = Output<'token.list'>;

/**
 * Trả kết quả: scan the receipt's code → the dossier and its results → sign those that need the
 * officer's signature (token + PIN, one PIN for the batch) → record who collected → slip printed.
 */
export function ReturnsSection() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [view, setView] = useState<View | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [tokens, setTokens] = useState<Tokens | null>(null);
  const [tokenId, setTokenId] = useState('');
  const [certId, setCertId] = useState('');
  const [pin, setPin] = useState('');
  const [finalTry, setFinalTry] = useState(false);
  const [receivedBy, setReceivedBy] = useState('');
  const [idChecked, setIdChecked] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const open = useCallback(
    async (c: string) => {
      setMessage(null);
      const r = await api()['returns.open']({ code: c });
      if (!r.ok) {
        setView(null);
        return setMessage({ kind: 'error', text: r.error.message });
      }
      setView(r.value);
      setCode(c);
      setSelected(new Set(r.value.results.filter((x) => x.kind === 'result').map((x) => x.id)));
      setReceivedBy(r.value.dossier.applicantName);
      setIdChecked(false);
      if (!r.value.returnable) setMessage({ kind: 'warn', text: r.value.reason ?? '' });
    },
    [],
  );

  useEffect(() => {
    codeRef.current?.focus();
    return onScan((e) => {
      if (e.kind === 'dossierCode' && e.code) void open(e.code);
    });
  }, [open]);

  const loadTokens = async () => {
    const r = await api()['token.list']({});
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setTokens(r.value);
    const first = r.value[0];
    if (first) {
      setTokenId(first.serial || first.label);
      const signing = first.certificates.find((c) => c.keyUsage.includes('digitalSignature') || c.keyUsage.includes('nonRepudiation'));
      setCertId(signing?.id ?? '');
    }
  };

  const sign = async (e: FormEvent) => {
    e.preventDefault();
    if (!view) return;
    const tk = tokens?.find((x) => (x.serial || x.label) === tokenId);
    const r = await api()['returns.sign']({
      code: view.dossier.code,
      tokenId,
      certId: certId || null,
      pin: tk?.flags.protectedAuthPath ? null : pin || null,
      confirmFinalTry: finalTry,
      attachmentIds: [...selected],
    });
    setPin(''); // the PIN never stays in the screen
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    await open(view.dossier.code);
    setMessage({ kind: r.value.warning ? 'warn' : 'ok', text: r.value.warning ?? t('returns.signed', { count: r.value.signed.length }) });
  };

  const handOver = async (e: FormEvent) => {
    e.preventDefault();
    if (!view) return;
    const r = await api()['returns.handOver']({ code: view.dossier.code, receivedBy, idChecked, note: null });
    if (!r.ok) return setMessage({ kind: 'error', text: [r.error.message, ...(r.error.details ?? []).map((d) => d.message)].join(' ') });
    await open(view.dossier.code);
    setMessage({ kind: 'ok', text: t('returns.handedOver') });
  };

  const tk = tokens?.find((x) => (x.serial || x.label) === tokenId);
  return (
    <div className="returns">
      <form
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
      {view && (
        <>
          <section className="card" data-testid="return-view">
            <h2 className="mono">{view.dossier.code}</h2>
            <p>
              {view.dossier.applicantName} — {view.dossier.procedureName} — {STATUS_LABEL[view.dossier.status] ?? view.dossier.status} — {t('table.due')}: {dateTime(view.dossier.dueAt)}
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
            <form className="card" onSubmit={sign} aria-label={t('returns.signTitle')}>
              <h2>{t('returns.signTitle')}</h2>
              {!tokens ? (
                <button type="button" onClick={() => void loadTokens()} data-testid="load-tokens">{t('returns.findToken')}</button>
              ) : (
                <div className="form-grid three">
                  <label>
                    {t('returns.token')}
                    <select name="tokenId" value={tokenId} onChange={(e) => setTokenId(e.target.value)}>
                      {tokens.map((x) => (
                        <option key={x.serial || x.label} value={x.serial || x.label}>{x.label} ({x.manufacturer})</option>
                      ))}
                    </select>
                  </label>
                  <label className="span2">
                    {t('returns.certificate')}
                    <select name="certId" value={certId} onChange={(e) => setCertId(e.target.value)}>
                      {(tk?.certificates ?? []).map((c) => (
                        <option key={c.id} value={c.id}>{c.subject} — {c.notAfter.slice(0, 10)}</option>
                      ))}
                    </select>
                  </label>
                  {!tk?.flags.protectedAuthPath && (
                    <label>
                      PIN
                      <input name="pin" type="password" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
                    </label>
                  )}
                  {tk?.flags.pinFinalTry && (
                    <label className="span2 message warn">
                      <span>
                        <input type="checkbox" checked={finalTry} onChange={(e) => setFinalTry(e.target.checked)} /> {t('returns.finalTry')}
                      </span>
                    </label>
                  )}
                  <div>
                    <button type="submit" data-testid="sign" disabled={tk?.flags.pinLocked}>{t('returns.sign')}</button>
                  </div>
                </div>
              )}
            </form>
          )}
          {view.returnable && (
            <form className="card" onSubmit={handOver} aria-label={t('returns.handOverTitle')}>
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

import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { TokenFields, useTokenPicker } from '../components/TokenFields';
import { PdfPreview } from '../components/PdfPreview';
import { SignedFolder } from '../components/SignedFolder';
import { ProgressBar } from '../components/ProgressBar';

type InboxFile = Output<'attachments.pick'>[number];
type Signed = Output<'signing.signFiles'>;
type Verification = Output<'signing.verify'>;

/** Ký số: sign any PDF (a decision, a result document) with the officer's token, and check signatures already in a file. */
export function SigningSection() {
  const { t } = useTranslation();
  const picker = useTokenPicker();
  const [files, setFiles] = useState<InboxFile[]>([]);
  const [checks, setChecks] = useState<Record<string, Verification>>({});
  const [visible, setVisible] = useState(true);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<Signed | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [warning, setWarning] = useState<string | null>(null);
  const [preview, setPreview] = useState<InboxFile | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  useEffect(() => api().on('work.progress', (p) => p.task === 'signing' && setProgress({ done: p.done, total: p.total })), []);

  const pick = async () => {
    const r = await api()['attachments.pick']({});
    if (!r.ok) return setMessage({ kind: 'error', text: errText(r.error) });
    const pdfs = r.value.filter((f) => f.contentType === 'application/pdf');
    if (pdfs.length < r.value.length) setMessage({ kind: 'warn', text: t('signing.onlyPdf') });
    setFiles((old) => [...old, ...pdfs.filter((p) => !old.some((o) => o.token === p.token))]);
  };
  const verify = async (f: InboxFile) => {
    const r = await api()['signing.verify']({ file: f.token });
    if (!r.ok) return setMessage({ kind: 'error', text: errText(r.error) });
    setChecks((c) => ({ ...c, [f.token]: r.value }));
  };
  const sign = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setWarning(null);
    setProgress({ done: 0, total: files.length });
    const batch = files;
    const r = await api()['signing.signFiles']({ files: batch.map((f) => f.token), ...picker.take(), visible, reason: reason.trim() || null });
    setBusy(false);
    setProgress(null);
    if (!r.ok) return setMessage({ kind: 'error', text: [errText(r.error), ...(r.error.details ?? []).map(errText)].join(' ') });
    setResult(r.value);
    // Signed inputs leave the list (they are done); anything picked while signing stays.
    setFiles((all) => all.filter((f) => !batch.some((b) => b.token === f.token)));
    setPreview(null);
    // "Đã ký" stays on its own line; the token's warning (PIN tries left) comes after it, never instead.
    setMessage({ kind: 'ok', text: t('signing.done', { count: r.value.signed.length }) });
    setWarning(r.value.warning ? errText(r.value.warning) : null);
  };

  return (
    <div className="signing">
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid="signing-message">{message.text}</p>}
      {warning && <p role="alert" className="message warn" data-testid="signing-warning">{t('signOut.warning', { warning })}</p>}
      <SignedFolder onMessage={setMessage} />
      <section className="card">
        <h2>{t('signing.files')}</h2>
        <div className="actions">
          <button type="button" onClick={() => void pick()} data-testid="signing-pick">{t('signing.pick')}</button>
        </div>
        {!files.length ? (
          <p className="muted">{t('signing.noFiles')}</p>
        ) : (
          <ul className="files" data-testid="signing-files">
            {files.map((f) => (
              <li key={f.token}>
                {f.fileName}{' '}
                <button type="button" className="secondary" onClick={() => setPreview(f)} data-testid="signing-preview">{t('preview.show')}</button>{' '}
                <button type="button" className="secondary" onClick={() => void verify(f)}>{t('signing.verify')}</button>{' '}
                <button type="button" className="secondary" onClick={() => setFiles((all) => all.filter((x) => x.token !== f.token))}>{t('signing.remove')}</button>
                {checks[f.token] && (
                  <span className="muted" data-testid="signing-check">
                    {' '}
                    {!checks[f.token]!.length
                      ? t('signing.unsigned')
                      : checks[f.token]!.map((c) => `${c.signer ?? '?'}: ${c.integrity === 'valid' ? t('signing.intact') : t('signing.broken')}${c.coversWholeDocument ? '' : ` (${t('signing.partial')})`}${c.trusted === false ? ` (${t('signing.untrusted')})` : ''}`).join('; ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {preview && files.some((f) => f.token === preview.token) && <PdfPreview key={preview.token} token={preview.token} name={preview.fileName} onClose={() => setPreview(null)} />}
      {files.length > 0 && (
        <form autoComplete="off" className="card" onSubmit={sign} aria-label={t('signing.signTitle')}>
          <h2>{t('signing.signTitle')}</h2>
          <div className="form-grid three">
            <TokenFields picker={picker} onError={(text) => setMessage({ kind: 'error', text })} />
            <label className="span2">
              {t('signing.reason')}
              <input name="signReason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <label>
              <input type="checkbox" name="signVisible" checked={visible} onChange={(e) => setVisible(e.target.checked)} /> {t('signing.visible')}
            </label>
            {picker.tokens && (
              <div>
                <button type="submit" data-testid="signing-sign" disabled={busy || picker.locked} aria-busy={busy || undefined}>{t('signing.sign', { count: files.length })}</button>
                {busy && (
                  <span role="status" className="busy" data-testid="signing-busy">
                    {t('busy.signing', { count: files.length })}
                    {progress && <ProgressBar label={t('progress.signing', progress)} done={progress.done} total={progress.total} testId="signing-progress" />}
                  </span>
                )}
              </div>
            )}
          </div>
        </form>
      )}
      {result && (
        <section className="card" data-testid="signing-result">
          <h2>{t('signing.resultTitle')}</h2>
          <p className="muted">{result.signer}</p>
          <ul className="files">
            {result.signed.map((s) => (
              <li key={s.path}>
                <span className="code">{s.fileName}</span> — {s.valid ? t('signing.checkedValid') : t('signing.checkedInvalid')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../electron/common/domain/dossier';
import type { Procedure } from '../../../electron/common/domain/procedure';
import type { ScanEvent } from '../../../electron/common/domain/scan';
import { api } from '../api';
import { onScan as subscribeScans } from '../scan-bus';
import { DossierTable } from '../components/DossierTable';
import { TurnBackDialog } from '../components/TurnBackDialog';
import { dateTime, vnd } from '../format';

interface Applicant {
  LoaiDoiTuong: '1' | '2' | '3' | '4';
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  NgaySinhChuHoSo: string;
  GioiTinhChuHoSo: '' | 'Nam' | 'Nữ';
  DiaChiChuHoSo: string;
  SoDienThoai: string;
  Email: string;
}
const EMPTY: Applicant = { LoaiDoiTuong: '1', ChuHoSo: '', SoGiayToChuHoSo: '', NgaySinhChuHoSo: '', GioiTinhChuHoSo: '', DiaChiChuHoSo: '', SoDienThoai: '', Email: '' };
type Attachment = { token: string; fileName: string; sizeBytes: number; contentType: string; doc: string | null };
type Saved = { code: string; receivedAt: string; dueAt: string };

/**
 * Tiếp nhận: scan the ID card, pick the procedure, confirm the pre-ticked documents and fees,
 * save. Keyboard: F2 procedure, Enter save, Ctrl+P print, Esc new dossier, Alt+B / Alt+T turn back,
 * Alt+F add files, Alt+S files from the scanner folder.
 */
export function IntakeSection({ onSaved }: { onSaved?: () => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [suggestions, setSuggestions] = useState<Procedure[]>([]);
  const [active, setActive] = useState(0);
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [due, setDue] = useState<{ dueAt: string; durationText: string } | null>(null);
  const [applicant, setApplicant] = useState<Applicant>(EMPTY);
  const [docs, setDocs] = useState<Set<string>>(new Set());
  const [fees, setFees] = useState<Set<string>>(new Set());
  const [files, setFiles] = useState<Attachment[]>([]);
  const [history, setHistory] = useState<DossierSummary[]>([]);
  const [reused, setReused] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [busy, setBusy] = useState(false);
  const [turnBack, setTurnBack] = useState<'02' | '03' | null>(null);
  const [preview, setPreview] = useState<{ url: string; type: string } | null>(null);
  const [today, setToday] = useState<DossierSummary[]>([]);
  const pickerRef = useRef<HTMLInputElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);

  const loadToday = useCallback(async () => {
    const r = await api()['dossier.listDay']({});
    if (r.ok) setToday(r.value);
  }, []);
  useEffect(() => {
    void loadToday();
  }, [loadToday]);
  // The picker is where every dossier starts: focus it whenever the form is (re)shown.
  useEffect(() => {
    if (!saved) pickerRef.current?.focus();
  }, [saved]);

  const reset = useCallback(() => {
    setQuery('');
    setSuggestions([]);
    setProcedure(null);
    setDue(null);
    setApplicant(EMPTY);
    setDocs(new Set());
    setFees(new Set());
    setFiles([]);
    setHistory([]);
    setReused(false);
    setErrors([]);
    setNotice(null);
    setSaved(null);
    pickerRef.current?.focus();
  }, []);

  // A scan anywhere on the screen fills the applicant, never half: the event is parsed in main.
  const onScan = useCallback(async (e: ScanEvent) => {
    if (e.kind === 'invalid') {
      setErrors([t('intake.scanInvalid', { reason: e.error ?? '' })]);
      return;
    }
    if (e.kind === 'dossierCode') {
      setNotice(t('intake.scannedCode', { code: e.code }));
      return;
    }
    if (e.kind !== 'cccd' || !e.cccd) return;
    const c = e.cccd;
    setSaved(null);
    setErrors([]);
    const h = await api()['intake.applicant']({ idNumber: c.SoDinhDanh });
    const past = h.ok ? h.value : { dossiers: [], phone: null, email: null };
    setHistory(past.dossiers);
    setReused(Boolean(past.phone || past.email));
    setApplicant((a) => ({
      ...a,
      LoaiDoiTuong: '1',
      ChuHoSo: c.HoTen,
      SoGiayToChuHoSo: c.SoDinhDanh,
      NgaySinhChuHoSo: c.NgaySinh,
      GioiTinhChuHoSo: c.GioiTinh,
      DiaChiChuHoSo: c.NoiThuongTru,
      SoDienThoai: a.SoDienThoai || past.phone || '',
      Email: a.Email || past.email || '',
    }));
    setNotice(t('intake.scanned', { name: c.HoTen }));
    pickerRef.current?.focus();
  }, [t]);
  useEffect(() => subscribeScans((e) => void onScan(e)), [onScan]);

  useEffect(() => {
    if (!query.trim() || (procedure && query === procedure.tenTthc)) {
      setSuggestions([]);
      return;
    }
    const h = setTimeout(async () => {
      const r = await api()['catalog.search']({ query });
      if (r.ok) {
        setSuggestions(r.value);
        setActive(0);
      }
    }, 25);
    return () => clearTimeout(h);
  }, [query, procedure]);

  const choose = useCallback(async (p: Procedure) => {
    setProcedure(p);
    setQuery(p.tenTthc);
    setSuggestions([]);
    setDocs(new Set(p.documents.filter((d) => d.required).map((d) => d.code)));
    setFees(new Set(p.fees.map((f) => f.code)));
    setErrors([]);
    const r = await api()['intake.previewDue']({ maTthc: p.maTthc });
    setDue(r.ok ? { dueAt: r.value.dueAt, durationText: r.value.durationText } : null);
    saveRef.current?.focus();
  }, []);

  const pickerKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!suggestions.length) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(suggestions.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void choose(suggestions[active]!);
    }
  };

  const totalFees = useMemo(() => (procedure?.fees ?? []).filter((f) => fees.has(f.code)).reduce((s, f) => s + f.amountVnd, 0), [procedure, fees]);

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || saved) return;
    if (!procedure) {
      setErrors([t('intake.noProcedure')]);
      pickerRef.current?.focus();
      return;
    }
    setBusy(true);
    const draft = {
      MaTTHC: procedure.maTthc,
      LoaiDoiTuong: applicant.LoaiDoiTuong,
      ChuHoSo: applicant.ChuHoSo,
      SoGiayToChuHoSo: applicant.SoGiayToChuHoSo || null,
      NgaySinhChuHoSo: applicant.NgaySinhChuHoSo || null,
      GioiTinhChuHoSo: applicant.GioiTinhChuHoSo || null,
      DiaChiChuHoSo: applicant.DiaChiChuHoSo || null,
      SoDienThoai: applicant.SoDienThoai || null,
      Email: applicant.Email || null,
      TaiLieuNop: [...docs],
      DanhSachLePhi: [...fees],
    };
    const r = await api()['intake.receive']({ draft, attachments: files.map((f) => ({ token: f.token, MaThanhPhanHoSo: f.doc })) });
    setBusy(false);
    if (!r.ok) {
      setErrors([r.error.message, ...(r.error.details ?? []).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message))]);
      return;
    }
    setErrors([]);
    setSaved(r.value);
    setNotice(null);
    void loadToday();
    onSaved?.();
  };

  const print = useCallback(async () => {
    if (!saved) return;
    const r = await api()['receipt.print']({ code: saved.code });
    setNotice(r.ok ? t('intake.printed') : r.error.message);
  }, [saved, t]);

  const printThermal = useCallback(async () => {
    if (!saved) return;
    const r = await api()['printer.receipt']({ code: saved.code, reason: null });
    setNotice(r.ok ? t('intake.printedThermal') : null);
    setErrors(r.ok ? [] : [r.error.message]);
  }, [saved, t]);

  const addFiles = useCallback(async (from: 'pick' | 'folder') => {
    const r = from === 'pick' ? await api()['attachments.pick']({}) : await api()['attachments.scanFolder']({});
    if (!r.ok) return setErrors([r.error.message]);
    setFiles((fs) => [...fs, ...r.value.filter((n) => !fs.some((f) => f.token === n.token)).map((n) => ({ ...n, doc: null }))]);
  }, []);

  const showPreview = async (token: string) => {
    const r = await api()['attachments.preview']({ token });
    if (!r.ok) return setErrors([r.error.message]);
    if (r.value.contentType === 'application/pdf') {
      const b64 = r.value.dataUrl.slice(r.value.dataUrl.indexOf(',') + 1);
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      setPreview({ url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), type: 'pdf' });
    } else setPreview({ url: r.value.dataUrl, type: 'image' });
  };

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (turnBack) return;
      if (e.key === 'F2') {
        e.preventDefault();
        pickerRef.current?.focus();
        pickerRef.current?.select();
      } else if (e.key === 'Escape' && suggestions.length) {
        setSuggestions([]);
      } else if (e.key === 'Escape' && !preview) {
        e.preventDefault();
        reset();
      } else if (e.key === 'Escape' && preview) {
        setPreview(null);
      } else if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'p' && saved) {
        e.preventDefault();
        void printThermal();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p' && saved) {
        e.preventDefault();
        void print();
      } else if (e.altKey && e.key.toLowerCase() === 'b' && procedure) {
        e.preventDefault();
        setTurnBack('02');
      } else if (e.altKey && e.key.toLowerCase() === 't' && procedure) {
        e.preventDefault();
        setTurnBack('03');
      } else if (e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        void addFiles('pick');
      } else if (e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void addFiles('folder');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [turnBack, preview, saved, procedure, print, printThermal, reset, addFiles, suggestions.length]);

  const set = (k: keyof Applicant) => (e: { target: { value: string } }) => setApplicant((a) => ({ ...a, [k]: e.target.value }));
  const toggle = (s: Set<string>, setS: (x: Set<string>) => void, code: string) => {
    const n = new Set(s);
    if (n.has(code)) n.delete(code);
    else n.add(code);
    setS(n);
  };
  const missingRequired = (procedure?.documents ?? []).filter((d) => d.required && !docs.has(d.code));

  return (
    <div className="intake">
      {notice && <p role="status" className="message ok" data-testid="intake-notice">{notice}</p>}
      {errors.length > 0 && (
        <div role="alert" className="message error" data-testid="intake-errors" ref={(el) => el?.scrollIntoView({ block: 'nearest' })}>
          {errors.map((m, i) => (
            <div key={i}>{m}</div>
          ))}
        </div>
      )}
      {saved ? (
        <section className="card saved" data-testid="intake-saved">
          <h2>{t('intake.savedTitle')}</h2>
          <p className="big-code mono" data-testid="saved-code">{saved.code}</p>
          <p>{t('intake.savedDue', { due: dateTime(saved.dueAt) })}</p>
          <div className="actions">
            <button autoFocus onClick={() => void print()}>{t('intake.print')} (Ctrl+P)</button>
            <button className="secondary" onClick={() => void printThermal()}>{t('intake.printThermal')} (Ctrl+Shift+P)</button>
            <button className="secondary" onClick={reset}>{t('intake.new')} (Esc)</button>
          </div>
        </section>
      ) : (
        <form className="intake-form" onSubmit={save} aria-label={t('section.intake.title')}>
          <section className="card">
            <label className="picker">
              <span>{t('intake.procedure')} <kbd>F2</kbd></span>
              <input
                ref={pickerRef}
                name="procedure"
                value={query}
                autoComplete="off"
                role="combobox"
                aria-expanded={suggestions.length > 0}
                aria-controls="procedure-list"
                placeholder={t('intake.procedureHint')}
                onChange={(e) => {
                  setQuery(e.target.value);
                  if (procedure) setProcedure(null);
                }}
                onKeyDown={pickerKey}
              />
            </label>
            {suggestions.length > 0 && (
              <ul id="procedure-list" role="listbox" className="suggestions">
                {suggestions.map((p, i) => (
                  <li key={p.maTthc} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={() => void choose(p)}>
                    <span>{p.tenTthc}</span>
                    <span className="muted"> · {p.tenLinhVuc} · {p.maTthc}{p.isSample ? ` · ${t('intake.sample')}` : ''}</span>
                  </li>
                ))}
              </ul>
            )}
            {procedure && due && (
              <p className="due" data-testid="due-preview">
                {t('intake.duePreview', { duration: due.durationText, due: dateTime(due.dueAt) })}
              </p>
            )}
          </section>

          <section className="card">
            <h2>{t('intake.applicant')}</h2>
            {reused && <p className="muted">{t('intake.reused')}</p>}
            {history.length > 0 && (
              <p className="muted" data-testid="applicant-history">
                {t('intake.history', { count: history.length })}: {history.slice(0, 3).map((h) => `${h.code} (${h.procedureName})`).join('; ')}
              </p>
            )}
            <div className="form-grid three">
              <label>
                {t('intake.kind')}
                <select name="LoaiDoiTuong" value={applicant.LoaiDoiTuong} onChange={set('LoaiDoiTuong')}>
                  <option value="1">{t('intake.kinds.1')}</option>
                  <option value="2">{t('intake.kinds.2')}</option>
                  <option value="3">{t('intake.kinds.3')}</option>
                  <option value="4">{t('intake.kinds.4')}</option>
                </select>
              </label>
              <label className="span2">
                {applicant.LoaiDoiTuong === '1' ? t('intake.name') : t('intake.orgName')}
                <input name="ChuHoSo" value={applicant.ChuHoSo} onChange={set('ChuHoSo')} />
              </label>
              <label>
                {applicant.LoaiDoiTuong === '1' ? t('intake.idNumber') : t('intake.orgNumber')}
                <input name="SoGiayToChuHoSo" value={applicant.SoGiayToChuHoSo} onChange={set('SoGiayToChuHoSo')} inputMode="numeric" />
              </label>
              <label>
                {t('intake.birthDate')}
                <input name="NgaySinhChuHoSo" type="date" value={applicant.NgaySinhChuHoSo} onChange={set('NgaySinhChuHoSo')} />
              </label>
              <label>
                {t('intake.sex')}
                <select name="GioiTinhChuHoSo" value={applicant.GioiTinhChuHoSo} onChange={set('GioiTinhChuHoSo')}>
                  <option value="">—</option>
                  <option value="Nam">Nam</option>
                  <option value="Nữ">Nữ</option>
                </select>
              </label>
              <label className="span3">
                {t('intake.address')}
                <input name="DiaChiChuHoSo" value={applicant.DiaChiChuHoSo} onChange={set('DiaChiChuHoSo')} />
              </label>
              <label>
                {t('intake.phone')}
                <input name="SoDienThoai" value={applicant.SoDienThoai} onChange={set('SoDienThoai')} inputMode="tel" />
              </label>
              <label className="span2">
                Email
                <input name="Email" value={applicant.Email} onChange={set('Email')} inputMode="email" />
              </label>
            </div>
          </section>

          {procedure && (
            <section className="card">
              <h2>{t('intake.documents')}</h2>
              <ul className="checklist" data-testid="documents">
                {procedure.documents.map((d) => (
                  <li key={d.code}>
                    <label>
                      <input type="checkbox" checked={docs.has(d.code)} onChange={() => toggle(docs, setDocs, d.code)} />
                      {d.name}
                      {d.required && <span className="required" title={t('intake.required')}> *</span>}
                      <span className="muted"> — {d.originals ? t('intake.originals', { count: d.originals }) : ''}{d.originals && d.copies ? ', ' : ''}{d.copies ? t('intake.copies', { count: d.copies }) : ''}{!d.originals && !d.copies ? t('intake.show') : ''}</span>
                    </label>
                  </li>
                ))}
              </ul>
              {missingRequired.length > 0 && <p className="message warn">{t('intake.missing', { count: missingRequired.length })}</p>}
              {procedure.fees.length > 0 && (
                <>
                  <h2>{t('intake.fees')}</h2>
                  <ul className="checklist">
                    {procedure.fees.map((f) => (
                      <li key={f.code}>
                        <label>
                          <input type="checkbox" checked={fees.has(f.code)} onChange={() => toggle(fees, setFees, f.code)} />
                          {f.name}: {vnd(f.amountVnd)}
                        </label>
                      </li>
                    ))}
                  </ul>
                  <p>{t('intake.totalFees', { total: vnd(totalFees) })}</p>
                </>
              )}
              <h2>{t('intake.attachments')}</h2>
              <div className="actions">
                <button type="button" className="secondary" onClick={() => void addFiles('pick')}>{t('intake.addFiles')} (Alt+F)</button>
                <button type="button" className="secondary" onClick={() => void addFiles('folder')}>{t('intake.fromScanner')} (Alt+S)</button>
              </div>
              <ul className="attachments" data-testid="attachments">
                {files.map((f) => (
                  <li key={f.token}>
                    <button type="button" className="link" onClick={() => void showPreview(f.token)}>{f.fileName}</button>
                    <span className="muted"> ({Math.ceil(f.sizeBytes / 1024)} KB) </span>
                    <select aria-label={t('intake.attachTo')} value={f.doc ?? ''} onChange={(e) => setFiles((fs) => fs.map((x) => (x.token === f.token ? { ...x, doc: e.target.value || null } : x)))}>
                      <option value="">{t('intake.attachTo')}</option>
                      {procedure.documents.map((d) => (
                        <option key={d.code} value={d.code}>{d.name}</option>
                      ))}
                    </select>
                    <button type="button" className="link" onClick={() => setFiles((fs) => fs.filter((x) => x.token !== f.token))}>{t('intake.remove')}</button>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <div className="actions sticky">
            <button ref={saveRef} type="submit" disabled={busy} data-testid="save">{t('intake.save')} (Enter)</button>
            <button type="button" className="secondary" disabled={!procedure} onClick={() => setTurnBack('02')}>{t('intake.form02')} (Alt+B)</button>
            <button type="button" className="secondary" disabled={!procedure} onClick={() => setTurnBack('03')}>{t('intake.form03')} (Alt+T)</button>
            <button type="button" className="secondary" onClick={reset}>{t('intake.clear')} (Esc)</button>
          </div>
        </form>
      )}

      <section className="card">
        <h2>{t('intake.today')}</h2>
        <DossierTable rows={today} testId="today-table" />
      </section>

      {turnBack && procedure && (
        <TurnBackDialog
          form={turnBack}
          procedure={procedure}
          applicant={{ name: applicant.ChuHoSo, address: applicant.DiaChiChuHoSo, phone: applicant.SoDienThoai, idNumber: applicant.SoGiayToChuHoSo }}
          suggested={turnBack === '02' ? missingRequired.map((d) => t('intake.supplyDoc', { name: d.name })) : []}
          onClose={(done) => {
            setTurnBack(null);
            if (done) {
              reset();
              setNotice(t(turnBack === '02' ? 'intake.form02Done' : 'intake.form03Done'));
            }
          }}
        />
      )}
      {preview && (
        <div className="dialog-backdrop" onClick={() => setPreview(null)}>
          <div className="dialog preview" role="dialog" aria-modal="true" onClick={(e) => e.stopPropagation()}>
            {preview.type === 'pdf' ? <iframe title="preview" src={preview.url} /> : <img alt="" src={preview.url} />}
            <button onClick={() => setPreview(null)}>{t('help.close')}</button>
          </div>
        </div>
      )}
    </div>
  );
}

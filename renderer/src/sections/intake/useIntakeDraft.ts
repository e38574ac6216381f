import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../../electron/common/domain/dossier';
import type { Procedure } from '../../../../electron/common/domain/procedure';
import type { ScanEvent } from '../../../../electron/common/domain/scan';
import { api, errText } from '../../api';
import { printOffered } from '../../components/PrintView';
import { isDayOrEmpty } from '../../components/DateInput';
import { fieldIssues, focusFirstField } from '../../field-errors';
import { onScan as subscribeScans } from '../../scan-bus';
import type { AttachmentSource, Preview } from './Attachments';
import { applicantFromCard, EMPTY_APPLICANT, intakeFields, receiveRequest, toggled, withField, type Applicant, type Attachment } from './draft';
import type { DuePreview } from './ProcedurePicker';
import type { Override } from './OverrideDialog';
import type { Saved } from './SavedDossier';
import { landedScan } from './landed-scan';
import { useProcedureSearch } from './useProcedureSearch';

export type IntakeDraftState = ReturnType<typeof useIntakeDraft>;

/**
 * One dossier being received, from the first scan to the printed receipt. Focus moves with the
 * work (picker → save → print) so that a standard dossier needs no mouse.
 */
export function useIntakeDraft(onSaved: () => void) {
  const { t } = useTranslation();
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const search = useProcedureSearch(procedure);
  const [due, setDue] = useState<DuePreview | null>(null);
  const [applicant, setApplicant] = useState<Applicant>(EMPTY_APPLICANT);
  const [docs, setDocs] = useState<Set<string>>(new Set());
  const [fees, setFees] = useState<Set<string>>(new Set());
  const [files, setFiles] = useState<Attachment[]>([]);
  const [history, setHistory] = useState<DossierSummary[]>([]);
  const [reused, setReused] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  /** Input name → what is wrong with it: marked aria-invalid and worded under the field. */
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  /** A scan read in the wrong code page and repaired: the officer checks the name against the card. */
  const [scanWarning, setScanWarning] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  /** Set when intake is blocked by stale sync: the screen asks a supervisor to permit this one dossier. */
  const [stale, setStale] = useState<string | null>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const { show: showQuery, type: typeQuery } = search;

  // The picker is where every dossier starts: focus it whenever the form is (re)shown.
  useEffect(() => {
    if (!saved) pickerRef.current?.focus();
  }, [saved]);

  const reset = useCallback(() => {
    showQuery('');
    setProcedure(null);
    setDue(null);
    setApplicant(EMPTY_APPLICANT);
    setDocs(new Set());
    setFees(new Set());
    setFiles([]);
    setHistory([]);
    setReused(false);
    setErrors([]);
    setInvalid({});
    setNotice(null);
    setScanWarning(null);
    setSaved(null);
    pickerRef.current?.focus();
  }, [showQuery]);

  /** Marks the fields a check refused, words them with the form's labels, and puts the officer on the first. */
  const refuse = useCallback((head: string, issues: { field: string; text: string }[], other: string[] = []) => {
    setInvalid(Object.fromEntries(issues.map((i) => [i.field, i.text])));
    setErrors([...(issues.length ? [t('fields.fixMarked')] : [head]), ...issues.map((i) => i.text), ...other]);
    if (issues[0]) focusFirstField(issues.map((i) => i.field));
  }, [t]);

  // A scan anywhere on the screen fills the applicant, never half: the event is parsed in main.
  const fillFromScan = useCallback(async (e: ScanEvent) => {
    setScanWarning(null);
    if (e.kind === 'invalid') {
      setNotice(null);
      setErrors([t('intake.scanInvalid', { reason: e.reason ? errText({ message: e.error ?? '', ...e.reason }) : (e.error ?? '') })]);
      return;
    }
    // Not silently dropped: a half-read card or another barcode is said to be so.
    if (e.kind === 'other') {
      setNotice(null);
      setErrors([t('scan.unknown', { text: e.text.length > 40 ? `${e.text.slice(0, 40)}…` : e.text })]);
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
    setInvalid({});
    const h = await api()['intake.applicant']({ idNumber: c.SoDinhDanh });
    const past = h.ok ? h.value : { dossiers: [], phone: null, email: null };
    setHistory(past.dossiers);
    setReused(Boolean(past.phone || past.email));
    setApplicant((a) => applicantFromCard(a, c, past));
    setNotice(t('intake.scanned', { name: c.HoTen }));
    if (e.encodingRepaired) setScanWarning(t('scan.repaired'));
    pickerRef.current?.focus();
  }, [t]);
  useEffect(() => subscribeScans((e) => void fillFromScan(e)), [fillFromScan]);

  // Typing over a chosen procedure un-chooses it, so Enter cannot save under a name no longer shown.
  const typeProcedure = (text: string) => {
    typeQuery(text);
    if (procedure) setProcedure(null);
  };

  // No document starts ticked: a tick certifies the officer saw the paper, so the checklist gets the
  // focus (in view), not Save; Alt+K ticks every required one at once when the officer has checked them.
  // Every fee starts ticked: the usual dossier pays them all.
  const choose = useCallback(async (p: Procedure) => {
    setProcedure(p);
    showQuery(p.tenTthc);
    setDocs(new Set());
    setFees(new Set(p.fees.map((f) => f.code)));
    setErrors([]);
    setInvalid((all) => {
      const rest = { ...all };
      delete rest.procedure;
      return rest;
    });
    const r = await api()['intake.previewDue']({ maTthc: p.maTthc });
    setDue(r.ok ? { dueAt: r.value.dueAt, durationText: r.value.durationText } : null);
    requestAnimationFrame(() => {
      const list = document.querySelector<HTMLElement>('[data-testid="checklist"]');
      list?.scrollIntoView({ block: 'start' });
      (document.querySelector<HTMLInputElement>('[data-testid="documents"] input[type="checkbox"]') ?? saveRef.current)?.focus({ preventScroll: true });
    });
  }, [showQuery]);

  /** Alt+K: the officer has checked every required paper; the next Enter saves. */
  const checkRequired = useCallback(() => {
    if (!procedure) return;
    setDocs((old) => new Set([...old, ...procedure.documents.filter((d) => d.required).map((d) => d.code)]));
    saveRef.current?.focus();
  }, [procedure]);

  const setField = (k: keyof Applicant, value: string) => {
    setApplicant((a) => withField(a, k, value));
    // An edited field is no longer the one refused; the others stay marked until the next save.
    setInvalid((all) => {
      if (!(k in all)) return all;
      const rest = { ...all };
      delete rest[k];
      return rest;
    });
  };

  const save = async (e?: FormEvent, override?: Override): Promise<string | null> => {
    e?.preventDefault();
    if (busy || saved) return null;
    // A wedge scan typed too slowly to be caught lands in the field that had focus (or stays in the
    // procedure box); its Enter is a scan, not a save: the scan leaves the field and fills the applicant.
    const el = document.activeElement;
    const focused = el instanceof HTMLInputElement && e?.currentTarget instanceof HTMLFormElement && el.form === e.currentTarget && el.name in EMPTY_APPLICANT ? el : null;
    const inField = focused ? landedScan(focused.value, focused.name) : null;
    const landed = inField ?? (procedure ? null : landedScan(search.query, 'procedure'));
    if (landed) {
      if (inField && focused) setField(focused.name as keyof Applicant, landed.before);
      else showQuery(landed.before);
      await fillFromScan(landed.event);
      return null;
    }
    if (!procedure) {
      refuse(t('intake.noProcedure'), [{ field: 'procedure', text: t('intake.noProcedure') }]);
      return null;
    }
    // A date typed but not a real day is refused here: sent, it would be read as "no birth date".
    if (!isDayOrEmpty(applicant.NgaySinhChuHoSo)) {
      refuse(t('date.invalid'), [{ field: 'NgaySinhChuHoSo', text: `${t('intake.birthDate')}: ${t('date.invalid')}` }]);
      return null;
    }
    setBusy(true);
    const r = await api()['intake.receive']({ ...receiveRequest(procedure, applicant, docs, fees, files), ...(override ? { override } : {}) });
    setBusy(false);
    if (!r.ok) {
      // Blocked by stale sync: the dialog asks for a supervisor; its own errors stay in the dialog.
      if (r.error.code === 'sync_stale' || override) {
        setStale(r.error.code === 'sync_stale' ? errText(r.error) : (stale ?? errText(r.error)));
        return errText(r.error);
      }
      const { issues, other } = fieldIssues(r.error, intakeFields(t));
      refuse(errText(r.error), issues, other);
      return errText(r.error);
    }
    setStale(null);
    setErrors([]);
    setInvalid({});
    setSaved(r.value);
    setNotice(null);
    onSaved();
    return null;
  };

  // The first receipt of the day renders cold (fonts, PDF worker, then the print view's pdf.js): seconds
  // in which a second Ctrl+P must not print twice. Busy until the print dialog opened or it failed.
  const [printing, setPrinting] = useState(false);
  const print = useCallback(async () => {
    if (!saved || printing) return;
    setPrinting(true);
    setNotice(null);
    const r = await api()['receipt.print']({ code: saved.code });
    const printed = r.ok ? await printOffered(r.value.document) : { ok: false as const, text: errText(r.error) };
    setPrinting(false);
    setNotice(printed.ok ? t('intake.printed') : printed.text);
  }, [saved, printing, t]);

  const printThermal = useCallback(async () => {
    if (!saved) return;
    const r = await api()['printer.receipt']({ code: saved.code, reason: null });
    setNotice(r.ok ? t('intake.printedThermal') : null);
    setErrors(r.ok ? [] : [errText(r.error)]);
  }, [saved, t]);

  // Main keeps one token per file path, so a file picked again, or still in the scanner folder, is listed once.
  const addFiles = useCallback(async (from: AttachmentSource) => {
    const r = from === 'pick' ? await api()['attachments.pick']({}) : await api()['attachments.scanFolder']({});
    if (!r.ok) return setErrors([errText(r.error)]);
    setFiles((fs) => [...fs, ...r.value.filter((n) => !fs.some((f) => f.token === n.token)).map((n) => ({ ...n, doc: null }))]);
  }, []);

  // The CSP (frame-src 'self' blob:) lets a PDF into the iframe only as a blob: URL; images may stay data: URLs.
  const showPreview = async (token: string) => {
    const r = await api()['attachments.preview']({ token });
    if (!r.ok) return setErrors([errText(r.error)]);
    if (r.value.contentType === 'application/pdf') {
      const b64 = r.value.dataUrl.slice(r.value.dataUrl.indexOf(',') + 1);
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      setPreview({ url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), type: 'pdf' });
    } else setPreview({ url: r.value.dataUrl, type: 'image' });
  };
  const closePreview = useCallback(() => setPreview(null), []);

  // After Mẫu 02/03 the applicant leaves with the form; the counter is ready for the next one.
  const turnedBack = (form: '02' | '03') => {
    reset();
    setNotice(t(form === '02' ? 'intake.form02Done' : 'intake.form03Done'));
  };

  return {
    pickerRef,
    saveRef,
    search,
    procedure,
    due,
    applicant,
    docs,
    fees,
    files,
    history,
    reused,
    errors,
    invalid,
    notice,
    scanWarning,
    saved,
    busy,
    printing,
    preview,
    stale,
    closeStale: () => setStale(null),
    missing: (procedure?.documents ?? []).filter((d) => d.required && !docs.has(d.code)),
    setField,
    toggleDoc: (code: string) => setDocs(toggled(docs, code)),
    toggleFee: (code: string) => setFees(toggled(fees, code)),
    typeProcedure,
    choose,
    checkRequired,
    save,
    reset,
    print,
    printThermal,
    addFiles,
    attach: (token: string, doc: string | null) => setFiles((fs) => fs.map((x) => (x.token === token ? { ...x, doc } : x))),
    removeFile: (token: string) => setFiles((fs) => fs.filter((x) => x.token !== token)),
    showPreview,
    closePreview,
    turnedBack,
  };
}

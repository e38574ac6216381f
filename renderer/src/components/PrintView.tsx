import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { drawPage, openPdf } from '../pdf/pdf-pages';

export type PrintOffer = Output<'receipt.print'>['document'];
export type PrintOutcome = { ok: true } | { ok: false; text: string };

/** Print resolution for the barcode's bars and the small diacritics; more only grows the canvases (memory, drawing time). */
const PRINT_DPI = 250;
/** Receipts, forms and slips are a page or a few; at 250 dpi one A4 canvas holds ~24 MB, so a long file is refused. */
const MAX_PRINT_PAGES = 30;

interface Job {
  readonly offer: PrintOffer;
  readonly done: (o: PrintOutcome) => void;
}
let showJob: ((job: Job) => void) | null = null;

/**
 * Prints a kept document the channels offered (receipt, form, hand-over slip): its bytes come
 * over IPC into the print view (<PrintHost/>), every page is drawn at print resolution and
 * window.print() opens the system print dialog (Chromium: its print preview). Resolves once the
 * dialog was opened, or with the reason it could not be: the caller's busy state lasts till then.
 */
export function printOffered(offer: PrintOffer): Promise<PrintOutcome> {
  return new Promise((done) => {
    if (!showJob) return done({ ok: false, text: i18next.t('print.failed') });
    showJob({ offer, done });
  });
}

/** Where the print view mounts: once, beside the sections, for every caller of printOffered. */
export function PrintHost() {
  const [job, setJob] = useState<Job | null>(null);
  const current = useRef<Job | null>(null);
  useEffect(() => {
    showJob = (next) => {
      // A print asked for while another is open replaces it: the first caller is told, never left waiting.
      current.current?.done({ ok: false, text: i18next.t('print.failed') });
      current.current = next;
      setJob(next);
    };
    return () => {
      showJob = null;
    };
  }, []);
  const close = useCallback(() => {
    current.current = null;
    setJob(null);
  }, []);
  if (!job) return null;
  return createPortal(<PrintView key={job.offer.token} job={job} onClose={close} />, document.body);
}

type ViewState = { kind: 'loading' } | { kind: 'ready'; pages: number };

function PrintView({ job, onClose }: { job: Job; onClose: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const settled = useRef(false);
  const [state, setState] = useState<ViewState>({ kind: 'loading' });
  const { offer } = job;

  const settle = useCallback(
    (o: PrintOutcome) => {
      if (settled.current) return;
      settled.current = true;
      job.done(o);
    },
    [job],
  );
  const fail = useCallback(
    (text: string) => {
      settle({ ok: false, text });
      onClose();
    },
    [settle, onClose],
  );
  // Closed before it was ready (Esc while drawing): the caller stops waiting, told it did not print.
  const close = useCallback(() => fail(i18next.t('print.failed')), [fail]);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    void (async () => {
      const r = await api()['print.document']({ token: offer.token });
      if (cancelled) return;
      if (!r.ok) return fail(errText(r.error));
      try {
        const { doc } = await openPdf(r.value.dataUrl, (d) => (destroy = d));
        if (cancelled) return;
        if (doc.numPages > MAX_PRINT_PAGES) return fail(t('print.tooManyPages', { count: doc.numPages, max: MAX_PRINT_PAGES }));
        const sheets: HTMLElement[] = [];
        const sizes: string[] = [];
        for (let n = 1; n <= doc.numPages && !cancelled; n++) {
          const p = await drawPage(doc, n, PRINT_DPI / 72, t('print.page', { page: n, pages: doc.numPages }));
          const size = `${p.widthPt}pt ${p.heightPt}pt`;
          if (!sizes.includes(size)) sizes.push(size);
          const sheet = document.createElement('div');
          sheet.className = 'print-sheet';
          // Each page on paper of its own size (A5 receipt, A4 form: the @page rules below), not scaled to the printer's default.
          sheet.style.setProperty('--w', `${p.widthPt}pt`);
          sheet.style.setProperty('--h', `${p.heightPt}pt`);
          sheet.style.setProperty('page', `motcua-print-${sizes.indexOf(size)}`);
          sheet.append(p.canvas);
          sheets.push(sheet);
        }
        if (cancelled || !box.current) return;
        box.current.replaceChildren(...sheets);
        pageRules(sizes);
        setState({ kind: 'ready', pages: doc.numPages });
      } catch {
        if (!cancelled) fail(t('print.failed'));
      }
    })();
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [offer.token, t, fail]);

  // Only the print view prints while it is open, and the screen behind it takes no focus or click
  // (inert); the page rules go with it.
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    const root = document.getElementById('root');
    document.body.classList.add('printing');
    root?.setAttribute('inert', '');
    closeRef.current?.focus();
    return () => {
      root?.removeAttribute('inert');
      document.body.classList.remove('printing');
      pageRules([]);
      back?.focus?.();
    };
  }, []);

  // The spec fires afterprint inside window.print(), once the dialog is done; a host that returns
  // first and fires it later is covered too: the view goes at whichever of the two comes last.
  const inDialog = useRef(false);
  const closedInDialog = useRef(false);
  const print = useCallback(() => {
    inDialog.current = true;
    closedInDialog.current = false;
    try {
      window.print();
    } catch {
      return fail(t('print.failed'));
    } finally {
      inDialog.current = false;
    }
    settle({ ok: true });
    if (closedInDialog.current) onClose();
  }, [settle, fail, onClose, t]);

  // Listening from the view's start, not re-added with its state: the first print's afterprint
  // comes while the effects of the state that started it are still being set up.
  useEffect(() => {
    const afterPrint = () => {
      if (inDialog.current) closedInDialog.current = true;
      else if (settled.current) onClose();
    };
    window.addEventListener('afterprint', afterPrint);
    return () => window.removeEventListener('afterprint', afterPrint);
  }, [onClose]);

  // Once every page is drawn, the dialog opens by itself: the officer asked to print, not to preview.
  const autoPrinted = useRef(false);
  useEffect(() => {
    if (state.kind !== 'ready' || autoPrinted.current) return;
    autoPrinted.current = true;
    print();
  }, [state.kind, print]);

  // Esc closes the view; Ctrl+P prints it again.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopImmediatePropagation();
        close();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        e.stopImmediatePropagation();
        if (state.kind === 'ready') print();
      }
    };
    // Capture on window: ahead of the sections' own Esc and Ctrl+P, which must not see these keys.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [state.kind, print, close]);

  return (
    <div className="print-view" role="dialog" aria-modal="true" aria-label={t('print.title', { name: offer.name })} data-testid="print-view">
      <div className="print-bar">
        <h2>{t('print.title', { name: offer.name })}</h2>
        {state.kind === 'loading' && <span role="status">{t('print.loading')}</span>}
        {state.kind === 'ready' && <span data-testid="print-pages">{t('print.pages', { count: state.pages })}</span>}
        <button type="button" disabled={state.kind !== 'ready'} onClick={print}>{t('print.again')}</button>
        <button type="button" className="secondary" ref={closeRef} onClick={close}>{t('print.close')}</button>
      </div>
      <div className="print-sheets" ref={box} />
    </div>
  );
}

let rules: CSSStyleSheet | null = null;

/**
 * One named @page per page size (a constructed sheet: the CSP's style-src 'self' allows no inline
 * <style>). The unnamed rule takes the first size, for a printer path that ignores named pages.
 */
function pageRules(sizes: readonly string[]): void {
  if (!rules) {
    rules = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, rules];
  }
  rules.replaceSync(sizes.length ? [`@page { size: ${sizes[0]}; margin: 0; }`, ...sizes.map((s, i) => `@page motcua-print-${i} { size: ${s}; margin: 0; }`)].join('\n') : '');
}

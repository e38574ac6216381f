import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errText } from '../api';
import { drawPage, openPdf } from '../pdf/pdf-pages';

/** Enough to recognise a decision before signing it; a 200-page file is not read through here. */
const MAX_PAGES = 10;

/**
 * A PDF drawn page by page on canvases, from bytes main read (size-capped) for an inbox token: the
 * renderer never opens a path (pdf-pages.ts, shared with the print view, says how pdf.js runs).
 */
export function PdfPreview({ token, name, onClose }: { token: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'error'; text: string } | { kind: 'ready'; pages: number }>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    void (async () => {
      const r = await api()['attachments.preview']({ token });
      if (cancelled) return;
      if (!r.ok) return setState({ kind: 'error', text: errText(r.error) });
      try {
        const { doc } = await openPdf(r.value.dataUrl, (d) => (destroy = d));
        if (cancelled) return;
        const shown = Math.min(doc.numPages, MAX_PAGES);
        const canvases: HTMLCanvasElement[] = [];
        for (let n = 1; n <= shown && !cancelled; n++) {
          canvases.push((await drawPage(doc, n, 1, t('preview.page', { page: n, pages: doc.numPages }))).canvas);
        }
        if (cancelled || !box.current) return;
        box.current.replaceChildren(...canvases);
        setState({ kind: 'ready', pages: doc.numPages });
      } catch {
        if (!cancelled) setState({ kind: 'error', text: t('preview.failed') });
      }
    })();
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [token, t]);

  return (
    <section className="card pdf-preview" data-testid="pdf-preview" aria-label={t('preview.title', { name })}>
      <div className="actions">
        <h2>{t('preview.title', { name })}</h2>
        <button type="button" className="secondary" onClick={onClose}>{t('preview.close')}</button>
      </div>
      {state.kind === 'loading' && <p role="status" className="muted">{t('preview.loading')}</p>}
      {state.kind === 'error' && <p role="alert" className="message error">{state.text}</p>}
      {state.kind === 'ready' && <p className="muted" data-testid="pdf-preview-pages">{t('preview.shown', { shown: Math.min(state.pages, MAX_PAGES), pages: state.pages })}</p>}
      {/* A region that scrolls is reached by Tab and scrolled with the arrow keys: the officer checks every page without a mouse. */}
      <div className="pages" ref={box} tabIndex={0} role="group" aria-label={t('preview.pages', { name })} data-testid="pdf-preview-scroll" />
    </section>
  );
}

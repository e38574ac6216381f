import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { api, errText } from '../api';

/**
 * pdf.js (~0.4 MB) is a chunk of its own, loaded with the first preview: it was most of the
 * bundle every start parsed before the login screen. The worker is a file of the app's own
 * origin (the CSP's worker-src 'self'), never a blob or a CDN.
 */
const pdfjs = () =>
  import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerSrc = workerUrl;
    return m;
  });

/** Enough to recognise a decision before signing it; a 200-page file is not read through here. */
const MAX_PAGES = 10;

function bytesOf(dataUrl: string): Uint8Array {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * A PDF drawn page by page on canvases, from bytes main read (size-capped) for an inbox token: the
 * renderer never opens a path. pdf.js runs with eval off, no scripting, no XFA, and glyphs drawn as
 * paths (no font loading), so the strict CSP holds.
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
        const { getDocument } = await pdfjs();
        if (cancelled) return;
        const task = getDocument({ data: bytesOf(r.value.dataUrl), isEvalSupported: false, enableXfa: false, disableFontFace: true, useSystemFonts: false });
        destroy = () => task.destroy();
        const doc = await task.promise;
        const shown = Math.min(doc.numPages, MAX_PAGES);
        const canvases: HTMLCanvasElement[] = [];
        for (let n = 1; n <= shown && !cancelled; n++) {
          const page = await doc.getPage(n);
          const viewport = page.getViewport({ scale: 1 });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('preview.page', { page: n, pages: doc.numPages }));
          canvas.dataset.page = String(n);
          await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
          canvases.push(canvas);
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
      <div className="pages" ref={box} />
    </section>
  );
}

import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';

/**
 * pdf.js (~0.4 MB) is a chunk of its own, loaded with the first preview or print: it was most of
 * the bundle every start parsed before the login screen. The worker is a file of the app's own
 * origin (the CSP's worker-src 'self'), never a blob or a CDN.
 */
const pdfjs = () =>
  import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerSrc = workerUrl;
    return m;
  });

/**
 * One pdf.js worker for every preview and print of the session, started with the first: a worker
 * per document loaded and compiled pdf.js's worker script again for each receipt printed. A
 * document's `destroy` ends that document only; a worker that was ended or failed is replaced.
 */
let shared: PDFWorker | null = null;
async function pdfWorker(): Promise<PDFWorker> {
  const m = await pdfjs();
  if (!shared || shared.destroyed) shared = new m.PDFWorker();
  return shared;
}

function bytesOf(dataUrl: string): Uint8Array {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface OpenedPdf {
  readonly doc: PDFDocumentProxy;
  /** Ends the worker's copy of the document; safe to call while it is still loading. */
  destroy(): Promise<void>;
}

/**
 * A PDF from bytes main read (a data URL over IPC: the renderer never opens a path). pdf.js runs
 * with eval off, no scripting, no XFA, and glyphs drawn as paths (no font loading), so the strict
 * CSP holds. `onTask` gets the destroy hook at once, so a caller that goes away mid-load can end it.
 */
export async function openPdf(dataUrl: string, onTask?: (destroy: () => Promise<void>) => void): Promise<OpenedPdf> {
  const { getDocument } = await pdfjs();
  const worker = await pdfWorker();
  const task = getDocument({ data: bytesOf(dataUrl), worker, isEvalSupported: false, enableXfa: false, disableFontFace: true, useSystemFonts: false });
  const destroy = () => task.destroy();
  onTask?.(destroy);
  return { doc: await task.promise, destroy };
}

/** Page `n` drawn on a new canvas at `scale` (1 = 72 dpi); its size in PDF points (1/72 in, the CSS pt) beside it. */
export async function drawPage(doc: PDFDocumentProxy, n: number, scale: number, label: string): Promise<{ canvas: HTMLCanvasElement; widthPt: number; heightPt: number }> {
  const page = await doc.getPage(n);
  const points = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.dataset.page = String(n);
  await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
  return { canvas, widthPt: points.width, heightPt: points.height };
}

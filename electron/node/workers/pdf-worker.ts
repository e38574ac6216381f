/** Worker-thread entry: renders PDF jobs posted by WorkerPdfRenderer (bundled to dist/workers/pdf-worker.cjs). */
import { parentPort, workerData } from 'node:worker_threads';
import { inProcessRenderer, type PdfJob } from '../documents/pdf-renderer';

const renderer = inProcessRenderer((workerData as { fontsDir: string }).fontsDir);

parentPort!.on('message', (m: { id: number; job: PdfJob }) => {
  renderer.render(m.job).then(
    (bytes) => parentPort!.postMessage({ id: m.id, ok: true, bytes }, [bytes.buffer as ArrayBuffer]),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: (e as Error).message }),
  );
});

import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resourcesDir } from '../../electron/node/config/resources';
import { renderPdfJob } from '../../electron/node/documents/pdf-jobs';
import { findPdfWorkerScript, WorkerPdfRenderer } from '../../electron/node/documents/pdf-renderer';
import { WorkerClosedError } from '../../electron/node/workers/worker-channel';
import { plainCopy } from '../helpers/documents';
import { testAppServices } from '../helpers/app';
import { tempDir } from '../helpers/tmp';
import { decodeBarcodes, tool } from '../helpers/tools';

describe('the PDF worker warm-up (startBackground)', () => {
  it('renders a valid throwaway page through the fonts, the table, both barcodes and the save the forms use', async () => {
    const path = plainCopy(await renderPdfJob({ kind: 'warmUp' }, join(resourcesDir(), 'fonts')), 'warm-up.pdf');
    const check = tool('qpdf', ['--check', path]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const text = tool('pdftotext', ['-layout', path, '-']).stdout.normalize('NFC');
    expect(text).toContain('Nguyễn');
    expect(text).toContain('Tên cá nhân, tổ chức');
    expect(text).toContain('000.00.01.H22-260101-0300');
    expect(decodeBarcodes(path).sort()).toEqual(['000.00.01.H22-260101-0001', '000.00.01.H22-260101-0001']);
  });

  it('closing the app while the warm-up runs ends it as closed, not as a crashed worker (no warning at shutdown)', async () => {
    const script = findPdfWorkerScript();
    if (!script) throw new Error('the PDF worker bundle is missing: run node scripts/build.mjs');
    const fonts = join(resourcesDir(), 'fonts');
    const pdf = new WorkerPdfRenderer(script, fonts);
    const warm = pdf.render({ kind: 'warmUp' }).then(() => 'rendered', (x: unknown) => x);
    await pdf.close();
    expect(await warm).toBeInstanceOf(WorkerClosedError);
    // A crash is still a crash: a worker that cannot start fails its request with its own error.
    const broken = new WorkerPdfRenderer(join(fonts, 'no-such-worker.cjs'), fonts);
    const e = await broken.render({ kind: 'warmUp' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(WorkerClosedError);
    await broken.close();
    // And the next job after a close starts a new worker.
    const again = new WorkerPdfRenderer(script, fonts);
    expect((await again.render({ kind: 'warmUp' })).length).toBeGreaterThan(1000);
    await again.close();
  });

  it('begins only after its delay, so the start and the sign-in have the CPU; a close before then starts no worker', async () => {
    const t = tempDir();
    try {
      const app = await testAppServices(t.dir, { warmReports: true, pdfWarmUpDelayMs: 300 });
      const render = vi.spyOn(app.pdf, 'render');
      await app.start();
      await new Promise((r) => setTimeout(r, 100));
      expect(render).not.toHaveBeenCalled();
      let warm = false;
      void app.whenPdfWarm().then(() => (warm = true));
      await vi.waitFor(() => expect(render).toHaveBeenCalledWith({ kind: 'warmUp' }), { timeout: 5000 });
      expect(warm).toBe(false);
      expect(((await render.mock.results[0]!.value) as Uint8Array).length).toBeGreaterThan(1000);
      await app.whenPdfWarm();
      await app.close();

      const early = await testAppServices(t.dir, { warmReports: true, pdfWarmUpDelayMs: 300 });
      const none = vi.spyOn(early.pdf, 'render');
      await early.start();
      await early.close();
      // Nothing left to wait for: a closed app settles its warm-up at once.
      await early.whenPdfWarm();
      await new Promise((r) => setTimeout(r, 600));
      expect(none).not.toHaveBeenCalled();
      // Without the warm-up asked for, there is none to wait for.
      const plain = await testAppServices(t.dir);
      await plain.whenPdfWarm();
      await plain.close();
    } finally {
      t.cleanup();
    }
  });
});

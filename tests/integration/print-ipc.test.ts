import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/node/app/app-services';
import { TEST_ORIGIN, testAppServices } from '../helpers/app';
import { allFiles, clearFiles } from '../helpers/clear-files';
import { tempDir } from '../helpers/tmp';

const good = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true };
const CITIZEN = { name: 'Nguyễn Văn Đức', id: '001090123456' };

/** Issue #13: kept documents print from memory. The channels hand the renderer a token and then bytes, never a path or a clear file. */
describe('printing a kept document over IPC (real dispatcher)', () => {
  const t = tempDir('motcua-print-ipc-');
  const dataDir = join(t.dir, 'data');
  let app: AppServices;
  const told: string[] = [];
  const opened: string[] = [];
  const call = (channel: string, input: unknown = {}) => app.dispatcher.dispatch(good, channel, input);
  let code = '';
  beforeAll(async () => {
    mkdirSync(dataDir);
    app = await testAppServices(dataDir, {
      shell: {
        printing: async (p) => void told.push(p),
        openPdf: async (p) => (opened.push(p), true),
      },
    });
    await app.seed();
    const unit = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } };
    expect(await call('auth.setup', { unit, admin: { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-quan-tri' } })).toMatchObject({ ok: true });
    const r = (await call('intake.receive', { draft: { MaTTHC: '1.001193', ChuHoSo: CITIZEN.name, SoGiayToChuHoSo: CITIZEN.id, TaiLieuNop: ['TP1', 'TP2', 'TP3'] }, attachments: [] })) as { ok: boolean; value: { code: string } };
    expect(r.ok, JSON.stringify(r)).toBe(true);
    code = r.value.code;
  });
  afterAll(async () => {
    await app?.close();
    t.cleanup();
  });

  it('receipt.print offers a token and the file name; print.document gives the PDF unsealed in memory; nothing clear is written', async () => {
    const before = allFiles(dataDir).filter((f) => !/motcua\.sqlite3/.test(f)).sort();
    const r = (await call('receipt.print', { code })) as { ok: true; value: { document: { token: string; name: string } } };
    expect(r).toMatchObject({ ok: true, value: { document: { token: expect.any(String), name: `${code}.pdf` } } });
    // The renderer never sees where the file is.
    expect(JSON.stringify(r)).not.toContain(dataDir);
    const kept = told.at(-1)!;
    expect(kept.startsWith(join(dataDir, 'files', 'receipts'))).toBe(true);
    expect(readFileSync(kept).subarray(0, 4).toString('latin1')).not.toBe('%PDF');
    const bytes = (await call('print.document', { token: r.value.document.token })) as { ok: true; value: { contentType: string; dataUrl: string } };
    expect(bytes).toMatchObject({ ok: true, value: { contentType: 'application/pdf' } });
    const pdf = Buffer.from(bytes.value.dataUrl.slice(bytes.value.dataUrl.indexOf(',') + 1), 'base64');
    expect(pdf).toEqual(await app.docs.read(kept));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The receipt itself was written by this print (it did not exist before); no other file came, and none is clear.
    const after = allFiles(dataDir).filter((f) => !/motcua\.sqlite3/.test(f)).sort();
    expect(after.filter((f) => !before.includes(f))).toEqual([kept]);
    expect(clearFiles(dataDir, [CITIZEN.name, CITIZEN.id])).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('a token that is not one of this session’s offers, or one gone at sign-out, is refused in Vietnamese; a malformed one never reaches the handler', async () => {
    expect(await call('print.document', { token: '6f1c2b9e-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'print.gone', message: 'Bản in này không còn sẵn sàng: hãy bấm In lại.' } });
    expect(await call('print.document', { token: '../../motcua.sqlite3' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const form = (await call('form.print', { code, mau: '06' })) as { ok: true; value: { document: { token: string; name: string } } };
    expect(form).toMatchObject({ ok: true, value: { document: { name: expect.stringMatching(/mau-06/) } } });
    expect(await call('auth.logout')).toMatchObject({ ok: true });
    expect(await call('auth.login', { username: 'quantri', password: 'mat-khau-quan-tri' })).toMatchObject({ ok: true });
    expect(await call('print.document', { token: form.value.document.token })).toMatchObject({ ok: false, error: { key: 'print.gone' } });
  });
});

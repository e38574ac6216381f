import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReturnService } from '../../electron/node/returns/return-service';
import { verifyPdf } from '../../electron/node/signing/verify';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { CCCD, intakeFixture } from '../helpers/intake';
import { makePki, PIN, SOFTHSM_MODULE, type Pki } from '../helpers/softhsm';
import { engineFor, referenceServer } from '../helpers/sync';
import { plainCopy } from '../helpers/documents';
import { tool } from '../helpers/tools';
import { isSealed } from '../../electron/node/files/sealed-file';
import type { SignatureToken } from '../../electron/common/hardware/token';

/** Files under `dir` (not the test's own server store and PKI) that are a clear PDF. */
function clearPdfsIn(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    if (/[/\\](server-files|pki)([/\\]|$)/.test(p.slice(dir.length))) continue;
    if (readFileSync(p).includes('%PDF-')) out.push(p.slice(dir.length));
  }
  return out;
}

describe('Trả kết quả: result from the feed → signed with the token → handed over → status 10 at the province', () => {
  let f: Awaited<ReturnType<typeof intakeFixture>>;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let pki: Pki;
  let code: string;
  let returns: ReturnService;

  beforeAll(async () => {
    f = await intakeFixture();
    pki = makePki(join(f.dir, 'pki'));
    server = await referenceServer(f.dir);
    code = (await f.receive({ MaTTHC: '1.001193', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] })).code;
    await engineFor(f, server.url).runOnce();
    // The department's result document, uploaded to the province, then status 9.
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('GIAY KHAI SINH', { x: 200, y: 760, size: 20, font: await doc.embedFont(StandardFonts.HelveticaBold) });
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    const tok = (await (await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=counter-q01&client_secret=secret-q01' })).json()) as { access_token: string };
    const h = { Authorization: `Bearer ${tok.access_token}`, 'Tus-Resumable': '1.0.0' };
    const loc = (await fetch(`${server.url}/files/`, { method: 'POST', headers: { ...h, 'Upload-Length': String(pdf.length) } })).headers.get('location')!;
    await fetch(loc, { method: 'PATCH', headers: { ...h, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, body: pdf });
    server.advance(code, '9', { DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh', MaGiayToKetQua: 'KS-001', DuongDanTepTinKetQua: loc }] });
    await engineFor(f, server.url).runOnce();
    returns = new ReturnService({ store: f.store, files: f.files, intake: f.intake, docs: f.core.docs, workDir: join(f.dir, 'work'), fontsDir: join(__dirname, '..', '..', 'resources', 'fonts') });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await f?.close();
  });

  it('a scanned receipt code opens the dossier with its downloaded result', async () => {
    const view = await returns.open(code);
    expect(view.returnable).toBe(true);
    expect(view.results.map((r) => [r.fileName, r.kind, r.resultCode])).toEqual([['Giấy khai sinh.pdf', 'result', 'KS-001']]);
    await expect(returns.open('not-a-code')).rejects.toThrow(/không phải mã hồ sơ/);
  });

  it('a stored result changed on disk is refused before the token is asked, in Vietnamese, and nothing is signed', async () => {
    const view = await returns.open(code);
    const id = view.results[0]!.id;
    const sha = await f.store.exec('sha', (db) => (db.prepare('SELECT sha256 FROM attachments WHERE id = ?').get(id) as { sha256: string }).sha256);
    const path = f.files.pathOf(sha);
    const kept = readFileSync(path);
    const changed = Buffer.from(kept);
    changed[changed.length - 40] = changed[changed.length - 40]! ^ 1;
    writeFileSync(path, changed);
    let asked = 0;
    const token: SignatureToken = {
      listTokens: async () => [],
      listCertificates: async () => [],
      close: async () => undefined,
      sign: async () => {
        asked++;
        throw new Error('the token must not be asked');
      },
    };
    try {
      const err = await returns.sign(code, { token, tokenId: 'RSA', certId: '01', pin: PIN, attachmentIds: [id], actor: 'cb01' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'conflict', key: 'returns.resultUnreadable', params: { id } });
      expect((err as Error).message).toMatch(/đã hỏng, bị sửa hoặc bị xóa: hãy nhập lại tệp kết quả/);
      expect(asked).toBe(0);
      expect((await returns.open(code)).results.filter((r) => r.kind === 'signed_result')).toEqual([]);
    } finally {
      writeFileSync(path, kept);
    }
  });

  it('signs the result with the officer token, records the hand-over, and the province gets status 10 with the signed file', async () => {
    const hsm = new Pkcs11Token(SOFTHSM_MODULE);
    // While the token signs, the result is open in the signer: no clear copy of it may be on disk then.
    const duringSigning: string[][] = [];
    const token: SignatureToken = {
      listTokens: () => hsm.listTokens(),
      listCertificates: (id) => hsm.listCertificates(id),
      close: () => hsm.close(),
      sign: (req) => {
        duringSigning.push(clearPdfsIn(f.dir));
        return hsm.sign(req);
      },
    };
    const view = await returns.open(code);
    const { signed } = await returns.sign(code, { token, tokenId: 'RSA', certId: '01', pin: PIN, attachmentIds: [view.results[0]!.id], actor: 'cb01', trustAnchors: [pki.rootDer] });
    expect(signed).toHaveLength(1);
    expect(duringSigning).toEqual([[]]);
    expect(clearPdfsIn(f.dir)).toEqual([]);
    await expect(returns.handOver(code, { receivedBy: 'Nguyễn Văn Đức', idChecked: false, actor: 'cb01' })).rejects.toThrow(/giấy tờ tùy thân/);
    const { slipPath } = await returns.handOver(code, { receivedBy: 'Nguyễn Văn Đức', idChecked: true, actor: 'cb01', officerName: 'Trần Văn Cán' });
    // Kept sealed; its clear bytes through the app's vault.
    expect(isSealed(readFileSync(slipPath))).toBe(true);
    expect(tool('pdftotext', [plainCopy(await f.core.docs.read(slipPath)), '-']).stdout).toContain('PHIẾU BÀN GIAO KẾT QUẢ');
    expect((await returns.open(code)).returnable).toBe(false);
    const r = await engineFor(f, server.url).runOnce({ pulls: false });
    expect(r.remaining).toBe(0);
    expect((server.db.prepare('SELECT status FROM dossiers WHERE code = ?').get(code) as { status: string }).status).toBe('10');
    const ev = JSON.parse((server.db.prepare('SELECT body FROM events WHERE code = ?').get(code) as { body: string }).body) as { DanhSachGiayToKetQua: Array<{ DuongDanTepTinKetQua: string }> };
    const url = ev.DanhSachGiayToKetQua[0]!.DuongDanTepTinKetQua;
    expect(url).toMatch(/\/files\/[0-9a-f]+$/);
    const onServer = readFileSync(join(f.dir, 'server-files', url.split('/files/')[1]!));
    const reports = await verifyPdf(new Uint8Array(onServer), { trustAnchors: [pki.rootDer] });
    expect(reports).toEqual([expect.objectContaining({ integrity: 'valid', coversWholeDocument: true, trusted: true })]);
    writeFileSync(join(f.dir, 'returned.pdf'), onServer);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenError } from '../../electron/common/hardware/token';
import { AppFailure } from '../../electron/common/ipc/result';
import { verifyPdf } from '../../electron/node/signing/verify';
import { signFile } from '../../electron/node/signing/signing-service';
import { signDocuments } from '../../electron/node/signing/sign-documents';
import { loadTrustAnchors } from '../../electron/node/signing/trust-store';
import { resourcesDir } from '../../electron/node/config/resources';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { cliAdmin, motcuaAsync } from '../helpers/cli';
import { makePki, PIN, SOFTHSM_MODULE, type Pki } from '../helpers/softhsm';
import { tempDir } from '../helpers/tmp';
import { tool } from '../helpers/tools';
import { startTsa } from '../helpers/tsa';
import { rfc3161 } from '../../electron/node/signing/tsa';

/**
 * pdfsig's verdict on every signature, with the test root trusted through an NSS db. Not with
 * -no-ocsp: poppler 22.12's "OCSP disabled" policy reports a generic certificate error for any
 * chain; the default soft-fail policy finds no OCSP URL in the test certificates and goes offline.
 */
function pdfsig(pki: Pki, file: string) {
  const r = tool('pdfsig', ['-nssdir', `sql:${pki.nssDir}`, file]);
  return { code: r.code, out: r.stdout + r.stderr };
}

/** openssl cms -verify on the CMS extracted exactly (no padding) from the last signature. */
function opensslVerify(pki: Pki, file: string, dir: string) {
  const d = readFileSync(file);
  const ranges = [...d.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1)!.slice(1).map(Number);
  const [a, b, c, e] = ranges as [number, number, number, number];
  writeFileSync(join(dir, 'content.bin'), Buffer.concat([d.subarray(a, a + b), d.subarray(c, c + e)]));
  const hex = d.subarray(a + b, c).toString('latin1').replace(/[<>\s]/g, '');
  const der = Buffer.from(hex, 'hex');
  const n = der[1]!;
  const len = n < 0x80 ? 2 + n : 2 + (n & 0x7f) + der.readUIntBE(2, n & 0x7f);
  writeFileSync(join(dir, 'sig.der'), der.subarray(0, len));
  const verify = tool('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der'), '-content', join(dir, 'content.bin'), '-CAfile', join(pki.dir, 'root.pem'), '-certfile', join(pki.dir, 'int.pem'), '-purpose', 'any', '-out', '/dev/null']);
  const attrs = tool('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(dir, 'sig.der')]).stdout;
  return { code: verify.code, out: verify.stdout + verify.stderr, attrs };
}

describe('PAdES signing with SoftHSM2 tokens, checked by pdfsig, qpdf and openssl', () => {
  const t = tempDir('motcua-sign-');
  let pki: Pki;
  let token: Pkcs11Token;
  const inputs: Record<string, string> = {};

  beforeAll(async () => {
    pki = makePki(t.dir);
    token = new Pkcs11Token(SOFTHSM_MODULE);
    // Inputs from different producers.
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('Giay khai sinh - ket qua', { x: 60, y: 760, size: 18, font });
    doc.addPage([595, 842]);
    inputs.pdflib = join(t.dir, 'pdflib.pdf');
    writeFileSync(inputs.pdflib, await doc.save()); // object + xref streams
    inputs.pdflibClassic = join(t.dir, 'pdflib-classic.pdf');
    writeFileSync(inputs.pdflibClassic, await doc.save({ useObjectStreams: false }));
    inputs.qpdfStreams = join(t.dir, 'qpdf-streams.pdf');
    execFileSync('qpdf', ['--object-streams=generate', inputs.pdflibClassic, inputs.qpdfStreams]);
    inputs.ghostscript = join(t.dir, 'gs.pdf');
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${inputs.ghostscript}`, '-c', '/Helvetica findfont 20 scalefont setfont 72 720 moveto (Ket qua giai quyet TTHC) show showpage']);
    inputs.receipt = join(__dirname, '..', 'fixtures', 'receipt-mau-01.pdf');
  }, 120_000);
  afterAll(() => (process.env.KEEP_TMP ? console.log('kept', t.dir) : t.cleanup()));

  const sign = (input: string, output: string, o: { token?: string; cert?: string; visible?: boolean } = {}) =>
    signFile({
      token,
      tokenId: o.token ?? 'RSA',
      certId: o.cert ?? '01',
      pin: PIN,
      input,
      output,
      reason: 'Ký kết quả giải quyết TTHC',
      location: 'Tân Phú',
      trustAnchors: [pki.rootDer],
      ...(o.visible ? { visible: { page: 1, x: 330, y: 60, width: 220, height: 70, lines: ['Ký bởi: Nguyễn Văn Ký', 'Cơ quan: UBND xã Tân Phú', 'Thời gian: 21/11/2026 14:30:05 (GMT+7)'] } } : {}),
      fontsDir: join(__dirname, '..', '..', 'resources', 'fonts'),
    });

  it.each(['pdflib', 'pdflibClassic', 'qpdfStreams', 'ghostscript', 'receipt'])('%s: valid, trusted, whole document, B-B attributes, input is a byte prefix', async (name) => {
    const input = inputs[name]!;
    if (name === 'receipt' && !existsSync(input)) throw new Error('missing fixture receipt-mau-01.pdf');
    const out = join(t.dir, `${name}-signed.pdf`);
    await sign(input, out, { visible: name === 'pdflib' });
    const before = readFileSync(input);
    const after = readFileSync(out);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const sig = pdfsig(pki, out);
    expect(sig.out).toContain('Signature is Valid.');
    expect(sig.out).toContain('Certificate is Trusted.');
    expect(sig.out).toContain('Total document signed');
    expect(sig.out).toContain('ETSI.CAdES.detached');
    // 0, not "succeeded with warnings" (3): a warning here once hid new objects reusing the number of an object stream.
    const check = tool('qpdf', ['--check', out]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const ossl = opensslVerify(pki, out, t.dir);
    expect(ossl.code, ossl.out).toBe(0);
    expect(ossl.attrs).toMatch(/signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/);
    expect(ossl.attrs).toMatch(/messageDigest/);
    expect(ossl.attrs).not.toMatch(/signingTime/);
    const own = await verifyPdf(new Uint8Array(after), { trustAnchors: [pki.rootDer] });
    expect(own).toEqual([expect.objectContaining({ signer: 'Nguyen Van Ky', integrity: 'valid', coversWholeDocument: true, trusted: true })]);
  });

  it('ECDSA P-256 signs too', async () => {
    const out = join(t.dir, 'ec-signed.pdf');
    await sign(inputs.pdflibClassic!, out, { token: 'EC', cert: 'a1' });
    expect(pdfsig(pki, out).out).toContain('Signature is Valid.');
    expect(opensslVerify(pki, out, t.dir).code).toBe(0);
  });

  it('a second signature keeps the first valid; a token with two certificates signs with the chosen one', async () => {
    const once = join(t.dir, 'once.pdf');
    const twice = join(t.dir, 'twice.pdf');
    await sign(inputs.qpdfStreams!, once);
    await sign(once, twice, { cert: '02' });
    const out = pdfsig(pki, twice).out;
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(out).toContain('Not total document signed'); // the first one, followed by the second update
    const reports = await verifyPdf(new Uint8Array(readFileSync(twice)), { trustAnchors: [pki.rootDer] });
    expect(reports.map((r) => [r.signer, r.integrity, r.coversWholeDocument])).toEqual([
      ['Nguyen Van Ky', 'valid', false],
      ['Nguyen Van Ky (chung thu 2)', 'valid', true],
    ]);
    expect(readFileSync(twice).subarray(0, readFileSync(once).length).equals(readFileSync(once))).toBe(true);
  });

  it('B-T: an RFC 3161 timestamp from a local TSA (openssl ts) over the signature value', async () => {
    const tsa = await startTsa(pki.dir);
    try {
      const out = join(t.dir, 'bt.pdf');
      await signFile({ token, tokenId: 'RSA', certId: '01', pin: PIN, input: inputs.pdflibClassic!, output: out, trustAnchors: [pki.rootDer], timestamp: rfc3161(tsa.url) });
      expect(pdfsig(pki, out).out).toContain('Signature is Valid.');
      const ossl = opensslVerify(pki, out, t.dir);
      expect(ossl.code, ossl.out).toBe(0);
      expect(ossl.attrs).toMatch(/id-smime-aa-timeStampToken|1\.2\.840\.113549\.1\.9\.16\.2\.14/);
      const [report] = await verifyPdf(new Uint8Array(readFileSync(out)), { trustAnchors: [pki.rootDer] });
      expect(report!.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(Math.abs(Date.parse(report!.timestamp!) - Date.now())).toBeLessThan(120_000);
    } finally {
      await tsa.close();
    }
  });

  it('a flipped byte inside the signed range is detected', async () => {
    const out = join(t.dir, 'tampered.pdf');
    await sign(inputs.pdflibClassic!, out);
    const b = readFileSync(out);
    // A byte in the middle of the first signed range (the original page content), not in /Contents.
    const first = Number(/\/ByteRange\s*\[\s*0\s+(\d+)/.exec(b.toString('latin1'))![1]);
    const i = Math.floor(first / 2);
    b[i] = b[i]! ^ 1;
    writeFileSync(out, b);
    expect(pdfsig(pki, out).out).toMatch(/Signature is Invalid|Digest Mismatch/);
    expect((await verifyPdf(new Uint8Array(b)))[0]!.integrity).toBe('invalid');
  });

  it('trust anchors from a folder: a chain to them signs; a foreign root is refused before signing, creating nothing', async () => {
    const trusted = join(t.dir, 'trust-ok');
    const foreign = join(t.dir, 'trust-foreign');
    const empty = join(t.dir, 'trust-empty');
    for (const d of [trusted, foreign, empty]) execFileSync('mkdir', ['-p', d]);
    writeFileSync(join(trusted, 'root.pem'), pki.rootPem);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(foreign, 'k.key'), '-out', join(foreign, 'other-root.crt'), '-days', '30', '-subj', '/CN=Other Root']);
    await expect(loadTrustAnchors(empty)).rejects.toThrow(/không có chứng thư nào/);
    await expect(loadTrustAnchors(join(t.dir, 'khong-co'))).rejects.toThrow(/Không đọc được thư mục/);
    expect(await loadTrustAnchors(null)).toBeNull();

    const outDir = join(t.dir, 'signed-docs');
    const ok = await signDocuments({ token, tokenId: 'RSA', certId: '01', pin: PIN, inputs: [inputs.pdflib!], outDir, visible: true, reason: null, trustAnchors: await loadTrustAnchors(trusted), fontsDir: join(resourcesDir(), 'fonts'), now: new Date() });
    expect(ok.signed).toEqual([expect.objectContaining({ fileName: 'pdflib-da-ky.pdf', valid: true })]);
    expect((await verifyPdf(readFileSync(ok.signed[0]!.path), { trustAnchors: (await loadTrustAnchors(trusted))! })).at(-1)!.trusted).toBe(true);

    const refused = await signDocuments({ token, tokenId: 'RSA', certId: '01', pin: PIN, inputs: [inputs.pdflibClassic!], outDir, visible: false, reason: null, trustAnchors: await loadTrustAnchors(foreign), fontsDir: join(resourcesDir(), 'fonts'), now: new Date() }).catch((e: unknown) => e);
    // Exactly this: pkijs's English reason ("No valid certificate paths found") once followed it in brackets.
    expect((refused as Error).message).toBe('Chứng thư số không thuộc tổ chức cung cấp dịch vụ tin cậy đã cấu hình.');
    expect(existsSync(join(outDir, 'pdflib-classic-da-ky.pdf'))).toBe(false);
  });

  it('a wrong PIN is one typed error, never retried; the output file is not created', async () => {
    const out = join(t.dir, 'wrong-pin.pdf');
    const err = (await signFile({ token, tokenId: 'RSA', certId: '01', pin: '000000', input: inputs.pdflib!, output: out }).catch((e: unknown) => e)) as TokenError;
    expect(err).toBeInstanceOf(TokenError);
    expect(err.tokenCode).toBe('pin_incorrect');
    expect(err.message).toMatch(/PIN không đúng/);
    expect(existsSync(out)).toBe(false);
  });

  // Each bad input has one reason, said exactly: a loose /PDF|mã hóa/ once let "Tệp PDF bị hỏng … You can use
  // PDFDocument.load(…, { ignoreEncryption: true })" pass for an encrypted file.
  const NO_TAIL = 'Tệp PDF bị hỏng hoặc không đầy đủ (thiếu startxref/%%EOF ở cuối tệp).';
  it.each([
    ['not a pdf', Buffer.from('hello world'), 'Tệp không phải PDF.'],
    ['truncated', null, NO_TAIL],
    ['encrypted', 'encrypted', 'Tệp PDF đã được mã hóa (có mật khẩu): không ký được.'],
    ['no startxref', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n'), NO_TAIL],
  ])('refuses a %s input cleanly, with its exact reason and no output file', async (_name, body, reason) => {
    const input = join(t.dir, `bad-${_name.replace(/\s/g, '-')}.pdf`);
    if (body === null) writeFileSync(input, readFileSync(inputs.pdflib!).subarray(0, 400));
    else if (body === 'encrypted') execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', inputs.pdflibClassic!, input]);
    else writeFileSync(input, body);
    const out = join(t.dir, `bad-out-${_name.replace(/\s/g, '-')}.pdf`);
    const e = await sign(input, out).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppFailure);
    expect({ code: (e as AppFailure).code, message: (e as AppFailure).message }).toEqual({ code: 'invalid_input', message: reason });
    expect(existsSync(out)).toBe(false);
  });

  it('motcua token list / sign / verify on the CLI', async () => {
    const env = { ...cliAdmin(t.dir), SOFTHSM2_CONF: process.env.SOFTHSM2_CONF!, MY_PIN: PIN };
    const list = await motcuaAsync(['token', 'list', '--module', SOFTHSM_MODULE, '--json', '--data-dir', t.dir], env);
    expect(list.code, list.stderr).toBe(0);
    const tokens = JSON.parse(list.stdout) as Array<{ label: string; certificates: Array<{ id: string }> }>;
    expect(tokens.map((x) => x.label).sort()).toEqual(['EC', 'RSA']);
    expect(tokens.find((x) => x.label === 'RSA')!.certificates.map((c) => c.id).sort()).toEqual(['01', '02', 'ca']);
    const out = join(t.dir, 'cli-signed.pdf');
    const s = await motcuaAsync(
      ['sign', '--module', SOFTHSM_MODULE, '--token', 'RSA', '--cert', '01', '--pin-env', 'MY_PIN', '--in', inputs.pdflib!, '--out', out, '--visible', '1,330,60,220,70', '--trust', join(pki.dir, 'root.pem'), '--data-dir', t.dir],
      env,
    );
    expect(s.code, s.stderr).toBe(0);
    const v = await motcuaAsync(['verify', out, '--json', '--trust', join(pki.dir, 'root.pem'), '--data-dir', t.dir], env);
    expect(JSON.parse(v.stdout).signatures[0]).toMatchObject({ integrity: 'valid', coversWholeDocument: true, trusted: true });
    const bad = await motcuaAsync(['sign', '--module', SOFTHSM_MODULE, '--token', 'RSA', '--cert', '01', '--pin-env', 'NOPE', '--in', inputs.pdflib!, '--out', join(t.dir, 'x.pdf'), '--data-dir', t.dir], env);
    expect(bad.code).toBe(1);
    expect(existsSync(join(t.dir, 'x.pdf'))).toBe(false);

    // The app's trust anchors: an admin sets the folder; others are refused.
    const trustDir = join(t.dir, 'cli-trust');
    execFileSync('mkdir', ['-p', trustDir]);
    writeFileSync(join(trustDir, 'root.pem'), pki.rootPem);
    const anonymous = await motcuaAsync(['token', 'trust', '--dir', trustDir, '--data-dir', t.dir], { SOFTHSM2_CONF: env.SOFTHSM2_CONF, MOTCUA_OFFICER: '', MOTCUA_PASSWORD: '' });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/MOTCUA_OFFICER/);
    expect((await motcuaAsync(['officer', 'add', '--id', 'ad1', '--username', 'admin', '--name', 'Quản trị', '--role', 'admin', '--password-env', 'PW', '--data-dir', t.dir], { ...env, PW: 'mat-khau-quan-tri' })).code).toBe(0);
    const set = await motcuaAsync(['token', 'trust', '--dir', trustDir, '--data-dir', t.dir], { ...env, MOTCUA_OFFICER: 'admin', MOTCUA_PASSWORD: 'mat-khau-quan-tri' });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Đã cấu hình 1 chứng thư gốc tin cậy');
  });
});

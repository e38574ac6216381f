import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/common/ipc/result';
import { signPdfIncrement } from '../../electron/node/signing/pades';
import { verifyPdf } from '../../electron/node/signing/verify';
import { tempDir } from '../helpers/tmp';
import { tool } from '../helpers/tools';
import { plainInputs, softwareSigner } from './pdf-corpus';

/**
 * Finding 2 of the security review: what the signer refuses, it refuses for the right reason, in
 * Vietnamese, before anything is signed. pdf-lib's error classes fail `instanceof` (its ES5
 * build), so an encrypted file used to come back as "Tệp PDF bị hỏng … You can use
 * PDFDocument.load(…, { ignoreEncryption: true })" — English parser text in front of an officer.
 */
const ENCRYPTED = 'Tệp PDF đã được mã hóa (có mật khẩu): không ký được.';
const UNREADABLE = 'Tệp PDF bị hỏng, không đọc được nội dung.';
const XREF_MISPLACED = 'Tệp PDF bị hỏng (bảng xref không ở vị trí startxref chỉ tới).';

describe('refusals: the exact reason in Vietnamese, and the token is never asked', () => {
  const t = tempDir('motcua-sec-refuse-');
  let inputs: Awaited<ReturnType<typeof plainInputs>>;
  let signer: ReturnType<typeof softwareSigner>;
  beforeAll(async () => {
    inputs = await plainInputs(t.dir);
    signer = softwareSigner(t.dir);
  }, 60_000);
  afterAll(() => t.cleanup());

  const refusal = async (bytes: Uint8Array) => {
    const before = signer.calls;
    const e = await signPdfIncrement(bytes, signer, { signingTime: new Date() }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(signer.calls, 'the signer must not be asked for a refused file').toBe(before);
    expect(e).toBeInstanceOf(AppFailure);
    return { code: (e as AppFailure).code, message: (e as AppFailure).message };
  };

  const encrypt = (name: string, from: string, args: string[]) => {
    const out = join(t.dir, `enc-${name}.pdf`);
    const r = tool('qpdf', ['--allow-weak-crypto', '--encrypt', ...args, '--', from, out]);
    expect(r.code, r.stderr).toBe(0);
    return new Uint8Array(readFileSync(out));
  };

  it.each([
    ['AES-256, classic xref', 'pdflibClassic', ['u', 'o', '256']],
    // Object streams are encrypted too: pdf-lib cannot even parse these, so "is it encrypted" cannot wait for the parser.
    ['AES-256, object and xref streams', 'pdflib', ['u', 'o', '256']],
    ['AES-128', 'pdflibClassic', ['u', 'o', '128', '--use-aes=y']],
    ['RC4 40-bit', 'ghostscript', ['u', 'o', '40']],
    ['owner password only (opens without a password)', 'pdflibClassic', ['', 'o', '256', '--modify=none']],
  ] as const)('encrypted (%s): says it is encrypted', async (name, from, args) => {
    expect(await refusal(encrypt(name.replace(/\W+/g, '-'), inputs[from], [...args]))).toEqual({ code: 'invalid_input', message: ENCRYPTED });
  });

  it('an object pdf-lib cannot parse: Vietnamese only, no parser text', async () => {
    const s = readFileSync(inputs.pdflibClassic).toString('latin1');
    // Same length, so every xref offset still holds: only the object itself is nonsense.
    const broken = s.replace(/(1 0 obj\s*)<</, '$1)]');
    expect(broken).not.toBe(s);
    expect(await refusal(Buffer.from(broken, 'latin1'))).toEqual({ code: 'invalid_input', message: UNREADABLE });
  });

  it('a catalog without a page tree: Vietnamese only (pdf-lib throws "Expected instance of PDFDict" after loading)', async () => {
    const s = readFileSync(inputs.pdflibClassic).toString('latin1');
    const broken = s.replace(/\/Pages (\d+) 0 R/, '/Pagex $1 0 R');
    expect(broken).not.toBe(s);
    expect(await refusal(Buffer.from(broken, 'latin1'))).toEqual({ code: 'invalid_input', message: UNREADABLE });
  });

  it('startxref pointing at whitespace followed by something other than xref is still refused', async () => {
    const b = Buffer.from(readFileSync(inputs.pdflibClassic));
    const s = b.toString('latin1');
    const xrefAt = s.lastIndexOf('\nxref') + 1;
    // "  \nxrex" in place of "\nxref": whitespace where startxref points, then no xref keyword.
    b.write('xrex', xrefAt, 'latin1');
    const patched = b.toString('latin1').replace(/startxref\s+\d+/, `startxref\n${xrefAt - 1}`);
    expect(await refusal(Buffer.from(patched, 'latin1'))).toEqual({ code: 'invalid_input', message: XREF_MISPLACED });
  });

  it.each([
    ['not a PDF', Buffer.from('hello world'), 'Tệp không phải PDF.'],
    ['a PDF header and nothing pdf-lib can read', Buffer.from('%PDF-1.7\n%%EOF\n'), UNREADABLE],
  ])('verifying %s fails with a Vietnamese AppFailure, not parser text', async (_name, bytes, message) => {
    const e = await verifyPdf(new Uint8Array(bytes)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppFailure);
    expect({ code: (e as AppFailure).code, message: (e as AppFailure).message }).toEqual({ code: 'invalid_input', message });
  });

  it('a signature field without /ByteRange is reported invalid with a Vietnamese reason', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    const v = doc.context.obj({ Type: 'Sig', Filter: 'Adobe.PPKLite', SubFilter: 'ETSI.CAdES.detached', Contents: PDFHexString.of('3000') });
    const field = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of('Signature1'), V: v, P: page.ref, Rect: [0, 0, 0, 0] }));
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [field], SigFlags: 3 }));
    const reports = await verifyPdf(await doc.save({ useObjectStreams: false }));
    expect(reports).toEqual([expect.objectContaining({ field: 'Signature1', integrity: 'invalid', coversWholeDocument: false, detail: 'Chữ ký không có /ByteRange hợp lệ.' })]);
  });
});

describe('startxref pointing at the whitespace before xref (accepted by poppler, qpdf and pdf-lib)', () => {
  const t = tempDir('motcua-sec-ws-');
  let inputs: Awaited<ReturnType<typeof plainInputs>>;
  let signer: ReturnType<typeof softwareSigner>;
  beforeAll(async () => {
    inputs = await plainInputs(t.dir);
    signer = softwareSigner(t.dir);
  }, 60_000);
  afterAll(() => t.cleanup());

  it.each([
    ['one newline early (what @signpdf writes)', 1],
    ['CR LF and spaces early', 4],
  ])('%s: signed, and the new update points at the real xref so qpdf --check is clean', async (_name, early) => {
    const b = Buffer.from(readFileSync(inputs.pdflibClassic));
    const s = b.toString('latin1');
    const xrefAt = s.lastIndexOf('xref\n0 ');
    expect(xrefAt).toBeGreaterThan(0);
    // Make the `early` bytes before xref whitespace (they are the blank line pdf-lib writes, widened).
    const ws = Buffer.from(' \r\n \n'.slice(-early), 'latin1');
    const shifted = Buffer.concat([b.subarray(0, xrefAt), ws, b.subarray(xrefAt)]).toString('latin1');
    const input = Buffer.from(shifted.replace(/startxref\s+\d+/, `startxref\n${xrefAt}`), 'latin1');
    // poppler and qpdf read the input itself (qpdf with its "extraneous whitespace" warning, exit 3).
    writeFileSync(join(t.dir, 'ws-in.pdf'), input);
    expect(tool('qpdf', ['--check', join(t.dir, 'ws-in.pdf')]).code).toBe(3);

    const tail = await signPdfIncrement(new Uint8Array(input), signer, { signingTime: new Date() });
    const out = join(t.dir, `ws-out-${early}.pdf`);
    writeFileSync(out, Buffer.concat([input, tail]));
    expect(/\/Prev (\d+)/.exec(Buffer.from(tail).toString('latin1'))![1]).toBe(String(xrefAt + early));
    const check = tool('qpdf', ['--check', out]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const sig = tool('pdfsig', [out]);
    expect(sig.stdout).toContain('Signature is Valid.');
    expect(sig.stdout).toContain('Total document signed');
    expect(await verifyPdf(new Uint8Array(readFileSync(out)))).toEqual([expect.objectContaining({ integrity: 'valid', coversWholeDocument: true })]);
  });
});

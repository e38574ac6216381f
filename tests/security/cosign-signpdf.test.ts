import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFile } from '../../electron/node/signing/signing-service';
import { verifyPdf } from '../../electron/node/signing/verify';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { makePki, PIN, SOFTHSM_MODULE, type Pki } from '../helpers/softhsm';
import { tempDir } from '../helpers/tmp';
import { tool } from '../helpers/tools';
import { p12Of, plainInputs, signWithSignpdf } from './pdf-corpus';

/**
 * Finding 2 of the security review: a PDF already signed by other software could not get our
 * signature (0 of 23 signed by @signpdf), because @signpdf's startxref points at the newline
 * before `xref`. poppler, qpdf and pdf-lib accept that; so do we, and every earlier signature
 * must stay valid — checked by pdfsig (poppler/NSS, the test root trusted) and qpdf --check.
 */
describe('co-signing PDFs signed by @signpdf/signpdf (SoftHSM2 token, pdfsig, qpdf)', () => {
  const t = tempDir('motcua-sec-cosign-');
  let pki: Pki;
  let token: Pkcs11Token;
  let inputs: Awaited<ReturnType<typeof plainInputs>>;
  let p12: Buffer;
  beforeAll(async () => {
    pki = makePki(t.dir);
    token = new Pkcs11Token(SOFTHSM_MODULE);
    inputs = await plainInputs(t.dir);
    p12 = p12Of(pki);
  }, 120_000);
  afterAll(() => t.cleanup());

  /** pdfsig's verdict per signature, in file order. */
  const pdfsig = (file: string) => {
    const r = tool('pdfsig', ['-nssdir', `sql:${pki.nssDir}`, file]);
    return (r.stdout + r.stderr)
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => ({
        signature: /Signature Validation: (.*)/.exec(block)?.[1],
        certificate: /Certificate Validation: (.*)/.exec(block)?.[1],
        whole: / - Total document signed/.test(block),
      }));
  };

  /** qpdf --check: its exit code (0 clean, 3 warnings) and each warning without the file name. */
  const qpdfCheck = (file: string) => {
    const r = tool('qpdf', ['--check', file]);
    const warnings = (r.stdout + r.stderr)
      .split('\n')
      .filter((l) => l.startsWith('WARNING: '))
      .map((l) => l.slice(l.indexOf(': ', 'WARNING: '.length) + 2));
    return { code: r.code, warnings };
  };

  it.each([
    ['pdf-lib, classic xref', 'pdflibClassic', 1, undefined],
    ['Ghostscript', 'ghostscript', 1, undefined],
    ['our Mẫu 01 receipt', 'receipt', 1, undefined],
    ['pdf-lib, ETSI.CAdES.detached', 'pdflibClassic', 1, 'ETSI.CAdES.detached'],
    ['pdf-lib, signed twice by @signpdf', 'pdflibClassic', 2, undefined],
  ] as const)('%s: our signature is added and every signature verifies', async (name, from, times, subFilter) => {
    const tag = name.replace(/\W+/g, '-');
    let signed: string = inputs[from];
    for (let i = 1; i <= times; i++) {
      const next = join(t.dir, `${tag}-signpdf-${i}.pdf`);
      await signWithSignpdf(p12, signed, next, subFilter);
      signed = next;
    }
    // The input really has @signpdf's shape: startxref one byte before `xref`.
    const before = readFileSync(signed);
    const at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(before.toString('latin1'))![1]);
    expect(before.subarray(at, at + 5).toString('latin1')).toBe('\nxref');
    const earlier = pdfsig(signed);
    expect(earlier.map((v) => v.signature)).toEqual(Array(times).fill('Signature is Valid.'));

    const out = join(t.dir, `${tag}-cosigned.pdf`);
    await signFile({ token, tokenId: 'RSA', certId: '01', pin: PIN, input: signed, output: out, reason: 'Ký kết quả', trustAnchors: [pki.rootDer] });
    const after = readFileSync(out);
    expect(after.subarray(0, before.length).equals(before), 'the signed input is a byte prefix of the output').toBe(true);

    // Every earlier signature keeps pdfsig's verdict (only "total document" moves on to ours), and ours is valid and trusted.
    // (poppler 22.12 reports the certificate of a second @signpdf signature as "Unknown issue" before we touch the file.)
    expect(pdfsig(out)).toEqual([
      ...earlier.map((v) => ({ ...v, whole: false })),
      { signature: 'Signature is Valid.', certificate: 'Certificate is Trusted.', whole: true },
    ]);
    expect(earlier[0]).toEqual({ signature: 'Signature is Valid.', certificate: 'Certificate is Trusted.', whole: times === 1 });
    // qpdf warns about @signpdf's startxref; after our update it warns about nothing of ours. A
    // second @signpdf update keeps its own /Prev to the whitespace (bytes a signature must never
    // change), and only that warning remains.
    const input = qpdfCheck(signed);
    expect(input.warnings).toContain('extraneous whitespace seen before xref');
    const output = qpdfCheck(out);
    expect(output, 'qpdf --check').toEqual(times === 1 ? { code: 0, warnings: [] } : { code: 3, warnings: ['extraneous whitespace seen before xref'] });

    const reports = await verifyPdf(new Uint8Array(after), { trustAnchors: [pki.rootDer] });
    expect(reports.map((r) => [r.signer, r.integrity, r.trusted, r.coversWholeDocument])).toEqual([
      ...Array.from({ length: times }, () => ['Nguyen Van Ky (chung thu 2)', 'valid', true, false]),
      ['Nguyen Van Ky', 'valid', true, true],
    ]);
    // Our field gets a name of its own: a repeated name would merge two signatures into one field.
    expect(new Set(reports.map((r) => r.field)).size).toBe(times + 1);
  });
});

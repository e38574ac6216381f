import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign as rsaSign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { ExternalSigner } from '../../electron/node/signing/cms';
import type { Pki } from '../helpers/softhsm';

/** Producers the counters receive PDFs from, as files in `dir`: pdf-lib (both xref kinds), Ghostscript, our own receipt. */
export async function plainInputs(dir: string): Promise<Record<'pdflib' | 'pdflibClassic' | 'ghostscript' | 'receipt', string>> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Quyet dinh - ket qua giai quyet TTHC', { x: 60, y: 760, size: 16, font });
  doc.addPage([595, 842]).drawText('Trang 2', { x: 60, y: 760, size: 16, font });
  const pdflib = join(dir, 'in-pdflib.pdf');
  writeFileSync(pdflib, await doc.save());
  const pdflibClassic = join(dir, 'in-pdflib-classic.pdf');
  writeFileSync(pdflibClassic, await doc.save({ useObjectStreams: false }));
  const ghostscript = join(dir, 'in-gs.pdf');
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${ghostscript}`, '-c', '/Helvetica findfont 20 scalefont setfont 72 720 moveto (Ket qua) show showpage']);
  return { pdflib, pdflibClassic, ghostscript, receipt: join(__dirname, '..', 'fixtures', 'receipt-mau-01.pdf') };
}

/**
 * Signs `input` into `output` the way @signpdf/signpdf 3 does for other offices' software: a
 * plain-text placeholder appended as an update whose startxref points at the newline before
 * `xref` (one byte early) — the shape every PDF it signs has.
 */
export async function signWithSignpdf(p12: Buffer, input: string, output: string, subFilter?: 'ETSI.CAdES.detached'): Promise<void> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: readFileSync(input),
    reason: 'Phe duyet',
    contactInfo: '',
    name: 'Nguyen Van Ky (chung thu 2)',
    location: 'Tan Phu',
    ...(subFilter ? { subFilter } : {}),
  });
  writeFileSync(output, await new SignPdf().sign(withPlaceholder, new P12Signer(p12, { passphrase: 'p12' })));
}

/** The second test signer's key and chain as PKCS#12, the form @signpdf takes. */
export function p12Of(pki: Pki): Buffer {
  const out = join(pki.dir, 'rsa2.p12');
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(pki.dir, 'rsa2.key'), '-in', join(pki.dir, 'rsa2.pem'), '-certfile', join(pki.dir, 'int.pem'), '-out', out, '-passout', 'pass:p12']);
  return readFileSync(out);
}

/**
 * A software signer over a throwaway self-signed RSA certificate, for tests that are about the
 * PDF and not the token; `calls` counts how often it was asked to sign.
 */
export function softwareSigner(dir: string): ExternalSigner & { calls: number } {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'soft.key'), '-out', join(dir, 'soft.der'), '-outform', 'DER', '-days', '30', '-subj', '/CN=Ky thu phan mem/O=Motcua Test/C=VN'], { stdio: 'ignore' });
  const key = createPrivateKey(readFileSync(join(dir, 'soft.key')));
  const signer = {
    calls: 0,
    chain: [new Uint8Array(readFileSync(join(dir, 'soft.der')))],
    sign: async (tbs: Uint8Array) => {
      signer.calls++;
      return { signature: new Uint8Array(rsaSign('sha256', tbs, key)), keyType: 'RSA' as const };
    },
  };
  return signer;
}

import { describe, expect, it } from 'vitest';
import type { TokenCertificate } from '../../../electron/common/hardware/token';
import { AttachmentInbox } from '../../../electron/node/files/attachment-inbox';
import { resolveDocuments, resolveFees } from '../../../electron/node/intake/intake-rules';
import { voidDossier } from '../../../electron/node/intake/void-dossier';
import { ReturnService } from '../../../electron/node/returns/return-service';
import { lastXref } from '../../../electron/node/signing/pdf-xref';
import { signDocuments } from '../../../electron/node/signing/sign-documents';
import { pickCertificate } from '../../../electron/node/signing/signing-service';
import { verifyPdf } from '../../../electron/node/signing/verify';
import { caught, VIETNAMESE } from '../../helpers/wording';

const now = new Date('2026-11-30T03:00:00Z');
const cert = (id: string): TokenCertificate =>
  ({ id, subject: 'CN=Nguyen Van A', issuer: 'CN=CA', notBefore: '2025-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z', keyUsage: ['digitalSignature'], der: new Uint8Array() }) as unknown as TokenCertificate;
const proc = { maTthc: '1.001', documents: [{ code: 'TP1', name: 'Tờ khai', required: false, originals: 1, copies: 0 }], fees: [{ code: 'F1', name: 'Lệ phí', amountVnd: 1000, kind: null }] };
const draft = (o: object) => ({ TaiLieuNop: [], PhiLePhi: [], ...o }) as never;

describe('the failures an officer meets most read in English without a Vietnamese word', () => {
  const cases: Array<[string, () => unknown]> = [
    ['signing: only PDFs', () => signDocuments({ token: {} as never, tokenId: 't', certId: null, pin: null, inputs: ['/tmp/a.docx'], outDir: '/tmp', visible: false, reason: null, fontsDir: '/tmp', now })],
    ['signing: no certificate valid now', () => pickCertificate([], null, now)],
    ['signing: certificate id not on the token', () => pickCertificate([cert('01')], 'ff', now)],
    ['signing: two certificates, none chosen', () => pickCertificate([cert('01'), cert('02')], null, now)],
    ['signing: not a PDF', () => lastXref(new TextEncoder().encode('hello world'))],
    ['signing: verify a non-PDF', () => verifyPdf(new TextEncoder().encode('hello world'))],
    ['attachments: gone from the list', () => new AttachmentInbox().pathOf('00000000-0000-4000-8000-000000000000')],
    ['attachments: preview of a file gone', () => new AttachmentInbox().preview('00000000-0000-4000-8000-000000000000')],
    ['intake: a document outside the procedure', () => resolveDocuments(proc as never, draft({ TaiLieuNop: ['TP9'] }))],
    ['intake: a fee outside the procedure', () => resolveFees(proc as never, draft({ PhiLePhi: [{ MaPhiLePhi: 'F9', SoTien: 1 }] }))],
    ['void: reason too short', () => voidDossier({} as never, { code: 'X', reason: 'abc', actor: 'cb01', at: '2026-11-30T10:00:00+07:00' })],
    ['returns: not a dossier code', () => new ReturnService({} as never).open('hello')],
  ];

  it.each(cases)('%s', async (_name, f) => {
    const r = await caught(f);
    // A key, worded in both languages; the Vietnamese wording is the one the message always carried.
    expect(r.key).toBeDefined();
    expect(r.vi).toMatch(VIETNAMESE);
    expect(r.en).not.toMatch(VIETNAMESE);
    expect(r.en).not.toBe(r.vi);
  });
});

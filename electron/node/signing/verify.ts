import * as asn1js from 'asn1js';
import { createHash, webcrypto } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { failure } from '../../common/ipc/result';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] }));

export interface SignatureReport {
  readonly field: string;
  readonly signer: string | null;
  readonly subject: string | null;
  readonly claimedTime: string | null;
  readonly subFilter: string | null;
  readonly integrity: 'valid' | 'invalid';
  readonly coversWholeDocument: boolean;
  /** null when no trust anchors were given. */
  readonly trusted: boolean | null;
  /** PAdES B-T: the time in the RFC 3161 timestamp over the signature, when there is one. */
  readonly timestamp: string | null;
  readonly detail: string | null;
}

const toAB = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
const cnOf = (n: pkijs.RelativeDistinguishedNames) => n.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value ?? null;

/** Every signature in a PDF: who signed, when they claimed, whether the bytes are intact, whether it covers the whole file, whether it chains to a trust anchor. */
export async function verifyPdf(bytes: Uint8Array, o: { trustAnchors?: readonly Uint8Array[] } = {}): Promise<SignatureReport[]> {
  const doc = await load(bytes);
  const ctx = doc.context;
  const lookup = <T>(v: unknown) => (v instanceof PDFRef ? (ctx.lookup(v) as T) : (v as T));
  let fields: PDFObject[];
  try {
    const acro = lookup<PDFDict | undefined>(doc.catalog.get(PDFName.of('AcroForm')));
    fields = lookup<PDFArray | undefined>(acro?.get(PDFName.of('Fields')))?.asArray() ?? [];
  } catch {
    throw failure('invalid_input', 'pdf.unreadable');
  }
  const reports: SignatureReport[] = [];
  for (const f of fields) {
    const field = lookup<unknown>(f);
    if (!(field instanceof PDFDict) || lookup<PDFName>(field.get(PDFName.of('FT')))?.asString() !== '/Sig') continue;
    const v = lookup<unknown>(field.get(PDFName.of('V')));
    if (!(v instanceof PDFDict)) continue;
    const name = lookup<PDFString | PDFHexString | undefined>(field.get(PDFName.of('T')))?.decodeText() ?? '?';
    const claimed = lookup<PDFString | undefined>(v.get(PDFName.of('M')))?.asString() ?? null;
    const subFilter = lookup<PDFName | undefined>(v.get(PDFName.of('SubFilter')))?.asString().slice(1) ?? null;
    const invalid = (detail: string, whole = false): SignatureReport => ({ field: name, signer: null, subject: null, claimedTime: claimed, subFilter, integrity: 'invalid', coversWholeDocument: whole, trusted: null, timestamp: null, detail });
    const br = lookup<unknown>(v.get(PDFName.of('ByteRange')));
    const range = br instanceof PDFArray ? br.asArray().map((n) => lookup<unknown>(n)) : [];
    if (range.length !== 4 || !range.every((n) => n instanceof PDFNumber)) {
      reports.push(invalid('Chữ ký không có /ByteRange hợp lệ.'));
      continue;
    }
    const [a, b, c, d] = range.map((n) => (n as PDFNumber).asNumber()) as [number, number, number, number];
    const whole = a === 0 && c + d === bytes.length;
    const contents = lookup<unknown>(v.get(PDFName.of('Contents')));
    if (!(contents instanceof PDFHexString || contents instanceof PDFString)) {
      reports.push(invalid('Chữ ký không có /Contents.', whole));
      continue;
    }
    const der = contents instanceof PDFHexString ? Buffer.from(contents.asString(), 'hex') : Buffer.from(contents.asBytes());
    const content = Buffer.concat([Buffer.from(bytes.subarray(a, a + b)), Buffer.from(bytes.subarray(c, c + d))]);
    try {
      const asn = asn1js.fromBER(toAB(trimDer(der)));
      const ci = new pkijs.ContentInfo({ schema: asn.result });
      const sd = new pkijs.SignedData({ schema: ci.content });
      const r = await sd.verify({ signer: 0, data: toAB(new Uint8Array(content)), extendedMode: true, checkChain: false });
      const signerCert = r.signerCertificate ?? null;
      let trusted: boolean | null = null;
      if (o.trustAnchors?.length && signerCert) {
        const engine = new pkijs.CertificateChainValidationEngine({
          trustedCerts: o.trustAnchors.map((t) => new pkijs.Certificate({ schema: asn1js.fromBER(toAB(t)).result })),
          certs: (sd.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate),
        });
        trusted = (await engine.verify()).result;
      }
      const tsAttr = sd.signerInfos[0]?.unsignedAttrs?.attributes.find((x) => x.type === '1.2.840.113549.1.9.16.2.14');
      let timestamp: string | null = null;
      if (tsAttr) {
        const tsd = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: tsAttr.values[0] }).content });
        const tst = new pkijs.TSTInfo({ schema: asn1js.fromBER(tsd.encapContentInfo.eContent!.valueBlock.valueHexView).result });
        timestamp = tst.genTime.toISOString();
      }
      reports.push({
        field: name,
        timestamp,
        signer: signerCert ? cnOf(signerCert.subject) : null,
        subject: signerCert ? signerCert.subject.typesAndValues.map((t) => t.value.valueBlock.value).join(', ') : null,
        claimedTime: claimed,
        subFilter,
        integrity: r.signatureVerified ? 'valid' : 'invalid',
        coversWholeDocument: whole,
        trusted,
        detail: r.signatureVerified ? null : 'Chữ ký không khớp nội dung đã ký.',
      });
    } catch (e) {
      // pkijs words its verdicts in English: the officer reads them in Vietnamese (code 15: the digest does not match).
      const verdict =
        e instanceof pkijs.SignedDataVerifyError
          ? e.code === 15
            ? 'Chữ ký không khớp nội dung đã ký.'
            : 'Không kiểm tra được chữ ký (thiếu chứng thư người ký hoặc thuộc tính bắt buộc).'
          : 'Không đọc được dữ liệu chữ ký (CMS hỏng).';
      reports.push(invalid(verdict, whole));
    }
  }
  return reports;
}

/** The document, or one Vietnamese sentence: a parser's English never reaches the officer. */
async function load(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    const header = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-');
    throw (header ? failure('invalid_input', 'pdf.unreadable') : failure('invalid_input', 'pdf.notPdf'));
  }
}

/** /Contents is zero-padded: keep just the DER of the outer SEQUENCE. */
function trimDer(der: Buffer): Uint8Array {
  if (der[0] !== 0x30) return new Uint8Array(der);
  const n = der[1]!;
  const len = n < 0x80 ? 2 + n : 2 + (n & 0x7f) + Number(BigInt('0x' + der.subarray(2, 2 + (n & 0x7f)).toString('hex')));
  return new Uint8Array(der.subarray(0, len));
}

export const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

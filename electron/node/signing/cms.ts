import * as asn1js from 'asn1js';
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';

export interface ExternalSigner {
  /** Signer certificate first, then any intermediates to embed. */
  readonly chain: readonly Uint8Array[];
  /** Signs the DER of the signed attributes (SET OF) with the token; returns DER (ECDSA) or PKCS#1 bytes. */
  sign(signedAttributes: Uint8Array): Promise<{ signature: Uint8Array; keyType: 'RSA' | 'EC' }>;
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

const toAB = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

function cert(der: Uint8Array): pkijs.Certificate {
  return new pkijs.Certificate({ schema: asn1js.fromBER(toAB(der)).result });
}

/** ESS signing-certificate-v2 with SHA-256 of the signer certificate (issuerSerial omitted). */
function signingCertificateV2(signerDer: Uint8Array): asn1js.Sequence {
  const hash = createHash('sha256').update(signerDer).digest();
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.sha256 })] }), new asn1js.OctetString({ valueHex: toAB(hash) })],
          }),
        ],
      }),
    ],
  });
}

/**
 * A detached CAdES SignedData for PAdES baseline B-B: signed attributes content-type,
 * message-digest and signing-certificate-v2, and no signing-time (the time goes in the PDF's /M).
 * The private key never leaves the token: only the DER of the signed attributes goes to it.
 */
export async function buildCades(contentDigest: Uint8Array, signer: ExternalSigner, o: { timestamp?: (signature: Uint8Array) => Promise<Uint8Array> } = {}): Promise<Uint8Array> {
  const signerCert = cert(signer.chain[0]!);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toAB(contentDigest) })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(signer.chain[0]!)] }),
    ],
  });
  const tbs = new Uint8Array(signedAttrs.toSchema().toBER());
  tbs[0] = 0x31; // the signature covers the attributes as SET OF, not as [0] IMPLICIT
  const { signature, keyType } = await signer.sign(tbs);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCert.issuer, serialNumber: signerCert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm:
      keyType === 'EC'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: toAB(signature) }),
  });
  if (o.timestamp) {
    const token = await o.timestamp(signature);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.timeStampToken, values: [asn1js.fromBER(toAB(token)).result] })],
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates: signer.chain.map(cert),
    signerInfos: [signerInfo],
  });
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER());
}

export { OID as CMS_OID };

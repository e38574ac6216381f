import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TokenCertificate } from '../../electron/common/hardware/token';

const NAME_OIDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
};
const KEY_USAGE = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

export function nameToString(n: pkijs.RelativeDistinguishedNames): string {
  return n.typesAndValues.map((tv) => `${NAME_OIDS[tv.type] ?? tv.type}=${(tv.value.valueBlock as { value?: string }).value ?? ''}`).join(', ');
}

export function commonName(n: pkijs.RelativeDistinguishedNames): string | null {
  const cn = n.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn ? ((cn.value.valueBlock as { value?: string }).value ?? null) : null;
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1) throw new Error('not DER');
  return new pkijs.Certificate({ schema: asn.result });
}

export function keyUsageOf(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.15');
  if (!ext) return [];
  const bits = (ext.parsedValue as asn1js.BitString | undefined)?.valueBlock;
  if (!bits) return [];
  const bytes = new Uint8Array(bits.valueHexView);
  return KEY_USAGE.filter((_, i) => (bytes[i >> 3]! >> (7 - (i & 7))) & 1);
}

export function describeCertificate(der: Uint8Array): Omit<TokenCertificate, 'id' | 'label'> {
  const c = parseCertificate(der);
  const algo = c.subjectPublicKeyInfo.algorithm.algorithmId;
  return {
    der,
    subject: nameToString(c.subject),
    issuer: nameToString(c.issuer),
    serialHex: Buffer.from(c.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: c.notBefore.value.toISOString(),
    notAfter: c.notAfter.value.toISOString(),
    keyUsage: keyUsageOf(c),
    keyType: algo === '1.2.840.10045.2.1' ? 'EC' : 'RSA',
  };
}

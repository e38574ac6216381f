import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureToken, TokenCertificate } from '../../common/hardware/token';
import { AppFailure, failure } from '../../common/ipc/result';
import { vnStamp } from '../../common/domain/vn-format';
import { signPdfIncrement, type VisibleSignature } from './pades';

const toAB = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

export interface CertificateCheck {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/**
 * Before a token is asked for anything: the certificate is valid now (and the PC clock is
 * plausible), may sign documents, and — when trust anchors are configured — chains to one.
 */
export async function checkCertificate(cert: TokenCertificate, now: Date, o: { trustAnchors?: readonly Uint8Array[]; intermediates?: readonly Uint8Array[] } = {}): Promise<CertificateCheck> {
  const problems: string[] = [];
  if (now.getUTCFullYear() < 2025) problems.push('Đồng hồ máy tính sai (năm trước 2025): chỉnh lại giờ trước khi ký.');
  if (now < new Date(cert.notBefore)) problems.push(`Chứng thư số chưa có hiệu lực (từ ${cert.notBefore.slice(0, 10)}).`);
  if (now > new Date(cert.notAfter)) problems.push(`Chứng thư số đã hết hạn ngày ${cert.notAfter.slice(0, 10)}.`);
  if (cert.keyUsage.length && !cert.keyUsage.includes('digitalSignature') && !cert.keyUsage.includes('nonRepudiation')) {
    problems.push('Chứng thư số không được phép dùng để ký văn bản (keyUsage).');
  }
  if (o.trustAnchors?.length) {
    const parse = (d: Uint8Array) => new pkijs.Certificate({ schema: asn1js.fromBER(toAB(d)).result });
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: o.trustAnchors.map(parse),
      certs: [parse(cert.der), ...(o.intermediates ?? []).map(parse)],
      checkDate: now,
    });
    const r = await engine.verify();
    // pkijs's resultMessage is English for a technician; the officer needs only the verdict.
    if (!r.result) problems.push('Chứng thư số không thuộc tổ chức cung cấp dịch vụ tin cậy đã cấu hình.');
  }
  return { ok: problems.length === 0, problems };
}

export interface SignFileRequest {
  readonly token: SignatureToken;
  readonly tokenId: string;
  readonly certId?: string | null;
  readonly pin: string | null;
  readonly confirmFinalTry?: boolean;
  readonly input: string;
  readonly output: string;
  readonly visible?: VisibleSignature | null;
  readonly reason?: string;
  readonly location?: string;
  readonly now?: Date;
  readonly trustAnchors?: readonly Uint8Array[];
  readonly fontsDir?: string;
  readonly timestamp?: (signature: Uint8Array) => Promise<Uint8Array>;
}

/** Picks the signing certificate: the one asked for, else the only one that may sign documents now. */
export function pickCertificate(certs: readonly TokenCertificate[], certId: string | null | undefined, now: Date): TokenCertificate {
  if (certId) {
    const c = certs.find((x) => x.id.toLowerCase() === certId.toLowerCase());
    if (!c) throw failure('not_found', 'signing.certNotFound', { certId });
    return c;
  }
  const usable = certs.filter(
    (c) => (!c.keyUsage.length || c.keyUsage.includes('digitalSignature') || c.keyUsage.includes('nonRepudiation')) && now >= new Date(c.notBefore) && now <= new Date(c.notAfter),
  );
  if (usable.length === 1) return usable[0]!;
  if (!usable.length) throw failure('not_found', 'signing.noValidCert');
  throw failure('conflict', 'signing.manyCerts', { count: usable.length });
}

/** The text of a visible signature box (NĐ 30/2020: signer, organisation, time with its zone). */
export function signatureBoxLines(subject: string, now: Date): string[] {
  const cn = /CN=([^,]+)/.exec(subject)?.[1] ?? subject;
  const org = /(?:^|,\s*)O=([^,]+)/.exec(subject)?.[1] ?? '';
  return [`Ký bởi: ${cn}`, ...(org ? [`Cơ quan: ${org}`] : []), `Thời gian: ${vnStamp(now)}`];
}

/** Signs a PDF file with a token: certificate checks, PAdES, atomic write, the input never touched. */
export async function signFile(r: SignFileRequest): Promise<{ output: string; signer: TokenCertificate; warning: string | null }> {
  if (resolve(r.input) === resolve(r.output)) throw failure('invalid_input', 'signing.sameOutput');
  const now = r.now ?? new Date();
  const input = await readFile(r.input).catch(() => {
    throw failure('not_found', 'signing.unreadable', { file: r.input });
  });
  const certs = await r.token.listCertificates(r.tokenId);
  const cert = pickCertificate(certs, r.certId, now);
  // Intermediates on the token (the CA's chain is often stored beside the signer's certificate).
  const intermediates = certs.filter((c) => c.id !== cert.id && c.subject === cert.issuer).map((c) => c.der);
  const check = await checkCertificate(cert, now, { ...(r.trustAnchors ? { trustAnchors: r.trustAnchors } : {}), intermediates });
  if (!check.ok) throw new AppFailure('forbidden', check.problems.join(' '));
  let warning: string | null = null;
  // The Buffer itself, not a copy: pdf-lib then parses streams as views into it (Buffer#slice).
  const increment = await signPdfIncrement(
    input,
    {
      chain: [cert.der, ...intermediates],
      sign: async (tbs) => {
        const res = await r.token.sign({ token: r.tokenId, certId: cert.id, pin: r.pin, data: [tbs], ...(r.confirmFinalTry ? { confirmFinalTry: true } : {}) });
        warning = res.warning;
        return { signature: res.signatures[0]!, keyType: res.keyType };
      },
    },
    {
      signingTime: now,
      signerName: /CN=([^,]+)/.exec(cert.subject)?.[1] ?? cert.subject,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.location ? { location: r.location } : {}),
      ...(r.visible ? { visible: r.visible } : {}),
      ...(r.fontsDir ? { fontsDir: r.fontsDir } : {}),
      ...(r.timestamp ? { timestamp: r.timestamp } : {}),
    },
  );
  const tmp = `${r.output}.${randomUUID()}.tmp`;
  await mkdir(dirname(resolve(r.output)), { recursive: true });
  try {
    // Output = the input, byte for byte, then the incremental update.
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(input);
      await fh.writeFile(increment);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, r.output);
  } finally {
    await rm(tmp, { force: true });
  }
  await stat(r.output);
  return { output: r.output, signer: cert, warning };
}

import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureToken, TokenCertificate } from '../../common/hardware/token';
import { AppFailure, failure } from '../../common/ipc/result';
import { vnDate, vnStamp } from '../../common/domain/vn-format';
import { formatError, type ErrorKey, type ErrorParams } from '../../common/ipc/error-messages';
import type { Notice } from '../../common/ipc/notice';
import { signPdfIncrement, type VisibleSignature } from './pades';

const toAB = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

export interface CertificateCheck {
  readonly ok: boolean;
  /** Each problem in Vietnamese, as the officer reads it. */
  readonly problems: readonly string[];
}

/** One reason a certificate may not sign now, as a catalog key the renderer and CLI word per language. */
export interface CertificateProblem {
  readonly key: ErrorKey;
  readonly params?: ErrorParams;
}

/** A Vietnamese date for a certificate's validity bound (no ISO on screen). */
const certDate = (iso: string) => vnDate(iso);

/**
 * Before a token is asked for anything: the certificate is valid now (and the PC clock is
 * plausible), may sign documents, and — when trust anchors are configured — chains to one.
 */
export async function certificateProblems(cert: TokenCertificate, now: Date, o: { trustAnchors?: readonly Uint8Array[]; intermediates?: readonly Uint8Array[] } = {}): Promise<CertificateProblem[]> {
  const problems: CertificateProblem[] = [];
  if (now.getUTCFullYear() < 2025) problems.push({ key: 'signing.clockWrong' });
  if (now < new Date(cert.notBefore)) problems.push({ key: 'signing.certNotYetValid', params: { from: certDate(cert.notBefore) } });
  if (now > new Date(cert.notAfter)) problems.push({ key: 'signing.certExpired', params: { date: certDate(cert.notAfter) } });
  if (cert.keyUsage.length && !cert.keyUsage.includes('digitalSignature') && !cert.keyUsage.includes('nonRepudiation')) {
    problems.push({ key: 'signing.certKeyUsage' });
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
    if (!r.result) problems.push({ key: 'signing.certUntrusted' });
  }
  return problems;
}

export async function checkCertificate(cert: TokenCertificate, now: Date, o: { trustAnchors?: readonly Uint8Array[]; intermediates?: readonly Uint8Array[] } = {}): Promise<CertificateCheck> {
  const problems = await certificateProblems(cert, now, o);
  return { ok: problems.length === 0, problems: problems.map((p) => formatError(p.key, p.params, 'vi')) };
}

/**
 * The refusal for a certificate that may not sign: keyed by its first problem (the clock before
 * the validity it distorts), with every problem, in Vietnamese, in the message and the details.
 */
export function certificateRefusal(problems: readonly CertificateProblem[]): AppFailure {
  const first = problems[0]!;
  const texts = problems.map((p) => formatError(p.key, p.params, 'vi'));
  const details = problems.length > 1 ? texts.map((message) => ({ path: 'certificate', message })) : undefined;
  return new AppFailure('forbidden', texts.join(' '), details, first.params ? { key: first.key, params: first.params } : { key: first.key });
}

export interface SignRequest {
  readonly token: SignatureToken;
  readonly tokenId: string;
  readonly certId?: string | null;
  readonly pin: string | null;
  readonly confirmFinalTry?: boolean;
  readonly visible?: VisibleSignature | null;
  readonly reason?: string;
  readonly location?: string;
  readonly now?: Date;
  readonly trustAnchors?: readonly Uint8Array[];
  readonly fontsDir?: string;
  readonly timestamp?: (signature: Uint8Array) => Promise<Uint8Array>;
}

export interface SignFileRequest extends SignRequest {
  readonly input: string;
  readonly output: string;
}

/**
 * A signed PDF as two pieces: the input, byte for byte (the same Buffer, not a copy), then the
 * incremental update. Whoever keeps it writes or seals the pieces in turn, so a 50 MB result is
 * never held twice just to be joined.
 */
export interface SignedPdf {
  readonly pieces: readonly [Buffer, Uint8Array];
  readonly signer: TokenCertificate;
  readonly warning: Notice | null;
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

/** The token's certificate to sign with, and the intermediates stored beside it; refused with the reasons when it may not sign now. */
async function chooseCertificate(r: SignRequest, now: Date): Promise<{ cert: TokenCertificate; intermediates: Uint8Array[] }> {
  const certs = await r.token.listCertificates(r.tokenId);
  const cert = pickCertificate(certs, r.certId, now);
  // Intermediates on the token (the CA's chain is often stored beside the signer's certificate).
  const intermediates = certs.filter((c) => c.id !== cert.id && c.subject === cert.issuer).map((c) => c.der);
  const problems = await certificateProblems(cert, now, { ...(r.trustAnchors ? { trustAnchors: r.trustAnchors } : {}), intermediates });
  if (problems.length) throw certificateRefusal(problems);
  return { cert, intermediates };
}

/**
 * Signs PDF bytes held in memory (or on their way there) with a token: certificate checks, then
 * PAdES as an incremental update. No file is read or written, so a sealed document is signed from
 * its in-memory unseal and its signed copy sealed again without a clear byte reaching the disk.
 * Memory: the input (which the caller holds anyway; at most the 50 MB attachment limit) plus what
 * pdf-lib parses of it and the small update.
 */
export async function signPdf(pdf: Uint8Array | Promise<Uint8Array>, r: SignRequest): Promise<SignedPdf> {
  // The bytes may still be coming (a sealed result opening on the unseal thread): the token's
  // certificates are listed and checked meanwhile, the input awaited only when the signer needs it.
  // Its failure is heard there; until then it must not count as unhandled.
  const coming = Promise.resolve(pdf);
  coming.catch(() => undefined);
  const now = r.now ?? new Date();
  let chosen: { cert: TokenCertificate; intermediates: Uint8Array[] };
  try {
    chosen = await chooseCertificate(r, now);
  } catch (e) {
    // The input's own failure is told first, as when it was read before the token was asked: a
    // changed or missing file is what the officer must hear of, not a certificate on the side.
    await coming;
    throw e;
  }
  const { cert, intermediates } = chosen;
  const bytes = await coming;
  // A view, not a copy: pdf-lib then parses streams as views into it (Buffer#slice).
  const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let warning: Notice | null = null;
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
  return { pieces: [input, increment], signer: cert, warning };
}

/** Signs a PDF file with a token into another file (the officer's own files, clear by intent): atomic write, the input never touched. */
export async function signFile(r: SignFileRequest): Promise<{ output: string; signer: TokenCertificate; warning: Notice | null }> {
  if (resolve(r.input) === resolve(r.output)) throw failure('invalid_input', 'signing.sameOutput');
  const input = await readFile(r.input).catch(() => {
    throw failure('not_found', 'signing.unreadable', { file: r.input });
  });
  const { pieces, signer, warning } = await signPdf(input, r);
  const tmp = `${r.output}.${randomUUID()}.tmp`;
  await mkdir(dirname(resolve(r.output)), { recursive: true });
  try {
    const fh = await open(tmp, 'w');
    try {
      for (const p of pieces) await fh.writeFile(p);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, r.output);
  } finally {
    await rm(tmp, { force: true });
  }
  await stat(r.output);
  return { output: r.output, signer, warning };
}

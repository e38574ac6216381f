import type { Notice } from '../../common/ipc/notice';
import { access, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { SignatureToken } from '../../common/hardware/token';
import { failure } from '../../common/ipc/result';
import { pickCertificate, signatureBoxLines, signFile } from './signing-service';
import { verifyPdf } from './verify';

export interface SignDocumentsRequest {
  readonly token: SignatureToken;
  readonly tokenId: string;
  readonly certId: string | null;
  readonly pin: string | null;
  readonly confirmFinalTry?: boolean;
  readonly inputs: readonly string[];
  readonly outDir: string;
  /** A visible box on the last page, bottom right (where Vietnamese documents carry the signature). */
  readonly visible: boolean;
  readonly reason: string | null;
  readonly trustAnchors?: readonly Uint8Array[] | null;
  readonly fontsDir: string;
  readonly now: Date;
  /** After each file (and once before the first): i of n signed, for the progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** `<name>-da-ky.pdf` in outDir, `-2`, `-3`… when taken: a signed copy never replaces anything. */
async function freePath(outDir: string, input: string): Promise<string> {
  const stem = basename(input, extname(input));
  for (let i = 1; ; i++) {
    const p = join(outDir, `${stem}-da-ky${i === 1 ? '' : `-${i}`}.pdf`);
    try {
      await access(p);
    } catch {
      return p;
    }
  }
}

/**
 * Ký số: signs each chosen PDF into a new file beside the others, one after another with the same
 * certificate, then checks each output as a validator would. A failure (wrong PIN, token removed,
 * a broken PDF) stops the batch at that file: what was signed stays signed, and the PIN is never
 * tried again by itself.
 */
export async function signDocuments(r: SignDocumentsRequest): Promise<{ signed: Array<{ fileName: string; path: string; valid: boolean }>; signer: string; warning: Notice | null }> {
  for (const input of r.inputs) {
    if (extname(input).toLowerCase() !== '.pdf') throw failure('invalid_input', 'signing.onlyPdf', { file: basename(input) });
  }
  const cert = pickCertificate(await r.token.listCertificates(r.tokenId), r.certId, r.now);
  const signed: Array<{ fileName: string; path: string; valid: boolean }> = [];
  let warning: Notice | null = null;
  r.onProgress?.(0, r.inputs.length);
  for (const input of r.inputs) {
    const output = await freePath(r.outDir, input);
    const res = await signFile({
      token: r.token,
      tokenId: r.tokenId,
      certId: cert.id,
      pin: r.pin,
      input,
      output,
      ...(r.confirmFinalTry ? { confirmFinalTry: true } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.trustAnchors ? { trustAnchors: r.trustAnchors } : {}),
      visible: r.visible ? { page: -1, x: 330, y: 36, width: 230, height: 62, lines: signatureBoxLines(cert.subject, r.now) } : null,
      fontsDir: r.fontsDir,
      now: r.now,
    });
    warning = res.warning ?? warning;
    const reports = await verifyPdf(await readFile(output), r.trustAnchors ? { trustAnchors: r.trustAnchors } : {});
    const last = reports.at(-1);
    signed.push({ fileName: basename(output), path: output, valid: Boolean(last && last.integrity === 'valid' && last.coversWholeDocument) });
    r.onProgress?.(signed.length, r.inputs.length);
  }
  return { signed, signer: cert.subject, warning };
}

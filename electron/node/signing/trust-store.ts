import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { failure } from '../../common/ipc/result';

/** Certificates from a PEM bundle (one or many) or a single DER file. */
export function certificatesFrom(buf: Buffer): Uint8Array[] {
  const text = buf.toString('latin1');
  if (!text.includes('-----BEGIN')) return [new Uint8Array(buf)];
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
}

/**
 * The trust anchors a unit configures (the root CAs of the licensed signature providers, e.g. the
 * national root): every .pem/.crt/.cer/.der in one folder. No folder configured → null, and
 * signing checks validity and key usage only; a configured folder that cannot be read or holds
 * no certificate is an error, never a silent "trust everything".
 */
export async function loadTrustAnchors(dir: string | null | undefined): Promise<Uint8Array[] | null> {
  if (!dir) return null;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw failure('not_found', 'trust.dirUnreadable', { dir });
  }
  const anchors: Uint8Array[] = [];
  for (const n of names.filter((x) => /\.(pem|crt|cer|der)$/i.test(x)).sort()) anchors.push(...certificatesFrom(await readFile(join(dir, n))));
  if (!anchors.length) throw failure('not_found', 'trust.dirEmpty', { dir });
  return anchors;
}

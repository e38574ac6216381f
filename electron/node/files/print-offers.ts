import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { failure } from '../../common/ipc/result';
import type { DocumentVault } from './document-vault';

/** A receipt is ~100 kB and a form a few hundred: this only keeps a damaged or foreign file from filling the renderer. */
export const PRINT_MAX_BYTES = 20 * 1024 * 1024;
/** The sealed file's header and tag, so a file just at the limit is not refused before it is opened. */
const SEAL_OVERHEAD = 4096;
/** The print views of a working session; older offers go first (a view reads its bytes once, at once). */
const OFFERS_KEPT = 20;

/**
 * Kept documents (sealed at rest) handed to the renderer's print view. The renderer gets an opaque
 * token, never a path, and then the PDF's bytes for it: unsealed in memory here and sent over IPC,
 * so no clear copy is ever written for printing. A token names a sealed path only, so holding it is
 * no secret; still, they all go at sign-out and lock (`clear`).
 */
export class PrintOffers {
  readonly #byToken = new Map<string, string>();

  constructor(private readonly docs: DocumentVault) {}

  offer(keptPath: string): { token: string; name: string } {
    const token = randomUUID();
    this.#byToken.set(token, keptPath);
    for (const old of this.#byToken.keys()) {
      if (this.#byToken.size <= OFFERS_KEPT) break;
      this.#byToken.delete(old);
    }
    return { token, name: basename(keptPath) };
  }

  /** The clear PDF as a data URL, in memory only; an unknown token or an oversized file is a typed failure. */
  async bytes(token: string, maxBytes = PRINT_MAX_BYTES): Promise<{ contentType: 'application/pdf'; dataUrl: string }> {
    const path = this.#byToken.get(token);
    if (!path) throw failure('not_found', 'print.gone');
    // Refused before anything is unsealed: a huge file would otherwise be decrypted only to be dropped.
    const sealed = await stat(path).catch(() => null);
    if (sealed && sealed.size > maxBytes + SEAL_OVERHEAD) throw failure('invalid_input', 'print.tooLarge', { file: basename(path) });
    const plain = await this.docs.read(path);
    if (plain.length > maxBytes) throw failure('invalid_input', 'print.tooLarge', { file: basename(path) });
    return { contentType: 'application/pdf', dataUrl: `data:application/pdf;base64,${plain.toString('base64')}` };
  }

  clear(): void {
    this.#byToken.clear();
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContentStore } from '../../electron/node/files/content-store';
import { record } from './summary';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What decryption adds to the sign, print and upload paths (issue 13: < 10 %). Those paths take a
 * stored, sealed file and hand a tool either a plain temp copy (the signer, the uploader:
 * ContentStore.withPlainFile — decrypt, write 0600, then overwrite with zeros and remove) or the
 * bytes (readVerified — decrypt and check the sha256). The cost is set against signing the same
 * file with the token, the path the goal names; the plain read + sha256 is printed for context,
 * as the least any path does with the file.
 */
export async function benchSealedRead(input: string, dir: string, signMs: number): Promise<void> {
  const files = new ContentStore(join(dir, 'sealed-store'), randomBytes(32));
  const stored = await files.importFile(input);
  const copy: number[] = [];
  const bytes: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    await files.withPlainFile(stored.sha256, async () => undefined);
    copy.push(performance.now() - t0);
    t0 = performance.now();
    if (!(await files.readVerified(stored.sha256))) throw new Error('the sealed file did not read back');
    bytes.push(performance.now() - t0);
    t0 = performance.now();
    createHash('sha256').update(await readFile(input)).digest('hex');
    plain.push(performance.now() - t0);
  }
  const mb = (stored.sizeBytes / 1024 / 1024).toFixed(1);
  record(
    `decrypt a sealed ${mb} MB file to a plain temp copy ÷ signing it`,
    median(copy) / signMs,
    '×',
    { op: '<=', value: 0.1 },
    `${median(copy).toFixed(0)} ms (incl. wiping the copy) vs sign ${signMs.toFixed(0)} ms; median of ${RUNS}`,
  );
  record(`  decrypt + sha256 in memory (readVerified) ÷ plain read + sha256`, median(bytes) / median(plain), '×', null, `${median(bytes).toFixed(0)} ms vs ${median(plain).toFixed(0)} ms; median of ${RUNS}`);
}

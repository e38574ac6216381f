import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContentStore } from '../../electron/node/files/content-store';
import { signPdf } from '../../electron/node/signing/signing-service';
import { ChunkSource, type PositionalReader } from '../../electron/node/sync/chunk-source';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { PIN, SOFTHSM_MODULE } from '../helpers/softhsm';
import { record } from './summary';

const RUNS = 11;
/** The product's tus chunk size (api-types) and checksums on, as the uploader reads a file. */
const TUS_CHUNK = 8 * 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Every chunk of the file through the uploader's chunk source, checksums awaited, as the tus client reads it. */
async function readAsUploader(reader: PositionalReader, size: number): Promise<void> {
  const chunks = new ChunkSource(reader, size, TUS_CHUNK, true);
  for (let at = 0; at < size; ) {
    const c = await chunks.read(at);
    await c.digest;
    at += c.data.length;
  }
}

/**
 * What decryption adds to the sign, print and upload paths (issue 13: < 10 %).
 *
 * Signing: the signer takes the stored, sealed file in memory (`readVerified`: decrypt into one
 * buffer, check it is the content of its name; no clear copy is written), as return signing does.
 * The store writes format v2 (seal-format.ts), whose last chunk's tag is bound to the name, so that
 * check costs no sha256 pass; a file sealed before (v1) is still hashed, and is not what is timed. Set against
 * signing the same file kept clear (read into memory, as `signFile` does), in this process, the
 * two paths in turn run by run so the machine's load falls on both alike. The two paths differ
 * only in how the bytes come into memory, so the figure is that step's paired difference ÷ the
 * clear path; the difference of the whole paths is printed beside it (noisier: the signing itself
 * varies by more than the read).
 *
 * Upload: the uploader reads the file by position through the sealed reader, decrypting into the
 * tus chunks and checking the name as it goes (openVerified: for v2, the last chunk's tag); its extra cost over reading the
 * clear file through the same chunk source is printed, beside the earlier way (a verify pass first,
 * then a second decryption). No goal: it is set against a network upload, which at a provincial
 * link takes seconds for 10 MB.
 */
export async function benchSealedRead(input: string, dir: string, pkiDir: string): Promise<void> {
  // A fresh store each run: the key is new each run, and a file stored under an earlier key would not open.
  rmSync(join(dir, 'sealed-store'), { recursive: true, force: true });
  const files = new ContentStore(join(dir, 'sealed-store'), randomBytes(32));
  const stored = await files.importFile(input);
  const size = stored.sizeBytes;
  process.env.SOFTHSM2_CONF = join(pkiDir, 'softhsm2.conf');
  const token = new Pkcs11Token(SOFTHSM_MODULE);
  const sign = (pdf: Buffer) => signPdf(pdf, { token, tokenId: 'RSA', certId: '01', pin: PIN, reason: 'Ký kết quả' });
  const clearPath = async () => {
    const t0 = performance.now();
    const pdf = await readFile(input);
    const read = performance.now() - t0;
    await sign(pdf);
    return { read, total: performance.now() - t0 };
  };
  const sealedPath = async () => {
    const t0 = performance.now();
    const pdf = await files.readVerified(stored.sha256);
    if (!pdf || pdf.length !== size) throw new Error('the sealed file did not read back');
    const read = performance.now() - t0;
    await sign(pdf);
    return { read, total: performance.now() - t0 };
  };
  try {
    // Modules, the token session and the signer's first parse warmed up before anything is timed.
    await clearPath();
    await sealedPath();
    const clear: number[] = [];
    const sealed: number[] = [];
    const added: number[] = [];
    const addedRead: number[] = [];
    const readClear: number[] = [];
    const readSealed: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which path goes first, so neither always follows the other's garbage.
      let a: { read: number; total: number };
      let b: { read: number; total: number };
      if (i % 2) {
        a = await sealedPath();
        b = await clearPath();
      } else {
        b = await clearPath();
        a = await sealedPath();
      }
      sealed.push(a.total);
      clear.push(b.total);
      added.push(a.total - b.total);
      readSealed.push(a.read);
      readClear.push(b.read);
      addedRead.push(a.read - b.read);
    }
    const mb = (size / 1024 / 1024).toFixed(1);
    record(
      `sign a sealed ${mb} MB file from memory: readVerified − clear readFile, ÷ signing it clear`,
      median(addedRead) / median(clear),
      '×',
      { op: '<=', value: 0.1 },
      `+${median(addedRead).toFixed(1)} ms on ${median(clear).toFixed(0)} ms (readVerified ${median(readSealed).toFixed(1)} ms vs readFile ${median(readClear).toFixed(1)} ms), paired median of ${RUNS}; whole paths: sealed − clear ${median(added).toFixed(1)} ms (sealed ${median(sealed).toFixed(0)} ms); no clear copy on disk`,
    );
  } finally {
    await token.close();
  }

  // The uploader's read of the sealed file, as push.ts does it (openVerified: one decryption, the sha256
  // checked as it goes), beside the way before it (verify, then a second decryption through
  // openSealed) and the clear file through the same chunk source: the three in turn, run by run.
  // CPU time beside wall time: on a shared, loaded machine the wall time is mostly waiting for a core.
  const cpu: Record<string, number[]> = { verified: [], twoPass: [], clear: [] };
  const timed = async (k: string, fn: () => Promise<void>) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const c = process.cpuUsage(c0);
    cpu[k]!.push((c.user + c.system) / 1000);
    return performance.now() - t0;
  };
  const paths = {
    verified: async () => {
      const reader = await files.openVerified(stored.sha256);
      try {
        await readAsUploader(reader, size);
      } finally {
        await reader.close();
      }
    },
    twoPass: async () => {
      if (!(await files.verify(stored.sha256))) throw new Error('the sealed file did not verify');
      const reader = await files.openSealed(stored.sha256);
      try {
        await readAsUploader(reader, size);
      } finally {
        await reader.close();
      }
    },
    clear: async () => {
      const fh = await open(input, 'r');
      try {
        await readAsUploader(fh, size);
      } finally {
        await fh.close();
      }
    },
  };
  const order = ['verified', 'twoPass', 'clear'] as const;
  const times: Record<(typeof order)[number], number[]> = { verified: [], twoPass: [], clear: [] };
  for (const k of order) await paths[k]();
  for (let i = 0; i < RUNS; i++) {
    // Rotate which path goes first, so none always follows another's garbage.
    for (let j = 0; j < order.length; j++) {
      const k = order[(i + j) % order.length]!;
      times[k].push(await timed(k, paths[k]));
    }
  }
  const added = (k: 'verified' | 'twoPass') => median(times[k].map((t, i) => t - times.clear[i]!));
  const mbs = (size / 1024 / 1024).toFixed(1);
  record(
    `  upload read of the sealed ${mbs} MB file (decrypt into 8 MB tus chunks with checksums, checked against its name as it goes: v2, by the last chunk's tag) − the clear file's`,
    added('verified'),
    'ms',
    null,
    `${median(times.verified).toFixed(1)} ms vs ${median(times.clear).toFixed(1)} ms from the clear file; verify first (v2: a decryption, no hash), then decrypt again (before): +${added('twoPass').toFixed(1)} ms (${median(times.twoPass).toFixed(1)} ms); paired medians of ${RUNS}, the three in turn; CPU time (process, all threads) sealed / before / clear ${median(cpu.verified!).toFixed(1)} / ${median(cpu.twoPass!).toFixed(1)} / ${median(cpu.clear!).toFixed(1)} ms; no clear copy on disk`,
  );
}

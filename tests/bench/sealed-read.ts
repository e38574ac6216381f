import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContentStore } from '../../electron/node/files/content-store';
import { ThreadReader } from '../../electron/node/files/thread-reader';
import { UnsealThread } from '../../electron/node/files/unseal-thread';
import { signPdf } from '../../electron/node/signing/signing-service';
import { ChunkSource, type PositionalReader } from '../../electron/node/sync/chunk-source';
import { findWorkerScript } from '../../electron/node/workers/worker-script';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { PIN, SOFTHSM_MODULE } from '../helpers/softhsm';
import { inTurn, median, signed } from './stats';
import { record } from './summary';

const RUNS = 11;
/** The sign paths' differences are a few ms on ~50 ms that vary by more: more pairs. */
const SIGN_RUNS = 21;
/** The product's tus chunk size (api-types) and checksums on, as the uploader reads a file. */
const TUS_CHUNK = 8 * 1024 * 1024;

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
 * Signing: return signing hands the signer the stored, sealed file as it opens (`readVerified`:
 * decrypted on the unseal thread into one buffer, checked to be the content of its name; no clear
 * copy is written), and the signer lists and checks the token's certificates meanwhile. Set against
 * signing the same file kept clear, handed over the same way (its `readFile` under way while the
 * certificates are read), in this process, the paths in turn run by run so the machine's load falls
 * on all alike. The figure is the whole paths' paired difference ÷ the clear path: what the officer
 * waits for more. Beside it, the way before (decrypted on the signer's own thread, first), and the
 * read step alone.
 *
 * Upload: the uploader reads the file by position, decrypted on the unseal thread into the tus
 * chunks and checked against its name as it goes (openVerified: for v2, the last chunk's tag); its extra cost over reading the
 * clear file through the same chunk source is printed, beside the earlier way (a verify pass first,
 * then a second decryption). No goal: it is set against a network upload, which at a provincial
 * link takes seconds for 10 MB.
 */
export async function benchSealedRead(input: string, dir: string, pkiDir: string): Promise<void> {
  // A fresh store each run: the key is new each run, and a file stored under an earlier key would not open.
  rmSync(join(dir, 'sealed-store'), { recursive: true, force: true });
  const master = randomBytes(32);
  const script = findWorkerScript('unseal-worker');
  if (!script) throw new Error('no unseal worker bundle beside the bench (scripts/bench.mjs builds it)');
  const unsealer = new UnsealThread(script);
  const files = new ContentStore(join(dir, 'sealed-store'), master, unsealer);
  const filesHere = new ContentStore(join(dir, 'sealed-store'), master);
  const stored = await files.importFile(input);
  const size = stored.sizeBytes;
  process.env.SOFTHSM2_CONF = join(pkiDir, 'softhsm2.conf');
  const token = new Pkcs11Token(SOFTHSM_MODULE);
  const sign = (pdf: Promise<Uint8Array>) => signPdf(pdf, { token, tokenId: 'RSA', certId: '01', pin: PIN, reason: 'Ký kết quả' });
  const checked = (b: Buffer | null) => {
    if (!b || b.length !== size) throw new Error('the sealed file did not read back');
    return b;
  };
  /** One path: the whole, and when its bytes were all in memory. */
  const run = async (bytes: () => Promise<Uint8Array>) => {
    const t0 = performance.now();
    let read = 0;
    await sign(bytes().then((b) => ((read = performance.now() - t0), b)));
    return { read, total: performance.now() - t0 };
  };
  const signPaths = {
    clear: () => run(() => readFile(input)),
    sealed: () => run(() => files.readVerified(stored.sha256).then(checked)),
    here: () => run(async () => checked(await filesHere.readVerified(stored.sha256))),
  };
  try {
    // Modules, the token session, the unseal thread and the signer's first parse warmed up before anything is timed.
    await inTurn(1, signPaths);
    const t = await inTurn(SIGN_RUNS, signPaths);
    // A thread that failed falls back to the reader's: the figure would then time the way before, under this one's name.
    if (unsealer.opened.here || !unsealer.opened.onThread) throw new Error(`the unseal thread did not open the file (${JSON.stringify(unsealer.opened)})`);
    const added = (k: 'sealed' | 'here', f: 'read' | 'total') => median(t[k].map((x, i) => x[f] - t.clear[i]![f]));
    const clear = median(t.clear.map((x) => x.total));
    const mb = (size / 1024 / 1024).toFixed(1);
    record(
      `sign a sealed ${mb} MB file (opened on the unseal thread while the token's certificates are read) − the clear file, ÷ signing it clear`,
      added('sealed', 'total') / clear,
      '×',
      { op: '<=', value: 0.1 },
      `${signed(added('sealed', 'total'))} ms on ${clear.toFixed(0)} ms (sealed ${median(t.sealed.map((x) => x.total)).toFixed(0)} ms), paired median of ${SIGN_RUNS}, the paths in turn; bytes in memory after ${median(t.sealed.map((x) => x.read)).toFixed(1)} ms vs ${median(t.clear.map((x) => x.read)).toFixed(1)} ms clear; decrypted first on the signer's thread (before): ${signed(added('here', 'total'))} ms (its read ${signed(added('here', 'read'))} ms); no clear copy on disk`,
    );
  } finally {
    await token.close();
  }
  try {
    await benchUploadRead(files, input, stored.sha256, size);
  } finally {
    await unsealer.close();
  }
}

/**
 * The uploader's read of the sealed file, as push.ts does it (openVerified: decrypted on the unseal
 * thread into the chunk source's shared buffers, the name checked as it goes), beside the way
 * before it (verify, then a second decryption through openSealed, on this thread) and the clear
 * file through the same chunk source: the three in turn, run by run. CPU time beside wall time: on
 * a shared, loaded machine the wall time is mostly waiting for a core.
 */
async function benchUploadRead(files: ContentStore, input: string, sha256: string, size: number): Promise<void> {
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
      const reader = await files.openVerified(sha256);
      if (!(reader instanceof ThreadReader)) throw new Error('the upload read did not run on the unseal thread');
      try {
        await readAsUploader(reader, size);
      } finally {
        await reader.close();
      }
    },
    twoPass: async () => {
      if (!(await files.verify(sha256))) throw new Error('the sealed file did not verify');
      const reader = await files.openSealed(sha256);
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
  await inTurn(1, paths);
  const times = await inTurn(RUNS, { verified: () => timed('verified', paths.verified), twoPass: () => timed('twoPass', paths.twoPass), clear: () => timed('clear', paths.clear) });
  const added = (k: 'verified' | 'twoPass') => median(times[k].map((t, i) => t - times.clear[i]!));
  const mbs = (size / 1024 / 1024).toFixed(1);
  record(
    `  upload read of the sealed ${mbs} MB file (decrypted on the unseal thread into 8 MB tus chunks with checksums, checked against its name as it goes: v2, by the last chunk's tag) − the clear file's`,
    added('verified'),
    'ms',
    null,
    `${median(times.verified).toFixed(1)} ms vs ${median(times.clear).toFixed(1)} ms from the clear file; verify first (v2: a decryption, no hash), then decrypt again (before): +${added('twoPass').toFixed(1)} ms (${median(times.twoPass).toFixed(1)} ms); paired medians of ${RUNS}, the three in turn; CPU time (process, all threads) sealed / before / clear ${median(cpu.verified!).toFixed(1)} / ${median(cpu.twoPass!).toFixed(1)} / ${median(cpu.clear!).toFixed(1)} ms; no clear copy on disk`,
  );
}

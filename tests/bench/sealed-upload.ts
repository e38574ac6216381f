import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContentStore } from '../../electron/node/files/content-store';
import type { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { record } from './summary';

/** Each pair's two uploads differ by a few ms on ~150 ms that vary by more: pairs, in turn. */
const PAIRS = 9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What decryption adds to the upload path (issue 13: < 10 %): the same file uploaded whole by tus
 * (8 MB chunks, sha256 per chunk) to the reference server in its own process, once from the
 * content store as push.ts sends an attachment (sealed; `openVerified`: decrypted chunk by chunk
 * into the tus chunks and checked against its name as it goes, no clear copy on disk), once from
 * the clear file by path. The two in turn, pair by pair, so the machine's load falls on both
 * alike; the figure is the median of the paired differences ÷ the clear upload's median.
 * Loopback is the hardest case for it: at a provincial link's speed the wire takes seconds for
 * 50 MB and the decryption's few tens of ms vanish in it.
 */
export async function benchSealedUpload(api: ProvincialApi, input: string, dir: string): Promise<void> {
  const root = join(dir, 'sealed-upload');
  rmSync(root, { recursive: true, force: true });
  const files = new ContentStore(root, randomBytes(32));
  const stored = await files.importFile(input);
  const size = stored.sizeBytes;
  const metadata = { filename: 'scan.pdf', contentType: 'application/pdf', sha256: stored.sha256 };
  const upload = async (source: 'clear' | 'sealed') => {
    const reader = source === 'sealed' ? await files.openVerified(stored.sha256) : null;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      const r = await api.upload({ ...(reader ? { reader } : { path: input }), size, sha256: stored.sha256, metadata, uploadUrl: null, onUrl: () => undefined });
      if (r.kind !== 'ok') throw new Error(`upload failed: ${JSON.stringify(r)}`);
    } finally {
      await reader?.close();
    }
    // A reader that failed its check would have kept the last chunk back: the upload above could not have ended ok.
    if (reader?.failure) throw reader.failure;
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu[source].push((c.user + c.system) / 1000);
    return wall;
  };
  const times = { clear: [] as number[], sealed: [] as number[] };
  const cpu = { clear: [] as number[], sealed: [] as number[] };
  // Connections, the server's first upload and the modules warmed before anything is timed.
  await upload('clear');
  await upload('sealed');
  cpu.clear.length = cpu.sealed.length = 0;
  for (let i = 0; i < PAIRS; i++) {
    const order = i % 2 ? (['sealed', 'clear'] as const) : (['clear', 'sealed'] as const);
    for (const k of order) times[k].push(await upload(k));
  }
  const added = median(times.sealed.map((t, i) => t - times.clear[i]!));
  const clear = median(times.clear);
  const mb = (size / 1024 / 1024).toFixed(0);
  record(
    `upload a sealed ${mb} MB attachment as sync sends it (tus, checksums, decrypted as it goes) − the clear file's, ÷ the clear upload`,
    added / clear,
    '×',
    { op: '<=', value: 0.1 },
    `${added >= 0 ? '+' : ''}${added.toFixed(1)} ms on ${clear.toFixed(0)} ms (sealed ${median(times.sealed).toFixed(0)} ms), paired median of ${PAIRS}, in turn; to the reference server on loopback, which shares the 2 cores: this process's CPU (all threads) ${median(cpu.sealed).toFixed(0)} ms sealed vs ${median(cpu.clear).toFixed(0)} ms clear`,
  );
  rmSync(root, { recursive: true, force: true });
}

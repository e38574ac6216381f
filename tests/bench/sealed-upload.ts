import { performance } from 'node:perf_hooks';
import type { ContentStore } from '../../electron/node/files/content-store';
import { ThreadReader } from '../../electron/node/files/thread-reader';
import type { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { inTurn, median, signed } from './stats';
import { record } from './summary';

/** Each pair's two uploads differ by tens of ms on 200–300 ms that vary by as much: pairs, in turn. */
const PAIRS = 9;
type Source = 'clear' | 'sealed';

/**
 * What decryption adds to the upload path (issue 13: < 10 %): the same file uploaded whole by tus
 * (8 MB chunks, sha256 per chunk) to the reference server in its own process, once from `files`
 * (the app's content store) as push.ts sends an attachment (sealed; `openVerified`: decrypted on the
 * unseal thread straight into the tus chunks and checked against its name as it goes, no clear copy
 * on disk),
 * once from the clear file by path. The two in turn, pair by pair, so the machine's load falls on
 * both alike; the figure is the median of the paired differences ÷ the clear upload's median.
 * Loopback is the hardest case for it: at a provincial link's speed the wire takes seconds for
 * 50 MB and the decryption's few tens of ms vanish in it.
 */
export async function benchSealedUpload(api: ProvincialApi, input: string, files: ContentStore): Promise<void> {
  const stored = await files.importFile(input);
  const size = stored.sizeBytes;
  const metadata = { filename: 'scan.pdf', contentType: 'application/pdf', sha256: stored.sha256 };
  /** One upload: its wall time and this process's CPU (all threads), in ms. */
  const upload = async (source: Source) => {
    const reader = source === 'sealed' ? await files.openVerified(stored.sha256) : null;
    // Read on this thread instead (the thread failed), the figure would time another path under this one's name.
    if (reader && !(reader instanceof ThreadReader)) throw new Error('the sealed upload did not decrypt on the unseal thread');
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
    const c = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  };
  // Connections, the server's first upload and the modules warmed before anything is timed.
  await upload('clear');
  await upload('sealed');
  const runs = await inTurn(PAIRS, { clear: () => upload('clear'), sealed: () => upload('sealed') });
  const wall = (k: Source) => runs[k].map((r) => r.wall);
  const cpu = (k: Source) => median(runs[k].map((r) => r.cpu)).toFixed(0);
  const added = median(wall('sealed').map((t, i) => t - wall('clear')[i]!));
  const clear = median(wall('clear'));
  record(
    `upload a sealed ${(size / 1024 / 1024).toFixed(0)} MB attachment as sync sends it (tus, checksums, decrypted as it goes) − the clear file's, ÷ the clear upload`,
    added / clear,
    '×',
    { op: '<=', value: 0.1 },
    `${signed(added)} ms on ${clear.toFixed(0)} ms (sealed ${median(wall('sealed')).toFixed(0)} ms), paired median of ${PAIRS}, in turn; to the reference server on loopback, which shares the 2 cores: this process's CPU (all threads) ${cpu('sealed')} ms sealed vs ${cpu('clear')} ms clear`,
  );
}

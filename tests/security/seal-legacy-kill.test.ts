import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataLayout } from '../../electron/node/config/paths';
import { readDocumentSealed } from '../../electron/node/files/document-vault';
import { isSealed, sealBuffer, sealVersion, unsealToBuffer } from '../../electron/node/files/sealed-file';
import { tempDir } from '../helpers/tmp';

const PRELOAD = join(__dirname, 'fixtures', 'kill-at-fs-call-preload.mjs');
const MARKER = 'GIAY-TO-CU-CHUA-NIEM-PHONG-9d41e7';
/** Names only a kill may leave behind (seal-legacy.ts), and the temp names of an atomic write. */
const LEFTOVER = /\.(clear|sealing|tmp)$/;
const WORKING_COPY = 'files/returns/0f8b5c2e-3a41-4d8e-9b7a-1c2d3e4f5a6b.pdf';
/** A receipt an older version had already sealed (v1, unbound): left as it is. */
const PRE_SEALED = 'files/receipts/da-niem-phong.pdf';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (label: string, pad: number) => Buffer.from(`%PDF-1.4\n% ${MARKER} ${label}\n${'x'.repeat(pad)}\n%%EOF\n`, 'latin1');

/**
 * A data directory as a version before sealing left it (its database is not the pass's business):
 * clear scans under files/sha256, clear receipts, a result, day-close reports, a result working
 * copy the pass wipes, and one receipt a newer version already wrote sealed. Returns each kept
 * file's relative path and clear bytes.
 */
function legacyDataDir(dir: string, master: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const put = (rel: string, bytes: Buffer, onDisk = bytes) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, rel), onDisk, { mode: 0o644 });
    files.set(rel, bytes);
  };
  for (const [i, pad] of [40, 70_000, 200_000, 600_000].entries()) {
    const scan = pdf(`scan ${i}`, pad);
    const h = sha(scan);
    put(`files/sha256/${h.slice(0, 2)}/${h}`, scan);
  }
  for (let i = 0; i < 3; i++) put(`files/receipts/giay-tiep-nhan-${i}.pdf`, pdf(`receipt ${i}`, 3_000 * (i + 1)));
  put(PRE_SEALED, pdf('sealed already', 500), sealBuffer(master, pdf('sealed already', 500)));
  put('files/returns/ket-qua.pdf', pdf('result', 90_000));
  put('reports/bao-cao-2026-11-30-chot.pdf', pdf('report', 20_000));
  put('reports/bao-cao-2026-11-30-chot-da-ky.pdf', pdf('signed report', 25_000));
  mkdirSync(join(dir, 'files', 'returns'), { recursive: true });
  writeFileSync(join(dir, WORKING_COPY), pdf('working copy', 90_000));
  return files;
}

function everyFile(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Each kept file once under its own name, whole: its clear bytes, or sealed and opening to them; nothing else but a kill's leftovers. */
async function eachFileOnce(dir: string, files: Map<string, Buffer>, master: Buffer, when: string): Promise<Array<'clear' | 'sealed'>> {
  const states: Array<'clear' | 'sealed'> = [];
  for (const [rel, clear] of files) {
    const p = join(dir, rel);
    expect(existsSync(p), `${rel} is never lost (${when})`).toBe(true);
    const bytes = readFileSync(p);
    if (isSealed(bytes)) {
      // Stored scans are sealed bound to their content's sha256 (v2) and open only under it; documents
      // bound to their file name (v2), but the one an older version had sealed already (v1).
      const stored = rel.startsWith('files/sha256/');
      const version = rel === PRE_SEALED ? 1 : 2;
      expect(sealVersion(bytes), `${rel} sealed as v${version} (${when})`).toBe(version);
      const opened = stored ? await unsealToBuffer(master, p, Buffer.from(basename(rel), 'hex')) : await readDocumentSealed(master, p);
      expect(opened.equals(clear), `${rel} opens to its own bytes (${when})`).toBe(true);
      states.push('sealed');
    } else {
      expect(bytes.equals(clear), `${rel} is the whole clear file (${when})`).toBe(true);
      states.push('clear');
    }
  }
  const others = everyFile(dir).filter((f) => !files.has(f) && !LEFTOVER.test(f) && f !== WORKING_COPY && f !== 'files/.documents-sealed');
  expect(others, `no file appears twice under another name (${when})`).toEqual([]);
  return states;
}

/** After a completed pass: every file sealed and whole, no leftovers, the working copy wiped, the marker written, and the marker text nowhere in clear. */
async function sealedAndClean(dir: string, files: Map<string, Buffer>, master: Buffer, when: string): Promise<void> {
  expect(await eachFileOnce(dir, files, master, when)).toEqual([...files.keys()].map(() => 'sealed'));
  expect(everyFile(dir).filter((f) => LEFTOVER.test(f)), `leftovers (${when})`).toEqual([]);
  expect(existsSync(join(dir, WORKING_COPY)), `the working copy is wiped (${when})`).toBe(false);
  expect(existsSync(dataLayout(dir).legacySealedMarker), `the marker is written (${when})`).toBe(true);
  for (const f of everyFile(dir)) expect(readFileSync(join(dir, f)).includes(MARKER), `clear bytes in ${f} (${when})`).toBe(false);
}

/** A small seeded generator, so a failing run can be replayed from the seed in its message. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

// Each test starts 20 to 40 processes that fsync a dozen files: minutes on a loaded CI machine, hence the long timeouts.
describe('the one-time sealing pass of legacy scans and documents, killed at random points', () => {
  const t = tempDir('motcua-seal-legacy-kill-');
  const master = randomBytes(32);
  const env = { ...process.env, MOTCUA_TEST_FILE_KEY: master.toString('hex') };
  const child = join(t.dir, 'seal-legacy-child.cjs');
  const template = join(t.dir, 'template');
  let files: Map<string, Buffer>;
  let steps = 0;
  let passMs = 0;
  const seed = Date.now() % 2 ** 31;
  const random = rng(seed);

  const run = (dir: string, extra: Record<string, string> = {}) => spawnSync(process.execPath, [child, dir], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 60_000 });

  beforeAll(() => {
    buildSync({ entryPoints: [join(__dirname, 'fixtures', 'seal-legacy-child.ts')], outfile: child, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning' });
    files = legacyDataDir(template, master);
    // One clean run, counted and timed: the kill points are spread over its steps and its time.
    const counted = join(t.dir, 'counted');
    cpSync(template, counted, { recursive: true });
    const countFile = join(t.dir, 'count');
    const t0 = performance.now();
    const r = run(counted, { NODE_OPTIONS: `--import ${PRELOAD}`, MOTCUA_TEST_COUNT_TO: countFile });
    passMs = performance.now() - t0;
    expect(r.status, r.stderr).toBe(0);
    steps = Number(readFileSync(countFile, 'utf8'));
  });
  afterAll(() => t.cleanup());

  it('SIGKILL at 20 random file-system steps: each file stays whole, clear or sealed, once; the rerun seals everything and leaves no clear byte', async () => {
    expect(steps, 'the pass has enough steps to kill between').toBeGreaterThan(40);
    // One random step in each twentieth of the pass: random points, spread over the whole pass.
    const points = Array.from({ length: 20 }, (_, i) => 1 + Math.floor(((i + random()) * steps) / 20));
    const seen = new Set<string>();
    for (const [i, at] of points.entries()) {
      const when = `killed at step ${at} of ${steps}, seed ${seed}`;
      const dir = join(t.dir, `step-${i}`);
      cpSync(template, dir, { recursive: true });
      const killed = run(dir, { NODE_OPTIONS: `--import ${PRELOAD}`, MOTCUA_TEST_KILL_AT: String(at) });
      expect(killed.signal, when).toBe('SIGKILL');
      const states = await eachFileOnce(dir, files, master, when);
      seen.add(states.join(','));
      const again = run(dir);
      expect(again.status, `${when}: ${again.stderr}`).toBe(0);
      await sealedAndClean(dir, files, master, `rerun after ${when}`);
    }
    // The kills fell at different moments of the pass: before any file was sealed, and with some sealed, some not.
    expect([...seen].some((s) => s.includes('clear') && s.includes('sealed')), [...seen].join(' | ')).toBe(true);
    expect(seen.size, [...seen].join(' | ')).toBeGreaterThan(3);
  }, 400_000);

  it('SIGKILL after 10 random delays: the same, whatever the moment', async () => {
    for (let i = 0; i < 10; i++) {
      // Delays up to the length of a whole run (start included): some kills land in the start, some in the pass, some after it.
      const delay = Math.floor(random() * passMs);
      const when = `killed after ${delay} ms of a ${passMs.toFixed(0)} ms run, seed ${seed}`;
      const dir = join(t.dir, `delay-${i}`);
      cpSync(template, dir, { recursive: true });
      const p = spawn(process.execPath, [child, dir], { env, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => p.on('exit', () => resolve()));
      await new Promise((r) => setTimeout(r, delay));
      p.kill('SIGKILL');
      await exited;
      await eachFileOnce(dir, files, master, when);
      const again = run(dir);
      expect(again.status, `${when}: ${again.stderr}`).toBe(0);
      await sealedAndClean(dir, files, master, `rerun after ${when}`);
    }
  }, 400_000);
});

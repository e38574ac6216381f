import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchStore } from './store.bench';
import { benchIntake } from './intake.bench';
import { benchUi } from './ui.bench';
import { benchPrinter } from './printer.bench';
import { benchSync } from './sync.bench';
import { benchSigning } from './signing.bench';
import { benchCli } from './cli.bench';
import { adopt, recorded, writeSummary, type Figure } from './summary';

const BENCHES: Record<string, (o: { dossiers: number }) => Promise<void>> = {
  store: () => benchStore(),
  intake: (o) => benchIntake(o),
  printer: () => benchPrinter(),
  sync: () => benchSync(),
  signing: () => benchSigning(),
  ui: () => benchUi(),
  cli: () => benchCli(),
};

/**
 * Runs every bench (or those named: `npm run bench -- intake cli`), each to its end even when an earlier one crashed, and
 * writes the summary. Goals are reported, not asserted: the exit code is non-zero only when a
 * bench crashed, so a run that measured everything always exits 0.
 *
 * Each bench runs in a process of its own (`__bench-child`), as the app's processes are its own:
 * one bench's heap, timers and workers must not weigh on the next. In one process the UI bench's
 * in-process host ran after the 1M-dossier benches had grown the heap, and its Enter → saved p99
 * read 121 ms in a whole run against 58 ms when run alone.
 */
async function main(): Promise<number> {
  if (process.argv[2] === '__sign-child') return 0; // a signing run in its own process (signing.bench.ts)
  if (process.argv[2] === '__bench-child') return benchChild(process.argv[3]!, process.argv[4]!);
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !BENCHES[n]);
  if (unknown.length) {
    process.stderr.write(`unknown bench "${unknown.join(', ')}"; one of: ${Object.keys(BENCHES).join(', ')}\n`);
    return 2;
  }
  process.stdout.write(
    `Một Cửa Desk benchmarks — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n\n`,
  );
  const dir = join(process.cwd(), '.tmp', 'bench');
  const ran: string[] = [];
  const crashed: string[] = [];
  for (const name of Object.keys(BENCHES)) {
    if (only.length && !only.includes(name)) continue;
    process.stdout.write(`— ${name}\n`);
    const out = join(dir, `figures-${name}.json`);
    rmSync(out, { force: true });
    // The same flags (--expose-gc, source maps) and environment (BENCH_DOSSIERS, BENCH_SIGN_MB) as this process.
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '__bench-child', name, out], { stdio: 'inherit' });
    let figures: Figure[] = [];
    try {
      figures = JSON.parse(readFileSync(out, 'utf8')) as Figure[];
    } catch {
      // No figures file: the child died before writing one (a crash is reported below).
    }
    adopt(figures);
    rmSync(out, { force: true });
    if (r.status === 0) ran.push(name);
    else {
      crashed.push(name);
      process.stderr.write(`bench ${name} crashed (exit ${r.status ?? r.signal})\n`);
    }
    process.stdout.write('\n');
  }
  // A partial run keeps its own file, so it never passes for (or overwrites) a whole run's summary.
  const file = only.length ? `summary-${only.join('-')}.json` : 'summary.json';
  writeSummary(join(dir, file), { crashed, ran });
  return crashed.length ? 1 : 0;
}

/** One bench in this process; its figures, even those recorded before a crash, go to `out` for the parent's summary. */
async function benchChild(name: string, out: string): Promise<number> {
  const dossiers = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
  let code = 0;
  try {
    await BENCHES[name]!({ dossiers });
  } catch (e) {
    code = 1;
    process.stderr.write(`bench ${name} crashed: ${(e as Error)?.stack ?? String(e)}\n`);
  }
  writeFileSync(out, JSON.stringify(recorded()));
  return code;
}

void main().then(
  (code) => {
    if (process.argv[2] !== '__sign-child') process.exit(code);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

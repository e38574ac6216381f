import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchStore } from './store.bench';
import { benchIntake } from './intake.bench';
import { benchUi } from './ui.bench';
import { benchPrinter } from './printer.bench';
import { benchSync } from './sync.bench';
import { benchSigning } from './signing.bench';
import { benchCli } from './cli.bench';
import { writeSummary } from './summary';

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
 */
async function main(): Promise<number> {
  if (process.argv[2] === '__sign-child') return 0; // a signing run in its own process (signing.bench.ts)
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !BENCHES[n]);
  if (unknown.length) {
    process.stderr.write(`unknown bench "${unknown.join(', ')}"; one of: ${Object.keys(BENCHES).join(', ')}\n`);
    return 2;
  }
  process.stdout.write(
    `Một Cửa Desk benchmarks — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n\n`,
  );
  const dossiers = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
  const ran: string[] = [];
  const crashed: string[] = [];
  for (const [name, run] of Object.entries(BENCHES)) {
    if (only.length && !only.includes(name)) continue;
    process.stdout.write(`— ${name}\n`);
    try {
      await run({ dossiers });
      ran.push(name);
    } catch (e) {
      crashed.push(name);
      process.stderr.write(`bench ${name} crashed: ${(e as Error)?.stack ?? String(e)}\n`);
    }
    process.stdout.write('\n');
  }
  // A partial run keeps its own file, so it never passes for (or overwrites) a whole run's summary.
  const file = only.length ? `summary-${only.join('-')}.json` : 'summary.json';
  writeSummary(join(process.cwd(), '.tmp', 'bench', file), { crashed, ran });
  return crashed.length ? 1 : 0;
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

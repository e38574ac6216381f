import { cpus } from 'node:os';
import { benchStore } from './store.bench';
import { benchIntake } from './intake.bench';
import { benchUi } from './ui.bench';
import { benchPrinter } from './printer.bench';
import { benchSync } from './sync.bench';
import { benchSigning } from './signing.bench';

async function main() {
  if (process.argv[2] === '__sign-child') return; // a signing run in its own process (signing.bench.ts)
  process.stdout.write(`Một Cửa Desk benchmarks — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores\n\n`);
  const only = process.argv[2];
  const dossiers = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
  if (!only || only === 'store') await benchStore();
  if (!only || only === 'intake') await benchIntake({ dossiers });
  if (!only || only === 'printer') await benchPrinter();
  if (!only || only === 'sync') await benchSync();
  if (!only || only === 'signing') await benchSigning();
  if (!only || only === 'ui') await benchUi();
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { cpus } from 'node:os';
import { benchStore } from './store.bench';

async function main() {
  process.stdout.write(`Một Cửa Desk benchmarks — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores\n\n`);
  await benchStore();
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// `npm run fuzz`: the fuzz properties of tests/security/fuzz-*.test.ts with large budgets — at least
// 1,000,000 CCCD QR payloads, 500 damaged PDFs through the signer and 100 inputs per IPC channel —
// and a fresh seed (printed, so a failure can be replayed with FUZZ_SEED=…). The normal test run
// keeps small budgets and a fixed seed. Prints, per property: inputs tried, refused cleanly,
// accepted, failures. Budgets can be changed with FUZZ_CCCD_RUNS, FUZZ_PDF_RUNS, FUZZ_IPC_RUNS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.tmp', 'fuzz');
mkdirSync(dir, { recursive: true });
const report = join(dir, 'tally.jsonl');
rmSync(report, { force: true });
const env = {
  ...process.env,
  FUZZ_CCCD_RUNS: process.env.FUZZ_CCCD_RUNS ?? '1000000',
  FUZZ_PDF_RUNS: process.env.FUZZ_PDF_RUNS ?? '500',
  FUZZ_IPC_RUNS: process.env.FUZZ_IPC_RUNS ?? '100',
  FUZZ_SEED: process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31)),
  FUZZ_REPORT: report,
};
process.stdout.write(`fuzz: seed ${env.FUZZ_SEED}; CCCD ${env.FUZZ_CCCD_RUNS}, PDF ${env.FUZZ_PDF_RUNS}, IPC ${env.FUZZ_IPC_RUNS} per channel\n`);
// The signer and the IPC properties run the real app code from source (vitest), like the tests.
const files = ['tests/security/fuzz-cccd.test.ts', 'tests/security/fuzz-pdf-signer.test.ts', 'tests/security/fuzz-ipc.test.ts'];
const r = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'integration', '--no-file-parallelism', ...files], { cwd: root, env, stdio: 'inherit' });
const rows = existsSync(report) ? readFileSync(report, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
process.stdout.write('\nproperty      tried       refused     accepted    failures\n');
for (const t of rows) {
  process.stdout.write(`${t.property.padEnd(13)} ${String(t.tried).padEnd(11)} ${String(t.refused).padEnd(11)} ${String(t.accepted).padEnd(11)} ${t.failures}\n`);
}
const failures = rows.reduce((n, t) => n + t.failures, 0);
process.stdout.write(`\nfailures=${failures}${r.status === 0 ? '' : ` (vitest exit ${r.status ?? r.signal})`}\n`);
process.exit(r.status === 0 && failures === 0 && rows.length === files.length ? 0 : 1);

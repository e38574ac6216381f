// `npm test`: the whole gate, in the order a failure is cheapest to see — test tools, build,
// type-check (per-layer projects), lint (layering included), then unit, integration and
// end-to-end tests in one vitest run. Ends with one `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const step = (title, cmd, args, opts = {}) => {
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    process.stdout.write(`\n${title}: FAILED (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status || 1);
  }
};

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  process.stderr.write('Chưa cài đặt: chạy npm run setup trước (not installed: run npm run setup first).\n');
  process.exit(1);
}
step('test tools (Debian)', 'bash', [join(root, 'scripts', 'ensure-tools.sh')]);
step('build', process.execPath, [join(root, 'scripts', 'build.mjs')]);
step('type-check', bin('tsc'), ['-b', 'tsconfig.json']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);

mkdirSync(join(root, 'test-results'), { recursive: true });
const report = join(root, 'test-results', 'vitest.json');
const extra = process.argv.slice(2);
process.stdout.write('\n== tests (unit, integration, e2e)\n');
// The run's temp files go to a folder of its own: tests write test citizens' receipts and keys
// there, and whatever a test forgot to remove is found below instead of piling up in the OS's.
const runTmp = mkdtempSync(join(tmpdir(), 'motcua-tests-'));
const r = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TMPDIR: runTmp, TMP: runTmp, TEMP: runTmp },
});
// Ours (motcua-*) left behind fail the gate; the tools' own (Chromium, Playwright) are only named.
const left = readdirSync(runTmp);
const ours = left.filter((n) => n.startsWith('motcua-'));
if (left.length) process.stdout.write(`\ntemp files left by the tests: ${left.join(', ')}\n`);
rmSync(runTmp, { recursive: true, force: true });
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests ?? 0;
  // A failed file or hook fails no test of its own; a failed test also fails its file and describe, not counted again.
  failed = j.numFailedTests || j.numFailedTestSuites || 0;
  skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}
if (r.status !== 0 && failed === 0) failed = 1; // the runner itself failed
if (ours.length) {
  process.stdout.write(`tests left ${ours.length} of their own temp files or folders behind (each test removes what it makes)\n`);
  failed++;
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(r.status === 0 && failed === 0 && passed > 0 ? 0 : 1);

// `npm run api:dev`: the reference provincial API on 127.0.0.1 (a dev/test tool, not product).
// Options: --port <n> (default 8787), --data <dir> (SQLite + files; default .tmp/api-dev),
// --faults <rate> (e.g. 0.3 for 30 % mixed failures), --fault-kinds 500,503,429,reset,delay,commitThenTimeout,commitThenReset,
// --delay-ms, --stall-ms, --retry-after <s>, --seed <n> (the fault mix of a test or bench).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.tmp', 'api-dev', 'server.mjs');
await build({ entryPoints: [join(root, 'tests', 'reference-server', 'main.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning', absWorkingDir: root });
mkdirSync(join(root, '.tmp', 'api-dev'), { recursive: true });
await import(pathToFileURL(out).href);

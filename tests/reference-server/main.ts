import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from './server';
import { NO_FAULTS, type FaultKind } from './faults';
import { DEFAULT_OFFICERS } from './officers';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const num = (name: string, fallback: number) => (arg(name) === undefined ? fallback : Number(arg(name)));
const dataDir = arg('--data') ?? join(process.cwd(), '.tmp', 'api-dev');
mkdirSync(dataDir, { recursive: true });
const rate = Number(arg('--faults') ?? 0);
const server = await startReferenceServer({
  port: Number(arg('--port') ?? 8787),
  dbPath: join(dataDir, 'server.sqlite3'),
  filesDir: join(dataDir, 'files'),
  resourcesDir: join(process.cwd(), 'resources'),
  // A province admin, so a counter can be set up from nothing by hand (the first admin signs in online).
  officers: [...DEFAULT_OFFICERS, { username: 'quantri', password: 'quantri-tinh', officerId: 'qt-tinh', hoTen: 'Quản Trị Tỉnh', roles: ['admin'] }],
  seed: num('--seed', 1),
  boPhanMotCua: { ten: 'Bộ phận Một cửa xã Tân Phú', diaDiem: 'Tân Phú', soDienThoai: '0272 3811 234' },
});
const kinds = (arg('--fault-kinds')?.split(',') ?? ['500', '503', '429', 'reset', 'delay', 'commitThenTimeout']) as FaultKind[];
server.faults = {
  ...NO_FAULTS,
  errorRate: rate,
  kinds: rate ? kinds : [],
  delayMs: num('--delay-ms', NO_FAULTS.delayMs),
  stallMs: num('--stall-ms', NO_FAULTS.stallMs),
  retryAfterSec: num('--retry-after', NO_FAULTS.retryAfterSec),
};
process.stdout.write(
  `Máy chủ tham chiếu: ${server.url}\n  thiết bị: client_id counter-q01, client_secret secret-q01\n  cán bộ: quantri / quantri-tinh (admin), canbo01 / matkhau01\n  đơn vị 000.00.01.H22, quầy Q01 (khối 9001–9200), Q02 (9201–9400); lỗi giả lập ${rate * 100}%\n`,
);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void server.close().then(() => process.exit(0)));

// `npm run setup`: installs exactly what the lockfile says (`npm ci`) in a way that works on a
// fresh machine that reaches only the npm registry: the native addons are then built against the
// headers the machine ships for its own Node (node-headers.mjs), since node-gyp could not download
// them. `.ci/run` runs this too, so CI and the README's commands install the same way.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineNodeHeaders } from './node-headers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const headers = machineNodeHeaders({ execPath: process.execPath, version: process.version, env });
if (headers) {
  env.npm_config_nodedir = headers;
  process.stdout.write(`setup: tiêu đề C của Node ${process.version} lấy từ ${headers}/include/node (node-gyp không phải tải)\n`);
}
// Under `npm run`, npm says where its own CLI is; run that one, whatever PATH holds.
const npm = process.env.npm_execpath;
const r = npm
  ? spawnSync(process.execPath, [npm, 'ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env })
  : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
if (r.status !== 0) {
  process.stderr.write(
    `\nsetup: cài đặt thất bại (npm ci, mã ${r.status ?? r.signal}). ` +
      (headers
        ? 'Xem lỗi của npm ở trên.\n'
        : 'Nếu lỗi là node-gyp không tải được tiêu đề của Node: cài gói tiêu đề của Node cho đúng phiên bản đang chạy ' +
          '(Debian: apt-get install nodejs, có /usr/include/node) hoặc đặt npm_config_nodedir trỏ tới chúng.\n') +
      `setup: installing failed (npm ci, exit ${r.status ?? r.signal}).\n`,
  );
  process.exit(r.status || 1);
}

// `npm start`: Electron where its binary is installed; otherwise one line saying so, then the
// Chromium host (a real window with a display or under xvfb-run; screenshots when headless).
// On Linux it first makes sure of the Debian tools that needs, through the same
// scripts/ensure-tools.sh as `npm test`: installed when root with apt, otherwise the exact command.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.error('Chưa cài đặt: chạy npm run setup trước (not installed: run npm run setup first).');
  process.exit(1);
}
if (!existsSync(join(root, 'dist', 'main', 'main.cjs'))) {
  console.error('Chưa build ứng dụng: chạy npm run build (npm run setup làm việc này tự động).');
  process.exit(1);
}

/**
 * Finds an installed Electron binary without requiring the `electron` package: since Electron 45
 * that require() downloads the binary on first use, which hangs or fails on an offline counter PC.
 */
function electronBinary() {
  const pkgDir = join(root, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidates = [
    override && join(override, rel ?? 'electron'),
    rel && join(pkgDir, 'dist', rel),
  ].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** The first `name` on PATH, as a shell would find it. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * Linux only (Windows counters run the packaged Electron app): Chromium for the Chromium host,
 * unless MOTCUA_CHROMIUM names one; Xvfb where there is no display, so the window the host's
 * screenshot run points to (`xvfb-run -a npm start`) can be opened.
 */
function ensureLinuxTools(useElectron) {
  const env = { ...process.env };
  if (process.platform !== 'linux') return env;
  const chosen = process.env.MOTCUA_CHROMIUM;
  if (!useElectron && chosen && !existsSync(chosen)) {
    console.error(`Không tìm thấy Chromium tại ${chosen} (MOTCUA_CHROMIUM). Sửa đường dẫn, hoặc bỏ biến này để dùng chromium của Debian.`);
    process.exit(1);
  }
  const needs = [];
  if (!useElectron && !chosen) needs.push('chromium=chromium');
  if (!process.env.DISPLAY) needs.push('xvfb-run=xvfb', 'xauth=xauth');
  if (needs.length === 0) return env;
  const r = spawnSync('bash', [join(root, 'scripts', 'ensure-tools.sh'), ...needs], { stdio: 'inherit' });
  if (r.status !== 0) {
    const why = r.error ? ` (${r.error.message})` : '';
    console.error(`npm start dừng: máy này chưa có đủ công cụ để chạy Một Cửa Desk${why}. Cài theo hướng dẫn ở trên rồi chạy lại npm start.`);
    process.exit(1);
  }
  // The host looks for /usr/bin/chromium; a chromium found elsewhere on PATH is passed on explicitly.
  const found = !useElectron && !chosen && !existsSync('/usr/bin/chromium') ? onPath('chromium') : null;
  if (found) env.MOTCUA_CHROMIUM = found;
  return env;
}

// MOTCUA_HOST=chromium runs the Chromium host even where Electron is installed (as the e2e tests see the app).
const electron = process.env.MOTCUA_HOST === 'chromium' ? null : electronBinary();
const env = ensureLinuxTools(electron !== null);
const [cmd, cmdArgs] = electron
  ? [electron, [join(root, 'dist', 'main', 'main.cjs'), ...args]]
  : [process.execPath, [join(root, 'dist', 'host', 'host.cjs'), ...args]];
if (!electron) {
  const why = process.env.MOTCUA_HOST === 'chromium' ? 'MOTCUA_HOST=chromium' : 'Không có Electron trên máy này';
  console.log(`${why}: chạy giao diện trong Chromium (Chromium host).`);
}
const child = spawn(cmd, cmdArgs, { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));

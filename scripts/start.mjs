// `npm start`: Electron where its binary is installed; otherwise one line saying so, then the
// Chromium host (a real window with a display or under xvfb-run; screenshots when headless).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (!existsSync(join(root, 'dist', 'main', 'main.cjs'))) {
  console.error('Chưa build ứng dụng: chạy npm run build (npm install làm việc này tự động).');
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

const electron = electronBinary();
const [cmd, cmdArgs] = electron
  ? [electron, [join(root, 'dist', 'main', 'main.cjs'), ...args]]
  : [process.execPath, [join(root, 'dist', 'host', 'host.cjs'), ...args]];
if (!electron) console.log('Không có Electron trên máy này: chạy giao diện trong Chromium (Chromium host).');
const child = spawn(cmd, cmdArgs, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));

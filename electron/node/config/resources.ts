import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where bundled resources (fonts, seed calendar, sample catalog) live: MOTCUA_RESOURCES_DIR, the
 * packaged app's resources folder, or the first `resources/` found walking up from this module
 * (sources under vitest, bundles under dist/).
 */
export function resourcesDir(): string {
  const env = process.env.MOTCUA_RESOURCES_DIR;
  if (env) return env;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'fonts'))) return join(packaged, 'resources');
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'resources', 'fonts'))) return join(dir, 'resources');
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('Không tìm thấy thư mục resources (phông chữ, lịch, danh mục mẫu). Đặt MOTCUA_RESOURCES_DIR.');
}

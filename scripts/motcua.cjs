#!/usr/bin/env node
// The `motcua` bin: runs the bundled CLI (built by `npm install` / `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli', 'motcua.cjs');
if (!existsSync(cli)) {
  // Worded by MOTCUA_LANG as the bundle would (cli-locale.ts): this line speaks when the bundle is missing.
  process.stderr.write(process.env.MOTCUA_LANG === 'en' ? 'Error: the command line is not built. Run: npm run build\n' : 'Lỗi: chưa build dòng lệnh. Chạy: npm run build\n');
  process.exit(1);
}
require(cli);

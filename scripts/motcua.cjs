#!/usr/bin/env node
// The `motcua` bin: runs the bundled CLI (built by `npm install` / `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli', 'motcua.cjs');
if (!existsSync(cli)) {
  process.stderr.write('Lỗi: chưa build dòng lệnh. Chạy: npm run build\n');
  process.exit(1);
}
require(cli);

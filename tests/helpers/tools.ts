import { spawnSync } from 'node:child_process';

/** Runs a Debian tool the tests rely on (installed by scripts/ensure-tools.sh). */
export function tool(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 60_000 });
  if (r.error) throw new Error(`${cmd} is missing: run scripts/ensure-tools.sh (${r.error.message})`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Decodes every barcode on the PDF's first page with zbar (a standard decoder). */
export function decodeBarcodes(pdfPath: string, page = 1, dpi = 300): string[] {
  const png = `${pdfPath}.p${page}`;
  const r = tool('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile', pdfPath, png]);
  if (r.code !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  const z = tool('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', '-Scode128.enable', `${png}.png`]);
  return z.stdout.split('\n').filter(Boolean);
}

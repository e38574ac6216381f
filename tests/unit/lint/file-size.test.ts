import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mjs)$/.test(n) && !n.endsWith('.generated.ts') ? [p] : [];
  });
}

const lines = (p: string) => readFileSync(p, 'utf8').split('\n').length;
const rel = (p: string) => relative(ROOT, p).replaceAll('\\', '/');

describe('small rooms', () => {
  it('no product file is over 400 lines', () => {
    const big = ['electron', 'native', 'renderer/src', 'scripts'].flatMap((d) => files(join(ROOT, d))).filter((p) => lines(p) > 400).map(rel);
    expect(big).toEqual([]);
  });

  it('IPC handler files only adapt: none is over 200 lines', () => {
    const big = files(join(ROOT, 'electron', 'node', 'ipc', 'handlers')).filter((p) => lines(p) > 200).map(rel);
    expect(big).toEqual([]);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { vi } from '../../../renderer/src/i18n/vi';
import { SHORTCUTS } from '../../../renderer/src/shortcuts';

const root = join(__dirname, '../../../renderer/src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : []));
const resolve = (obj: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

/** The keys the renderer's handlers react to, read from their conditions (one condition per line). */
function handledKeys(): Set<string> {
  const keys = new Set<string>();
  for (const f of files(root)) {
    if (f.endsWith('wedge.ts')) continue; // the scanner detector watches every key, it binds none
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      for (const m of line.matchAll(/e\.key === '(F\d+)'/g)) keys.add(m[1]!);
      const letter = /e\.key\.toLowerCase\(\) === '([a-z])'/.exec(line)?.[1];
      if (letter) {
        const mods = [/ctrlKey/.test(line) && 'Ctrl', /shiftKey/.test(line) && 'Shift', /altKey/.test(line) && 'Alt'].filter(Boolean);
        keys.add([...mods, letter.toUpperCase()].join('+'));
      }
      if (/e\.key === 'Enter' && \(e\.ctrlKey/.test(line)) keys.add('Ctrl+Enter');
    }
  }
  return keys;
}

describe('F1 lists every shortcut the screens handle', () => {
  const handled = handledKeys();
  it('finds the handlers', () => expect([...handled]).toEqual(expect.arrayContaining(['F1', 'F2', 'F9', 'Ctrl+P', 'Ctrl+Shift+P', 'Alt+B', 'Alt+T', 'Alt+F', 'Alt+S', 'Alt+K', 'Alt+N', 'Alt+L', 'Ctrl+Enter'])));
  it.each([...handled])('%s is listed', (k) => expect(SHORTCUTS.map((s) => s.keys)).toContain(k));
  it.each(SHORTCUTS.map((s) => s.text))('%s is worded in Vietnamese and English', (key) => {
    expect(typeof resolve(vi, key)).toBe('string');
    expect(typeof resolve(en, key)).toBe('string');
  });
});

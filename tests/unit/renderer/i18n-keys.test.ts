import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { vi } from '../../../renderer/src/i18n/vi';

const root = join(__dirname, '../../../renderer/src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : []));

const resolve = (obj: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

describe('every literal translation key used by the renderer exists in Vietnamese and English', () => {
  const keys = new Set<string>();
  for (const f of files(root)) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) keys.add(m[1]!);
  it('finds the keys', () => expect(keys.size).toBeGreaterThan(50));
  it.each([...keys])('%s', (key) => {
    expect(typeof resolve(vi, key), `vi: ${key}`).toBe('string');
    expect(typeof resolve(en, key), `en: ${key}`).toBe('string');
  });
});

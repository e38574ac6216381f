import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script, no declarations
import { lazyFontkitSource } from '../../../scripts/fontkit-lazy.mjs';

const require = createRequire(import.meta.url);
const FILE = require.resolve('@pdf-lib/fontkit');
const SOURCE = readFileSync(FILE, 'utf8');
const EAGER = '\tdictionary.init(BrotliDecompressBuffer);\n';

interface Dictionary {
  dictionary?: Uint8Array;
}

/** fontkit compiled from `source`, handing out its Brotli dictionary module (normally private). */
function load(source: string): { fontkit: { create: unknown }; dictionary: Dictionary } {
  const exposed = source.replace('\tvar dictionary_1 = dictionary.init;\n', '\tglobalThis.__motcuaFontkitDictionary = dictionary;\n$&');
  expect(exposed).not.toBe(source);
  const m = new Module(FILE) as Module & { _compile(code: string, file: string): void; paths: string[] };
  m.filename = FILE;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(FILE);
  m._compile(exposed, FILE);
  const g = globalThis as { __motcuaFontkitDictionary?: Dictionary };
  const dictionary = g.__motcuaFontkitDictionary!;
  delete g.__motcuaFontkitDictionary;
  return { fontkit: m.exports as { create: unknown }, dictionary };
}

describe("the PDF worker's fontkit, its Brotli dictionary decoded on first use", () => {
  it('leaves the dictionary undecoded at load and decodes the same bytes as the eager fontkit when WOFF2 needs them', () => {
    const eager = load(SOURCE);
    const lazy = load(lazyFontkitSource(SOURCE));
    expect(typeof lazy.fontkit.create).toBe('function');
    // Eager: decoded while the module loaded. Lazy: only a getter until someone reads it.
    expect(Object.getOwnPropertyDescriptor(eager.dictionary, 'dictionary')?.value).toBeInstanceOf(Uint8Array);
    expect(Object.getOwnPropertyDescriptor(lazy.dictionary, 'dictionary')?.get).toBeTypeOf('function');
    const bytes = lazy.dictionary.dictionary!;
    expect(bytes.length).toBe(122784);
    expect(Buffer.from(bytes).equals(Buffer.from(eager.dictionary.dictionary!))).toBe(true);
    // Decoded once: the getter has given way to the bytes themselves.
    expect(Object.getOwnPropertyDescriptor(lazy.dictionary, 'dictionary')?.value).toBe(bytes);
  });

  it('fails the build when fontkit no longer has the statement exactly once, instead of patching the wrong line', () => {
    expect(() => lazyFontkitSource(SOURCE.replace(EAGER, ''))).toThrow(/exactly once/);
    expect(() => lazyFontkitSource(SOURCE + EAGER)).toThrow(/exactly once/);
    expect(lazyFontkitSource(SOURCE)).not.toContain(EAGER);
  });
});

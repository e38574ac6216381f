import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * An esbuild plugin for the PDF worker's bundle (issue #15): @pdf-lib/fontkit is bundled in, with
 * its Brotli dictionary decoded on first use instead of when the module loads. fontkit needs that
 * dictionary only to open WOFF2 fonts, which the app never embeds (its fonts are TrueType), yet at
 * load it decodes 120 KB of Brotli in JavaScript, ≈ 40–80 ms of every new worker's first PDF.
 * The change is one statement, found by its exact text: a fontkit whose text differs fails the build
 * here, so an upgrade cannot silently drop it or patch the wrong line.
 */
const EAGER = '\tdictionary.init(BrotliDecompressBuffer);\n';
const LAZY =
  '\tvar initDictionary = dictionary.init;\n' +
  '\tObject.defineProperty(dictionary, "dictionary", { configurable: true, enumerable: true, get: function () {\n' +
  '\t  delete dictionary.dictionary;\n' +
  '\t  initDictionary(BrotliDecompressBuffer);\n' +
  '\t  return dictionary.dictionary;\n' +
  '\t} });\n';

const require = createRequire(import.meta.url);

/** fontkit's source with the dictionary decoded lazily; throws when the eager statement is not there exactly once. */
export function lazyFontkitSource(source) {
  const at = source.indexOf(EAGER);
  if (at < 0 || source.indexOf(EAGER, at + 1) >= 0) throw new Error('@pdf-lib/fontkit: the Brotli dictionary statement was not found exactly once (fontkit changed?)');
  return source.slice(0, at) + LAZY + source.slice(at + EAGER.length);
}

export const fontkitLazy = {
  name: 'fontkit-lazy',
  setup(b) {
    const file = require.resolve('@pdf-lib/fontkit');
    b.onResolve({ filter: /^@pdf-lib\/fontkit$/ }, () => ({ path: file }));
    b.onLoad({ filter: /fontkit\.umd\.js$/ }, (a) => (a.path === file ? { contents: lazyFontkitSource(readFileSync(file, 'utf8')), loader: 'js' } : undefined));
  },
};

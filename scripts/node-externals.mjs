// The Chromium host's bundle (and the bench's stand-in for it) loads npm packages from
// node_modules, as `packages: 'external'` does, except those listed here, which are bundled in:
// zod's CommonJS build is ~100 files (every locale among them) that Node resolves, reads and
// compiles one by one at each start, ~100 ms of the host's cold start (issue #15); bundled, it is
// part of one script (compiled from the code cache). The CLI keeps it external: its --help loads
// no zod, and would parse it for nothing.
const BUNDLED = ['zod'];

/**
 * esbuild's `alias` for every Node bundle: pdf-lib's CommonJS build is 139 files that Node
 * resolves, reads and compiles one by one the first time a PDF is made or signed (≈ 150–250 ms of
 * a new PDF worker's first export here); its single-file build, the same version from the same
 * source and not minified (class names kept for its messages), loads in about a third of that.
 * No package the app bundles or loads imports pdf-lib itself, so every bundle has one pdf-lib and
 * its `instanceof` checks hold.
 */
export const NODE_ALIAS = { 'pdf-lib': 'pdf-lib/dist/pdf-lib.js' };

const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** An esbuild plugin: every bare import external (node: builtins too), but the BUNDLED packages. */
export const nodeExternals = {
  name: 'node-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      if (a.kind === 'entry-point' || /^[A-Za-z]:[\\/]/.test(a.path)) return undefined;
      // esbuild applies `alias` after this plugin has taken the path: the aliases are applied here.
      return BUNDLED.includes(packageOf(a.path)) ? undefined : { path: NODE_ALIAS[a.path] ?? a.path, external: true };
    });
  },
};

/**
 * esbuild's `supported` for a bundle the host compiles from its code cache (code-cache.ts): in
 * Node 20 a script compiled from a cache has no import(), so each import() of a package is written
 * as a require() instead (what the host imports lazily, serialport and the OS keyring, is CommonJS).
 */
export const NO_DYNAMIC_IMPORT = { 'dynamic-import': false };

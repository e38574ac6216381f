// The Chromium host's bundle (and the bench's stand-in for it) loads npm packages from
// node_modules, as `packages: 'external'` does, except those listed here, which are bundled in:
// zod's CommonJS build is ~100 files (every locale among them) that Node resolves, reads and
// compiles one by one at each start, ~100 ms of the host's cold start (issue #15); bundled, it is
// part of one script (compiled from the code cache). The CLI keeps it external: its --help loads
// no zod, and would parse it for nothing.
const BUNDLED = ['zod'];

const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** An esbuild plugin: every bare import external (node: builtins too), but the BUNDLED packages. */
export const nodeExternals = {
  name: 'node-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      if (a.kind === 'entry-point' || /^[A-Za-z]:[\\/]/.test(a.path)) return undefined;
      return BUNDLED.includes(packageOf(a.path)) ? undefined : { path: a.path, external: true };
    });
  },
};

/**
 * esbuild's `supported` for a bundle the host compiles from its code cache (code-cache.ts): in
 * Node 20 a script compiled from a cache has no import(), so each import() of a package is written
 * as a require() instead (what the host imports lazily, serialport and the OS keyring, is CommonJS).
 */
export const NO_DYNAMIC_IMPORT = { 'dynamic-import': false };

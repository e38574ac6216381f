import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // The CSP forbids inline script; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // A desktop app loads its bundle from disk: one ~0.6 MB chunk costs nothing worth splitting for.
    chunkSizeWarningLimit: 1500,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});

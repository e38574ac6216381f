import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli';

/**
 * Issue 15: the page a counter opens on (login, then intake) parses only what those screens need.
 * The renderer's entry is bundled with code splitting as Vite does; the chunk the page loads
 * first, with the chunks it imports statically, must hold neither zod nor the other sections.
 */
describe('the renderer\'s first chunk', () => {
  it('holds the login and intake screens, and no zod nor the sections loaded later', async () => {
    const r = await build({
      entryPoints: [join(ROOT, 'renderer', 'src', 'main.tsx')],
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: join(ROOT, '.tmp', 'first-chunk'),
      write: false,
      metafile: true,
      jsx: 'automatic',
      loader: { '.css': 'empty', '.ttf': 'empty', '.png': 'empty' },
      logLevel: 'error',
      // Vite's `?url` imports (the pdf.js worker) are file names, not code.
      plugins: [{ name: 'url', setup: (b) => {
        b.onResolve({ filter: /\?url$/ }, (a) => ({ path: a.path, namespace: 'url' }));
        b.onLoad({ filter: /.*/, namespace: 'url' }, () => ({ contents: 'export default "";', loader: 'js' }));
      } }],
    });
    const outputs = r.metafile.outputs;
    const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith('main.tsx'))!;
    const first = new Set<string>();
    const visit = (o: string) => {
      if (first.has(o)) return;
      first.add(o);
      for (const i of outputs[o]!.imports) if (i.kind === 'import-statement') visit(i.path);
    };
    visit(entry);
    const inputs = [...first].flatMap((o) => Object.keys(outputs[o]!.inputs));
    expect(inputs.some((i) => i.includes('LoginScreen.tsx'))).toBe(true);
    expect(inputs.some((i) => i.includes('IntakeSection.tsx'))).toBe(true);
    expect(inputs.filter((i) => i.includes('node_modules/zod/'))).toEqual([]);
    for (const later of ['DossiersSection', 'ReturnsSection', 'SigningSection', 'ReportsSection', 'SettingsSection', 'UnitFromProvince']) {
      expect(inputs.filter((i) => i.includes(`/${later}.tsx`)), later).toEqual([]);
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './cli';

export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
  readonly targets: readonly string[];
}

let source: string | null = null;

/**
 * Runs axe-core on what the page shows now and returns its violations. The host aborts every
 * request but its own routes and the CSP forbids inline script, so axe is given by content: a
 * script tag when the page allows it, else evaluated through the DevTools protocol (outside the CSP).
 */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  source ??= readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const loaded = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!(await loaded())) {
    await page.addScriptTag({ content: source }).catch(() => undefined);
    if (!(await loaded())) await page.evaluate(source);
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
  });
}

/** Serious and critical violations: the ones that stop an officer using a screen with a screen reader or low vision. */
export const blocking = (f: readonly AxeFinding[]) => f.filter((v) => v.impact === 'serious' || v.impact === 'critical');

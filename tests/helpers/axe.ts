import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN } from './admin';
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
 * With `screen`, the result is also kept in test-results/axe/<screen>.json (see `keepAxeResult`).
 */
export async function runAxe(page: Page, screen?: string): Promise<AxeFinding[]> {
  source ??= readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const loaded = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!(await loaded())) {
    await page.addScriptTag({ content: source }).catch(() => undefined);
    if (!(await loaded())) await page.evaluate(source);
  }
  const r = await page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> };
    const axe = (window as unknown as { axe: { version: string; run(ctx: Document, o: object): Promise<{ violations: Result[]; passes: Result[]; incomplete: Result[] }> } }).axe;
    // Passes and incomplete are counted, not detailed: one node each is enough for that.
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return {
      version: axe.version,
      passes: r.passes.length,
      incomplete: r.incomplete.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) })),
    };
  });
  if (screen) keepAxeResult(screen, r);
  return r.violations;
}

const AXE_DIR = join(ROOT, 'test-results', 'axe');
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;

/**
 * One screen's axe result as the closing note of issue 16 lists it: violations by impact, their
 * rule ids and node counts, and how many rules passed; then summary.json again from every screen's
 * file, so screens written by other test files (each its own process) are in it too. A screen run
 * again replaces its file.
 */
function keepAxeResult(screen: string, r: { version: string; passes: number; incomplete: number; violations: AxeFinding[] }): void {
  if (!/^[a-z0-9-]+$/.test(screen)) throw new Error(`axe screen name: ${screen}`);
  mkdirSync(AXE_DIR, { recursive: true });
  const byImpact = Object.fromEntries(IMPACTS.map((i) => [i, r.violations.filter((v) => v.impact === i).length]));
  const result = {
    screen,
    at: new Date().toISOString(),
    axe: r.version,
    violations: r.violations.length,
    byImpact,
    rules: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes, help: v.help, targets: v.targets })),
    passes: r.passes,
    incomplete: r.incomplete,
  };
  writeAtomically(join(AXE_DIR, `${screen}.json`), result);
  const screens = readdirSync(AXE_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'summary.json')
    .sort()
    .flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(join(AXE_DIR, f), 'utf8')) as typeof result];
      } catch {
        return []; // another test file's write in progress: its own summary rewrite includes it
      }
    });
  writeAtomically(join(AXE_DIR, 'summary.json'), {
    at: new Date().toISOString(),
    screens: screens.length,
    blocking: screens.reduce((n, s) => n + s.byImpact.critical! + s.byImpact.serious!, 0),
    violations: screens.reduce((n, s) => n + s.violations, 0),
    perScreen: Object.fromEntries(screens.map((s) => [s.screen, { violations: s.violations, byImpact: s.byImpact, rules: s.rules.map((x) => `${x.id}:${x.impact}×${x.nodes}`), passes: s.passes, at: s.at }])),
  });
}

/** A screen's kept result, as the closing note reads it. */
export function keptAxeResult(screen: string): { screen: string; violations: number; byImpact: Record<string, number>; rules: Array<{ id: string; impact: string | null; nodes: number }>; passes: number } {
  return JSON.parse(readFileSync(join(AXE_DIR, `${screen}.json`), 'utf8')) as ReturnType<typeof keptAxeResult>;
}

function writeAtomically(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Serious and critical violations: the ones that stop an officer using a screen with a screen reader or low vision. */
export const blocking = (f: readonly AxeFinding[]) => f.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** The app's sections, in the navigation's order. */
export const SECTIONS = ['intake', 'dossiers', 'returns', 'signing', 'reports', 'settings'] as const;

/**
 * A new counter's screens in turn: the first-run screen, the unit and its first admin set up through
 * the contract, every section, then the login screen after signing out; `check(screen)` on each,
 * once it shows. `page` must be on the first-run screen.
 */
export async function everyScreen(page: Page, check: (screen: string) => Promise<void>): Promise<void> {
  await page.waitForSelector('[data-testid="first-run"]');
  await check('first-run');
  const r = await page.evaluate(
    (a) => window.motcua['auth.setup']({ unit: { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } }, admin: a }),
    ADMIN,
  );
  if (!r.ok) throw new Error(`setup refused: ${r.error.message}`);
  await page.waitForSelector('nav button[data-section]');
  for (const s of SECTIONS) {
    await page.click(`nav button[data-section="${s}"]`);
    await page.waitForSelector(`nav button[data-section="${s}"][aria-current="page"]`);
    await page.waitForTimeout(300);
    await check(s);
  }
  await page.evaluate(() => window.motcua['auth.logout']({}));
  await page.waitForSelector('form.login');
  await check('login');
}

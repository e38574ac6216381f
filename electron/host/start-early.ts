/**
 * The first step of a host start (npm start, the cold-start bench), before anything big is
 * loaded: Chromium spawned (chromium-early.ts) and the code cache installed (code-cache.ts). The
 * rest of the host is a bundle of its own, loaded after this by loadBeside: bundled into the
 * entry point, its ~1.7 MB would be read and parsed before Chromium could be spawned.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromiumExecutable, startChromiumEarly, type EarlyChromium } from './chromium-early';
import { installCodeCache, PLAYWRIGHT_BUNDLES, type CodeCache } from './code-cache';

export interface EarlyStart {
  readonly executablePath: string;
  readonly headless: boolean;
  readonly early: EarlyChromium;
  /** Null when the start keeps no code cache (a host started in a test's process). */
  readonly codeCache: CodeCache | null;
}

/**
 * `cacheBundle`: the bundle loadBeside loads next, compiled from the code cache with Playwright's
 * (built without import(), scripts/node-externals.mjs NO_DYNAMIC_IMPORT).
 */
export function startEarly(o: { readonly headless: boolean; readonly codeCacheDir: string | null; readonly cacheBundle?: string }): EarlyStart {
  const executablePath = chromiumExecutable();
  const early = startChromiumEarly({ executablePath, headless: o.headless });
  // After the spawn, before the rest loads: Playwright's bundles and ours compile from the last start's cache.
  const codeCache = o.codeCacheDir ? installCodeCache(o.codeCacheDir, (f) => PLAYWRIGHT_BUNDLES(f) || f === o.cacheBundle) : null;
  return { executablePath, headless: o.headless, early, codeCache };
}

/** A bundle built beside the caller's (scripts/build.mjs, scripts/bench.mjs), loaded at run time. */
export function loadBeside<T>(dir: string, file: string): T {
  const path = join(dir, file);
  return createRequire(path)(path) as T;
}

/**
 * A V8 code cache for the big scripts a host start loads: playwright-core's two bundles (~7 MB)
 * and the host's own (host-run.cjs, ~1.6 MB). Parsing and compiling them is most of the time they
 * take to load, and a cache made after a start lets the next start skip it. Node 20 has no
 * module.enableCompileCache (Node 22), so this is the v8-compile-cache approach: the chosen files
 * are compiled through vm.Script with the cache, every other file as Node does.
 * Nothing but builtins here: it is installed before any of those loads (start-early.ts).
 *
 * Only for files without import() where the host goes: in Node 20 a script compiled from a cache
 * loses its dynamic import callback, so an import() in it throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING.
 * vm.compileFunction keeps it, but its cache (made at compile time) holds a third of the functions
 * and saved ~50 ms instead of ~170 ms on Playwright. Playwright's bundles call import() only for a
 * Kerberos proxy and for Node without WebCrypto; the host's bundle is built without import()
 * (scripts/node-externals.mjs). tests/unit/host/code-cache.test.ts checks both.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** playwright-core's bundles: everything the host loads of Playwright is in these two files. */
export const PLAYWRIGHT_BUNDLES = (filename: string): boolean => /[\\/]playwright-core[\\/]lib[\\/](coreBundle|utilsBundle)\.js$/.test(filename);

export interface CodeCache {
  /** Scripts compiled from their cache (the rest were compiled from source). */
  readonly hits: readonly string[];
  /**
   * Writes the cache of each script compiled from source, with every function it has run so far
   * (so call it after the start has done its work); once, later calls do nothing. Never throws:
   * without a cache the next start is only slower.
   */
  save(): void;
}

type Compile = (this: Module, content: string, filename: string) => unknown;
interface ModuleInternals {
  prototype: { _compile: Compile; require(id: string): unknown };
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _extensions: unknown;
  _cache: unknown;
  wrap(source: string): string;
}

/**
 * Installs the cache for the `cached` scripts loaded from here on, kept in `dir` (created private:
 * a cache is code this user runs, so it lives with the user's files, never in a shared folder).
 * One file per script path and V8, so a rebuild replaces its cache instead of adding one; the file
 * starts with the script's size and time, and a cache for other ones is not used. V8 itself also
 * refuses a cache made for other source or other flags: the script then compiles from source and
 * its cache is written again.
 */
export function installCodeCache(dir: string, cached: (filename: string) => boolean = PLAYWRIGHT_BUNDLES): CodeCache {
  const M = Module as unknown as ModuleInternals;
  const original = M.prototype._compile;
  const hits: string[] = [];
  const pending: Array<{ script: vm.Script; file: string; stamp: string }> = [];
  let saved = false;
  const versionKey = `${process.versions.v8}|${process.arch}`;

  M.prototype._compile = function compileWithCache(this: Module, content: string, filename: string) {
    if (!cached(filename)) return original.call(this, content, filename);
    let file: string;
    let stamp: string;
    let cachedData: Buffer | undefined;
    try {
      const st = statSync(filename);
      file = join(dir, `${createHash('sha256').update(`${versionKey}|${filename}`).digest('hex').slice(0, 32)}.bin`);
      stamp = `${st.size}|${st.mtimeMs}\n`;
      try {
        const kept = readFileSync(file);
        if (kept.subarray(0, stamp.length).toString('latin1') === stamp) cachedData = kept.subarray(stamp.length);
      } catch {
        // First start, or the cache was cleared: compiled from source below.
      }
    } catch {
      return original.call(this, content, filename);
    }
    let script: vm.Script;
    try {
      script = new vm.Script(M.wrap(content), {
        filename,
        ...(cachedData ? { cachedData } : {}),
        // Honoured only when compiled from source (see above); the cache keeps nothing of it.
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      // Not a script vm can compile (ES module syntax in a .js): Node's own path reports it properly.
      return original.call(this, content, filename);
    }
    if (cachedData && !script.cachedDataRejected) hits.push(filename);
    else pending.push({ script, file, stamp });
    const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    // The require Node would pass (its makeRequireFunction is internal): resolve and cache are what bundles use.
    const mod = this as Module & { require(id: string): unknown };
    const req = Object.assign((id: string) => mod.require(id), {
      resolve: Object.assign((request: string, options?: { paths?: string[] }) => M._resolveFilename(request, mod, false, options), {
        paths: (request: string) => (Module as unknown as { _resolveLookupPaths(r: string, m: Module): string[] | null })._resolveLookupPaths(request, mod),
      }),
      // Undefined only where this module is not itself CommonJS (a test runner's ESM).
      main: typeof require === 'undefined' ? undefined : require.main,
      extensions: M._extensions,
      cache: M._cache,
    });
    return fn.call(mod.exports, mod.exports, req, mod, filename, dirname(filename));
  };

  return {
    hits,
    save() {
      if (saved) return;
      saved = true;
      if (pending.length === 0) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        for (const { script, file, stamp } of pending.splice(0)) {
          // Written beside and renamed: a start reading it meanwhile sees the old cache or none, never half of one.
          const tmp = `${file}.${process.pid}.tmp`;
          writeFileSync(tmp, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]), { mode: 0o600 });
          renameSync(tmp, file);
        }
      } catch {
        // A read-only or full disk: the next start compiles from source, as without a cache.
      }
    },
  };
}

import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { errorCode, type Logger } from '../log/logger';
import { settleStep, STEP_DOSSIERS } from './kpi766-settled-repo';
import { rewriteStep } from '../search/search-index-repo';
import { daysStep } from './report-days-repo';

/** Long enough after start for the sign-in screen, the first sync run and the day's first intake. */
const START_DELAY_MS = 20_000;
/** After a sync pull: its last writes are done, the officer's next click comes first. */
const POKE_DELAY_MS = 2_000;
/** Between steps at least this, and as long as the step itself took: the app gets half the thread or more. */
const MIN_GAP_MS = 20;

export interface SettledWarmerDeps {
  /** The store's one unit of synchronous work (SqliteStore.exec): timed and mapped like every other. */
  readonly exec: <T>(op: string, fn: (db: Database.Database) => T) => Promise<T>;
  readonly log: Logger;
  readonly startDelayMs?: number;
  readonly pokeDelayMs?: number;
  readonly dossiersPerStep?: number;
}

/**
 * Brings the report's derived data up to date in the background — the per-day counts of a store
 * upgraded with rows (report-days-repo `daysStep`), then the 766 summaries (kpi766-settled-repo
 * `settleStep`) — so the first year's report after this version or after a big feed pull finds
 * them ready instead of counting and judging every dossier from its rows while the counter waits;
 * last, an upgraded store's search index is rewritten once (search-index-repo `rewriteStep`). One small transaction per step on the store's
 * own connection, then a pause as long as the step, so intake and the IPC calls between steps
 * wait at most one step. Nothing runs until `start` (the window hosts call it; the CLI and the
 * tests do not, unless a test asks); `stop` before the store closes.
 */
export class SettledWarmer {
  #started = false;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #again = false;
  #idle: Array<() => void> = [];
  /** The longest step so far and the steps run (the bench prints them). */
  readonly stats = { steps: 0, maxStepMs: 0 };

  constructor(private readonly d: SettledWarmerDeps) {}

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(this.d.startDelayMs ?? START_DELAY_MS);
  }

  /** Something may have queued work (a sync pull applied changes): a step soon, unless one is due. */
  poke(): void {
    if (!this.#started) return;
    if (this.#running) this.#again = true;
    else if (!this.#timer) this.#schedule(this.d.pokeDelayMs ?? POKE_DELAY_MS);
  }

  stop(): void {
    this.#started = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#settle();
  }

  /** Resolves once no step is due or running (the work done, stopped, or given up after an error). */
  idle(): Promise<void> {
    return this.#timer || this.#running ? new Promise((resolve) => this.#idle.push(resolve)) : Promise.resolve();
  }

  #schedule(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#step();
    }, ms);
    // A step due must not keep a closing process alive.
    this.#timer.unref();
  }

  async #step(): Promise<void> {
    if (!this.#started) return this.#settle();
    this.#running = true;
    this.#again = false;
    let more = false;
    let took = 0;
    try {
      more = await this.d.exec('reports.settle', (db) => {
        // Stopped while the store waited for its key: the store may be closing.
        if (!this.#started) return false;
        const t0 = performance.now();
        try {
          // The per-day counts of an upgraded store first (a few keys a step), then the 766 summaries,
          // then the search index's one-time rewrite (migration 21).
          return daysStep(db) || settleStep(db, this.d.dossiersPerStep ?? STEP_DOSSIERS) || rewriteStep(db);
        } finally {
          took = performance.now() - t0;
        }
      });
      this.stats.steps++;
      this.stats.maxStepMs = Math.max(this.stats.maxStepMs, took);
    } catch (e) {
      // The step rolled back and nothing is lost: the next sync pull's poke tries again, and a long
      // report finishes the work itself. Only the code: a message may name the data folder.
      this.d.log.warn('766 summaries: a background step failed', { error: errorCode(e) });
    } finally {
      this.#running = false;
    }
    if (this.#started && (more || this.#again)) this.#schedule(Math.max(MIN_GAP_MS, took));
    else this.#settle();
  }

  #settle(): void {
    if (this.#timer || this.#running) return;
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}

import type { Actor } from '../../common/domain/actor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import type { KeyedText } from '../../common/ipc/error-messages';
import { AppFailure, failure } from '../../common/ipc/result';
import type { ContentStore } from '../files/content-store';
import type { Logger } from '../log/logger';
import type { ConnectivityMonitor } from '../services/connectivity';
import type { SqliteStore } from '../store/sqlite-store';
import type { EventHub } from '../events/event-hub';
import type { SecretVault } from '../secrets/secret-vault';
import { appendAudit } from '../store/audit';
import { clearBackoff, outboxCounts } from './outbox-repo';
import { ProvincialApi } from './provincial-api';
import { backoffFromEnv, resolveApiConfig } from './sync-config';
import { SyncEngine, SyncLockedError, type SyncReport } from './sync-engine';

/**
 * Runs the engine inside the app: on a timer, when the network comes back, right after an
 * intake, and when the officer presses "Đồng bộ ngay". One run at a time; a second trigger while
 * running schedules exactly one more run.
 */
export class SyncService {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<SyncReport | null> | null = null;
  #again = false;
  #lastReport: SyncReport | null = null;
  #lastError: string | null = null;
  /** The last error's key, when it has one: the sync panel words it in the officer's language. */
  #lastErrorKey: KeyedText | null = null;
  #wasOnline = true;

  constructor(
    private readonly d: {
      store: SqliteStore;
      files: ContentStore;
      monitor: ConnectivityMonitor;
      log: Logger;
      hub?: EventHub;
      intervalMs?: number;
      secrets?: SecretVault;
      /** After a run that applied the feed's changes: derived data may have work queued (the 766 summaries). */
      onPulled?: () => void;
      now?: () => Date;
    },
  ) {}

  get lastReport(): SyncReport | null {
    return this.#lastReport;
  }
  get lastError(): string | null {
    return this.#lastError;
  }
  get lastErrorKey(): KeyedText | null {
    return this.#lastErrorKey;
  }
  #setError(message: string | null, key: KeyedText | null = null): void {
    this.#lastError = message;
    this.#lastErrorKey = key;
  }
  /** A run is in flight (callers that close the store wait for it to end). */
  get running(): boolean {
    return this.#running !== null;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.trigger('timer'), this.d.intervalMs ?? 60_000);
    this.#timer.unref();
    this.d.monitor.onState((s) => {
      if (s.online && !this.#wasOnline) void this.trigger('network');
      this.#wasOnline = s.online;
    });
    void this.trigger('start');
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Starts a run now (or one more after the current run); resolves with that run's report. */
  trigger(reason: string): Promise<SyncReport | null> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#run(reason).finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        void this.trigger('again');
      }
    });
    return this.#running;
  }

  engine(cfg: NonNullable<Awaited<ReturnType<typeof resolveApiConfig>>>): SyncEngine {
    return new SyncEngine(
      {
        store: this.d.store,
        api: new ProvincialApi(cfg),
        files: this.d.files,
        log: this.d.log,
        onChange: () => void this.d.monitor.check(),
        onProgress: (p) => this.d.hub?.emit('sync.progress', p),
        onStep: ({ done, total, current }) => this.d.hub?.emit('work.progress', { task: 'sync', done, total, ...(current ? { current } : {}) }),
      },
      backoffFromEnv(),
    );
  }

  /**
   * What the officer asked for with "Đồng bộ ngay" (F9, the panel's button, `motcua sync --once`):
   * every dossier waiting out a backoff is tried now, not at its retry time — the network or the
   * province is often back by then, and the officer is the one who knows. That includes a head
   * parked after a fatal answer (credentials refused, a redirect): its cause is fixed outside the
   * app, and this is one try, parked again if it fails. Rejected dossiers and those waiting for
   * the citizen are left: the province's refusal stands until the dossier is corrected and resent.
   */
  async retryNow(actor: Actor): Promise<{ retried: number; heldForCorrection: number }> {
    const at = toVietnamRfc3339((this.d.now ?? (() => new Date()))());
    return this.d.store.exec('sync.retryNow', (db) =>
      db.transaction(() => {
        const retried = clearBackoff(db, at, at);
        const c = outboxCounts(db);
        const heldForCorrection = c.rejected + c.waiting;
        // Only a press that changed something: a backoff cut short is a change of the queue's course.
        if (retried > 0) appendAudit(db, { actor: actor.officerId, action: 'sync.retryNow', details: { retried, heldForCorrection } }, at);
        return { retried, heldForCorrection };
      })(),
    );
  }

  /** "Đồng bộ ngay" in the app: `retryNow`, then a run; the run's report (null if none ran) and the counts. */
  async syncNow(actor: Actor): Promise<{ report: SyncReport | null; retried: number; heldForCorrection: number }> {
    const r = await this.retryNow(actor);
    return { report: await this.trigger('manual'), ...r };
  }

  /**
   * `motcua sync --once`: the same "sync now" as F9 (`retryNow`), then one run to its end or the
   * deadline, outside the app's timer, waiting out the backoffs that remain; an API address given on
   * the command line is used for this run only.
   */
  async syncOnce(actor: Actor, o: { apiUrl?: string; deadlineMs: number }): Promise<{ report: SyncReport; retried: number; heldForCorrection: number }> {
    const cfg = await resolveApiConfig(this.d.store, o.apiUrl ? { apiUrl: o.apiUrl } : {}, this.d.secrets);
    if (!cfg) throw failure('conflict', 'sync.notConfigured');
    const r = await this.retryNow(actor);
    return { report: await this.engine(cfg).runOnce({ deadlineMs: o.deadlineMs }), ...r };
  }

  /** Sends a corrected, rejected dossier again (If-Match with the server's version). */
  async resend(code: string): Promise<void> {
    const cfg = await resolveApiConfig(this.d.store, {}, this.d.secrets);
    if (!cfg) throw failure('conflict', 'sync.notConfigured');
    await this.engine(cfg).resend(code);
    void this.trigger('resend');
  }

  async #run(reason: string): Promise<SyncReport | null> {
    let cfg;
    try {
      cfg = await resolveApiConfig(this.d.store, {}, this.d.secrets);
    } catch (e) {
      this.#setError((e as Error).message, keyOf(e));
      return null;
    }
    if (!cfg) return null;
    const engine = this.engine(cfg);
    try {
      const report = await engine.runOnce({ deadlineMs: 5 * 60_000, waitForBackoff: false });
      this.#lastReport = report;
      this.#setError(report.errors[0]?.text ?? null, report.errors[0]?.wording ?? null);
      this.d.log.info('sync run', { reason, sent: report.sent, remaining: report.remaining, rejected: report.rejected });
      if (report.changesApplied > 0) this.d.onPulled?.();
      return report;
    } catch (e) {
      if (e instanceof SyncLockedError) this.#setError(e.message, keyOf(e));
      else {
        const f = failure('internal', 'sync.failed', { error: (e as Error).message });
        this.#setError(f.message, keyOf(f));
      }
      return null;
    } finally {
      await this.d.monitor.check();
    }
  }
}

const keyOf = (e: unknown): KeyedText | null => (e instanceof AppFailure && e.key ? { key: e.key, ...(e.params ? { params: e.params } : {}) } : null);

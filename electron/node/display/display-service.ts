import type { Actor } from '../../common/domain/actor';
import { draftState, keypadRating, RATING_REPLACE_MS, type DisplayConfig, type DisplayDraft, type DisplayState } from '../../common/domain/citizen-display';
import { toNationalTime } from '../../common/domain/intake';
import { toVietnamRfc3339 } from '../../common/domain/time';
import type { ScannerFactory, ScannerPort } from '../../common/hardware/scanner';
import { failure } from '../../common/ipc/result';
import type { EventHub } from '../events/event-hub';
import type { IntakeService } from '../intake/intake-service';
import { errorCode, type Logger } from '../log/logger';
import type { SettingsService } from '../settings/settings-service';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { enqueueEvent } from '../sync/outbox-repo';
import { thisCounter } from '../unit/unit-repo';
import { ratingOf, saveRating, type RatingSource } from './rating-repo';

/**
 * The citizen display: the one state its window shows (pushed as `display.state`), the rating of the
 * dossier it shows, and the serial 1–5 keypad. The window never names a dossier: a rating always goes
 * to the dossier this service put on screen after the officer saved it.
 */
export class DisplayService {
  #state: DisplayState = { phase: 'idle' };
  #keypad: ScannerPort | null = null;

  constructor(
    private readonly d: {
      store: SqliteStore;
      settings: SettingsService;
      hub: EventHub;
      intake: IntakeService;
      now: () => Date;
      log: Logger;
      keypadFactory: ScannerFactory | null;
      /** The officer signed in at this counter, for a rating typed on the keypad. */
      currentActor: () => Promise<Actor | null>;
      apiConfigured: () => Promise<boolean>;
    },
  ) {}

  get state(): DisplayState {
    return this.#state;
  }

  #set(s: DisplayState): DisplayState {
    this.#state = s;
    this.d.hub.emit('display.state', s);
    return s;
  }

  /**
   * The officer's draft as it changes, or null for an empty form. An empty form does not clear a saved
   * dossier still waiting for its rating: the prompt stays until the next citizen's draft replaces it.
   */
  show(draft: DisplayDraft | null): DisplayState {
    if (!draft) return this.#state.phase === 'saved' && this.#state.rating === null ? this.#state : this.#set({ phase: 'idle' });
    return this.#set(draftState(draft));
  }

  /**
   * Sign-out and the idle lock: the next officer (or a passer-by) must not see the last citizen's
   * draft or rate their dossier, so the window goes back to the welcome, whatever it showed.
   */
  clear(): DisplayState {
    return this.#state.phase === 'idle' ? this.#state : this.#set({ phase: 'idle' });
  }

  async showSaved(code: string): Promise<DisplayState> {
    const d = await this.d.intake.detail(code);
    if (!d || !d.dueAt) throw failure('not_found', 'display.notFound', { code });
    const prior = await this.d.store.exec('display.ratingOf', (db) => ratingOf(db, code));
    return this.#set({ phase: 'saved', code: d.code, dueAt: d.dueAt, rating: prior?.rating ?? null });
  }

  /**
   * The citizen's rating of the dossier on screen. One per dossier: a second within RATING_REPLACE_MS
   * of the first replaces it (a wrong face touched), later ones are refused. Audited without personal data.
   */
  async rate(actor: Actor, rating: number, source: RatingSource): Promise<{ code: string; rating: number; replaced: boolean }> {
    const s = this.#state;
    if (s.phase !== 'saved') throw failure('conflict', 'display.nothingToRate');
    const now = this.d.now();
    const at = toVietnamRfc3339(now);
    const extension = (await this.d.settings.get('display.syncRatings')) === '1' && (await this.d.apiConfigured());
    const replaced = await this.d.store.exec('display.rate', (db) =>
      db.transaction(() => {
        const prior = ratingOf(db, s.code);
        if (prior && now.getTime() - Date.parse(prior.ratedAt) > RATING_REPLACE_MS) throw failure('conflict', 'display.alreadyRated', { code: s.code });
        const counter = thisCounter(db);
        saveRating(db, { code: s.code, rating, ratedAt: at, counterId: actor.counterId, source });
        appendAudit(db, { actor: actor.officerId, action: 'display.rating', subject: s.code, details: { rating, source, replaced: prior !== null } }, at);
        // Contract extension (docs/contract-extensions.md), off unless the unit switched it on.
        if (extension && counter) {
          const body = { MaHoSo: s.code, MucDoHaiLong: rating, ThoiDiemDanhGia: toNationalTime(at), MaQuay: actor.counterId };
          enqueueEvent(db, { code: s.code, dossierId: null, event: { $rating: { unitCode: counter.unitCode, body } }, at });
        }
        return prior !== null;
      })(),
    );
    this.#set({ ...s, rating });
    return { code: s.code, rating, replaced };
  }

  async config(): Promise<DisplayConfig> {
    const screen = await this.d.settings.get('display.screenId');
    return {
      enabled: (await this.d.settings.get('display.enabled')) === '1',
      screenId: screen === null ? null : Number(screen),
      keypadPath: await this.d.settings.get('display.keypad'),
      syncRatings: (await this.d.settings.get('display.syncRatings')) === '1',
    };
  }

  async setConfig(actor: Actor, c: Partial<DisplayConfig>): Promise<DisplayConfig> {
    const flag = (v: boolean) => (v ? '1' : null);
    if (c.enabled !== undefined) await this.d.settings.set('display.enabled', flag(c.enabled), actor);
    if (c.screenId !== undefined) await this.d.settings.set('display.screenId', c.screenId === null ? null : String(c.screenId), actor);
    if (c.syncRatings !== undefined) await this.d.settings.set('display.syncRatings', flag(c.syncRatings), actor);
    if (c.keypadPath !== undefined) {
      await this.d.settings.set('display.keypad', c.keypadPath, actor);
      await this.startKeypad();
    }
    return this.config();
  }

  /** Opens the configured keypad: ASCII '1'..'5' then CR, 9600 8N1. Any other line is ignored. */
  async startKeypad(): Promise<void> {
    await this.stopKeypad();
    const path = await this.d.settings.get('display.keypad');
    if (!path || !this.d.keypadFactory) return;
    const port = this.d.keypadFactory({ path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, suffix: 'CR', interByteTimeoutMs: 50 });
    this.#keypad = port;
    port.onScan((line) => void this.#fromKeypad(line));
    port.start();
  }

  async #fromKeypad(line: string): Promise<void> {
    const rating = keypadRating(line);
    if (rating === null || this.#state.phase !== 'saved') return;
    const actor = await this.d.currentActor();
    if (!actor) return;
    await this.rate(actor, rating, 'keypad').catch((e: unknown) => this.d.log.warn('keypad rating refused', { error: errorCode(e) }));
  }

  async stopKeypad(): Promise<void> {
    const p = this.#keypad;
    this.#keypad = null;
    if (p) await p.stop();
  }
}

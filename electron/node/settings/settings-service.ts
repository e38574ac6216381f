import type { Actor } from '../../common/domain/actor';
import { textScaleSchema, type Locale, type TextScale } from '../../common/ipc/contract';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { readJson, readPositive, readSetting, settingTampered, writeSetting, type SettingKey } from './settings-repo';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { isWedgeGap } from '../../common/domain/wedge-timing';

/**
 * Configuration as the services ask for it, over the settings repository. Every change is
 * audited with the officer who made it (removals too) in the same transaction.
 */
export class SettingsService {
  constructor(private readonly d: { store: SqliteStore; now: () => Date }) {}

  get(key: SettingKey): Promise<string | null> {
    return this.d.store.exec('settings.get', (db) => readSetting(db, key));
  }

  json<T>(key: SettingKey): Promise<T | null> {
    return this.d.store.exec('settings.json', (db) => readJson<T>(db, key));
  }

  /** A sealed setting changed outside the app (audited once): readers with no safe default refuse rather than read it as unset. */
  tampered(key: SettingKey): Promise<boolean> {
    return this.d.store.exec('settings.tampered', (db) => settingTampered(db, key));
  }

  positive(key: SettingKey, dflt: number): Promise<number> {
    return this.d.store.exec('settings.positive', (db) => readPositive(db, key, dflt));
  }

  /** Sets (or with null removes) a key, audited; values never go into the audit row, keys do. */
  set(key: SettingKey, value: string | null, actor: Actor): Promise<void> {
    const at = toVietnamRfc3339(this.d.now());
    return this.d.store.exec('settings.set', (db) =>
      db.transaction(() => {
        writeSetting(db, key, value);
        appendAudit(db, { actor: actor.officerId, action: value === null ? 'settings.delete' : 'settings.change', subject: key }, at);
      })(),
    );
  }

  async locale(): Promise<Locale> {
    return (await this.get('ui.locale')) === 'en' ? 'en' : 'vi';
  }

  /** Cỡ chữ: 100, 125 or 150 (%); anything else stored reads as 100. */
  async textScale(): Promise<TextScale> {
    const r = textScaleSchema.safeParse(Number(await this.get('ui.textScale')));
    return r.success ? r.data : 100;
  }

  /** This PC's calibrated keyboard-wedge threshold (ms); null (the default applies) when never calibrated or out of bounds. */
  async wedgeGap(): Promise<number | null> {
    const n = Number(await this.get('devices.wedgeGapMs'));
    return isWedgeGap(n) ? n : null;
  }

  /** The provincial API's address: the environment wins (IT's override), then the saved setting. */
  async apiUrl(): Promise<string | null> {
    return process.env.MOTCUA_API_URL ?? (await this.get('sync.apiUrl'));
  }

  async trustDir(): Promise<string | null> {
    return process.env.MOTCUA_TRUST_DIR ?? (await this.get('signing.trustDir'));
  }
}

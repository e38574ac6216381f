import { FIRST_RUN_ACTOR, type Actor } from '../../common/domain/actor';
import { bilingual, checkRow, errorBilingual, joinBilingual, type Bilingual, type DoctorCheck } from '../../common/domain/doctor';
import type { KeyedText } from '../../common/ipc/error-messages';
import type { Notice } from '../../common/ipc/notice';
import { failure } from '../../common/ipc/result';
import type { SecretStoreKind } from '../../common/security/secrets';
import type { SecretVault } from '../secrets/secret-vault';
import type { SettingsService } from '../settings/settings-service';
import type { SqliteStore } from '../store/sqlite-store';
import { ProvincialApi, type ApiConfig } from './provincial-api';
import { checkApiUrl, resolveApiConfig } from './sync-config';

export interface ApiState {
  readonly apiUrl: string | null;
  readonly clientId: string | null;
  /** MOTCUA_API_URL / MOTCUA_CLIENT_ID / MOTCUA_CLIENT_SECRET override what is saved (IT, tests). */
  readonly fromEnv: { readonly apiUrl: boolean; readonly clientId: boolean; readonly clientSecret: boolean };
  readonly secret: { readonly stored: boolean; readonly store: SecretStoreKind; readonly where: Notice; readonly warning: Notice | null };
}

export interface ApiTestResult {
  readonly ok: boolean;
  readonly apiUrl: string;
  readonly clientId: string;
  readonly reachable: boolean;
  readonly latencyMs: number;
  readonly credentials: 'ok' | 'refused' | 'unchecked';
  readonly tokenMs: number | null;
  /** The verdict in Vietnamese, one line per check, as the CLI prints it and the settings screen shows it. */
  readonly lines: string[];
  /** The same lines in English (MOTCUA_LANG=en, the English UI). */
  readonly linesEn: string[];
}

export interface ApiCredentials {
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The address (https except loopback), client id and secret as they may be saved or tried. */
function checkCredentials(o: ApiCredentials): { apiUrl: string; clientId: string } {
  const apiUrl = checkApiUrl(o.apiUrl.trim());
  const clientId = o.clientId.trim();
  if (!/^[\x21-\x7e]{1,100}$/.test(clientId)) throw failure('invalid_input', 'api.badClientId');
  if (!o.clientSecret || o.clientSecret.length > 500 || /[\r\n\0]/.test(o.clientSecret)) throw failure('invalid_input', 'api.badSecret');
  return { apiUrl, clientId };
}

function candidateConfig(o: ApiCredentials): ApiConfig {
  const { apiUrl, clientId } = checkCredentials(o);
  const timeout = Number(process.env.MOTCUA_HTTP_TIMEOUT_MS);
  return { baseUrl: apiUrl, clientId, clientSecret: o.clientSecret, ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}) };
}


/**
 * Connecting this counter to the provincial API: the address and client id go to the settings
 * (audited, values never in the audit), the client secret only to the secret vault; a test of
 * reachability and credentials; and the same readings for `motcua doctor`.
 */
export class ApiSetupService {
  constructor(private readonly d: { store: SqliteStore; settings: SettingsService; secrets: SecretVault; noOfficerYet?: () => Promise<boolean> }) {}

  async configure(actor: Actor, o: ApiCredentials): Promise<{ apiUrl: string; clientId: string; store: SecretStoreKind; where: Notice; warning: Notice | null }> {
    const { apiUrl, clientId } = checkCredentials(o);
    // The secret first: if it cannot be kept, the settings must not point at a server without one.
    const store = await this.d.secrets.put('sync.clientSecret', o.clientSecret);
    await this.d.settings.set('sync.apiUrl', apiUrl, actor);
    await this.d.settings.set('sync.clientId', clientId, actor);
    await this.d.store.audit({ actor: actor.officerId, action: 'secrets.store', subject: 'sync.clientSecret', details: { store: store.kind } });
    return { apiUrl, clientId, store: store.kind, where: store.where, warning: store.warning };
  }

  /**
   * The app's first run: nobody can sign in before the PC reaches the province, so the setup
   * screen connects it without an actor, but only while no officer exists. The dispatcher has
   * already asked; this asks again right before acting, so a sign-in in between closes the door.
   */
  async configureFirstRun(o: ApiCredentials): Promise<Awaited<ReturnType<ApiSetupService['configure']>>> {
    if (!(await this.d.noOfficerYet?.())) throw failure('forbidden', 'api.firstRunClosed');
    return this.configure(FIRST_RUN_ACTOR, o);
  }

  async state(): Promise<ApiState> {
    const loc = await this.d.secrets.location('sync.clientSecret');
    return {
      apiUrl: await this.d.settings.apiUrl(),
      clientId: process.env.MOTCUA_CLIENT_ID ?? (await this.d.settings.get('sync.clientId')),
      fromEnv: { apiUrl: Boolean(process.env.MOTCUA_API_URL), clientId: Boolean(process.env.MOTCUA_CLIENT_ID), clientSecret: Boolean(process.env.MOTCUA_CLIENT_SECRET) },
      secret: { stored: loc.stored, store: loc.kind, where: loc.where, warning: loc.warning },
    };
  }

  /**
   * Reachability and latency, then a fresh device token: of what is saved, or of a candidate
   * typed on the setup screen before saving it. A candidate carries its own secret: the saved one
   * is never sent to an address that was not saved with it.
   */
  async test(candidate?: ApiCredentials): Promise<ApiTestResult> {
    const cfg = candidate ? candidateConfig(candidate) : await resolveApiConfig(this.d.store, {}, this.d.secrets);
    if (!cfg) throw failure('conflict', 'api.notConfigured');
    const api = new ProvincialApi(cfg);
    const reach = await api.reach();
    const cred = reach.reachable ? await api.checkCredentials() : null;
    const words: Bilingual[] = [
      reach.reachable
        ? { vi: `Máy chủ tỉnh ${cfg.baseUrl}: trả lời sau ${reach.ms} ms.`, en: `Provincial server ${cfg.baseUrl}: answered in ${reach.ms} ms.` }
        : joinBilingual({ vi: `Máy chủ tỉnh ${cfg.baseUrl}: `, en: `Provincial server ${cfg.baseUrl}: ` }, why(reach), '.'),
      !cred
        ? { vi: `Thông tin thiết bị ${cfg.clientId}: chưa kiểm tra được vì không kết nối được máy chủ.`, en: `Device credentials ${cfg.clientId}: not checked, the server cannot be reached.` }
        : cred.kind === 'ok'
          ? { vi: `Thông tin thiết bị ${cfg.clientId}: hợp lệ (cấp phiên làm việc sau ${cred.ms} ms).`, en: `Device credentials ${cfg.clientId}: valid (a session was issued in ${cred.ms} ms).` }
          : cred.kind === 'refused'
            ? {
                vi: `Thông tin thiết bị ${cfg.clientId}: bị từ chối (HTTP ${cred.status}) — kiểm tra mã thiết bị và khóa bí mật.`,
                en: `Device credentials ${cfg.clientId}: refused (HTTP ${cred.status}) — check the device id and the secret.`,
              }
            : joinBilingual({ vi: `Thông tin thiết bị ${cfg.clientId}: chưa kiểm tra được (`, en: `Device credentials ${cfg.clientId}: not checked (` }, why(cred), ').'),
      candidate ? { vi: 'Khóa bí mật: chưa lưu (đang thử thông tin vừa nhập).', en: 'Secret: not saved (trying the details just typed).' } : await this.#secretLine(),
    ];
    return {
      ok: reach.reachable && cred?.kind === 'ok',
      apiUrl: cfg.baseUrl,
      clientId: cfg.clientId,
      reachable: reach.reachable,
      latencyMs: reach.ms,
      credentials: cred?.kind === 'ok' ? 'ok' : cred?.kind === 'refused' ? 'refused' : 'unchecked',
      tokenMs: cred?.kind === 'ok' ? cred.ms : null,
      lines: words.map((w) => w.vi),
      linesEn: words.map((w) => w.en),
    };
  }

  async #secretLine(): Promise<Bilingual> {
    if (process.env.MOTCUA_CLIENT_SECRET) return { vi: 'Khóa bí mật: lấy từ biến môi trường MOTCUA_CLIENT_SECRET.', en: 'Secret: from the environment variable MOTCUA_CLIENT_SECRET.' };
    const loc = await this.d.secrets.location('sync.clientSecret');
    const where = loc.stored ? joinBilingual({ vi: 'lưu trong ', en: 'kept in ' }, bilingual(loc.where)) : { vi: 'chưa lưu', en: 'not saved' };
    const warning = loc.warning && loc.stored ? joinBilingual(' (', bilingual(loc.warning), ')') : '';
    return joinBilingual({ vi: 'Khóa bí mật: ', en: 'Secret: ' }, where, warning, '.');
  }

  /** `motcua doctor`: is the API reachable (latency), are the credentials valid, where is the secret kept. */
  async doctorChecks(): Promise<DoctorCheck[]> {
    const secrets = await this.#secretsCheck();
    const url = await this.d.settings.apiUrl();
    const apiLabel = { vi: 'Máy chủ tỉnh', en: 'Provincial server' };
    const credLabel = { vi: 'Thông tin thiết bị', en: 'Device credentials' };
    if (!url) return [checkRow('api', 'unconfigured', apiLabel, { vi: 'chưa cấu hình (motcua api set …)', en: 'not configured (motcua api set …)' }), secrets];
    let t: ApiTestResult;
    try {
      t = await this.test();
    } catch (e) {
      const message = errorBilingual(e);
      let reach = checkRow('api', 'fail', apiLabel, message);
      try {
        const r = await new ProvincialApi({ baseUrl: checkApiUrl(url), clientId: '', clientSecret: '' }).reach();
        reach = r.reachable
          ? checkRow('api', 'ok', apiLabel, { vi: `${url} trả lời sau ${r.ms} ms`, en: `${url} answered in ${r.ms} ms` })
          : checkRow('api', 'fail', apiLabel, joinBilingual(`${url}: `, why(r)));
      } catch {
        // an invalid address: the message above already says so
      }
      return [reach, checkRow('credentials', 'fail', credLabel, message), secrets];
    }
    return [
      checkRow('api', t.reachable ? 'ok' : 'fail', apiLabel, { vi: t.lines[0]!, en: t.linesEn[0]! }),
      checkRow('credentials', t.credentials === 'ok' ? 'ok' : t.credentials === 'refused' ? 'fail' : 'warn', credLabel, { vi: t.lines[1]!, en: t.linesEn[1]! }),
      secrets,
    ];
  }

  async #secretsCheck(): Promise<DoctorCheck> {
    const label = { vi: 'Nơi giữ khóa bí mật', en: 'Where the secret is kept' };
    if (process.env.MOTCUA_CLIENT_SECRET) {
      return checkRow('secrets', 'warn', label, {
        vi: 'lấy từ biến môi trường MOTCUA_CLIENT_SECRET (dành cho IT và kiểm thử; lưu hẳn bằng motcua api set)',
        en: 'taken from the environment variable MOTCUA_CLIENT_SECRET (for IT and tests; save it for good with motcua api set)',
      });
    }
    try {
      const loc = await this.d.secrets.location('sync.clientSecret');
      const warning = loc.warning ? joinBilingual({ vi: '. Cảnh báo: ', en: '. Warning: ' }, bilingual(loc.warning)) : '';
      if (!loc.stored) return checkRow('secrets', 'unconfigured', label, joinBilingual({ vi: 'chưa lưu khóa bí mật nào; sẽ lưu trong ', en: 'no secret saved yet; it will be kept in ' }, bilingual(loc.where), warning));
      return checkRow('secrets', loc.warning ? 'warn' : 'ok', label, joinBilingual(bilingual(loc.where), warning));
    } catch (e) {
      return checkRow('secrets', 'fail', label, errorBilingual(e));
    }
  }
}

/**
 * Why the province did not answer, in both languages: the client keys every reason it makes (a
 * timeout, the errno of a refused or unknown host, 'could not connect' with undici's words).
 */
function why(r: { readonly reason: string | null; readonly wording: KeyedText | null }): Bilingual {
  return r.wording ? bilingual(r.wording) : { vi: r.reason ?? '', en: r.reason ?? '' };
}

import { FIRST_RUN_ACTOR, type Actor } from '../../common/domain/actor';
import type { DoctorCheck } from '../../common/domain/doctor';
import { AppFailure, failure } from '../../common/ipc/result';
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
  readonly secret: { readonly stored: boolean; readonly store: SecretStoreKind; readonly where: string; readonly warning: string | null };
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

  async configure(actor: Actor, o: ApiCredentials): Promise<{ apiUrl: string; clientId: string; store: SecretStoreKind; where: string; warning: string | null }> {
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
    const lines = [
      reach.reachable ? `Máy chủ tỉnh ${cfg.baseUrl}: trả lời sau ${reach.ms} ms.` : `Máy chủ tỉnh ${cfg.baseUrl}: không kết nối được (${reach.reason}).`,
      !cred
        ? `Thông tin thiết bị ${cfg.clientId}: chưa kiểm tra được vì không kết nối được máy chủ.`
        : cred.kind === 'ok'
          ? `Thông tin thiết bị ${cfg.clientId}: hợp lệ (cấp phiên làm việc sau ${cred.ms} ms).`
          : cred.kind === 'refused'
            ? `Thông tin thiết bị ${cfg.clientId}: bị từ chối (HTTP ${cred.status}) — kiểm tra mã thiết bị và khóa bí mật.`
            : `Thông tin thiết bị ${cfg.clientId}: chưa kiểm tra được (${cred.reason}).`,
      candidate ? 'Khóa bí mật: chưa lưu (đang thử thông tin vừa nhập).' : await this.#secretLine(),
    ];
    return {
      ok: reach.reachable && cred?.kind === 'ok',
      apiUrl: cfg.baseUrl,
      clientId: cfg.clientId,
      reachable: reach.reachable,
      latencyMs: reach.ms,
      credentials: cred?.kind === 'ok' ? 'ok' : cred?.kind === 'refused' ? 'refused' : 'unchecked',
      tokenMs: cred?.kind === 'ok' ? cred.ms : null,
      lines,
    };
  }

  async #secretLine(): Promise<string> {
    if (process.env.MOTCUA_CLIENT_SECRET) return 'Khóa bí mật: lấy từ biến môi trường MOTCUA_CLIENT_SECRET.';
    const loc = await this.d.secrets.location('sync.clientSecret');
    return `Khóa bí mật: ${loc.stored ? `lưu trong ${loc.where}` : 'chưa lưu'}${loc.warning && loc.stored ? ` (${loc.warning})` : ''}.`;
  }

  /** `motcua doctor`: is the API reachable (latency), are the credentials valid, where is the secret kept. */
  async doctorChecks(): Promise<DoctorCheck[]> {
    const secrets = await this.#secretsCheck();
    const url = await this.d.settings.apiUrl();
    if (!url) return [{ id: 'api', label: 'Máy chủ tỉnh', status: 'unconfigured', detail: 'chưa cấu hình (motcua api set …)' }, secrets];
    let t: ApiTestResult;
    try {
      t = await this.test();
    } catch (e) {
      const message = e instanceof AppFailure ? e.message : (e as Error).message;
      let reach: DoctorCheck = { id: 'api', label: 'Máy chủ tỉnh', status: 'fail', detail: message };
      try {
        const r = await new ProvincialApi({ baseUrl: checkApiUrl(url), clientId: '', clientSecret: '' }).reach();
        reach = { ...reach, status: r.reachable ? 'ok' : 'fail', detail: r.reachable ? `${url} trả lời sau ${r.ms} ms` : `${url}: không kết nối được (${r.reason})` };
      } catch {
        // an invalid address: the message above already says so
      }
      return [reach, { id: 'credentials', label: 'Thông tin thiết bị', status: 'fail', detail: message }, secrets];
    }
    return [
      { id: 'api', label: 'Máy chủ tỉnh', status: t.reachable ? 'ok' : 'fail', detail: t.lines[0]! },
      { id: 'credentials', label: 'Thông tin thiết bị', status: t.credentials === 'ok' ? 'ok' : t.credentials === 'refused' ? 'fail' : 'warn', detail: t.lines[1]! },
      secrets,
    ];
  }

  async #secretsCheck(): Promise<DoctorCheck> {
    const label = 'Nơi giữ khóa bí mật';
    if (process.env.MOTCUA_CLIENT_SECRET) {
      return { id: 'secrets', label, status: 'warn', detail: 'lấy từ biến môi trường MOTCUA_CLIENT_SECRET (dành cho IT và kiểm thử; lưu hẳn bằng motcua api set)' };
    }
    try {
      const loc = await this.d.secrets.location('sync.clientSecret');
      if (!loc.stored) return { id: 'secrets', label, status: 'unconfigured', detail: `chưa lưu khóa bí mật nào; sẽ lưu trong ${loc.where}${loc.warning ? `. Cảnh báo: ${loc.warning}` : ''}` };
      return { id: 'secrets', label, status: loc.warning ? 'warn' : 'ok', detail: `${loc.where}${loc.warning ? `. Cảnh báo: ${loc.warning}` : ''}` };
    } catch (e) {
      return { id: 'secrets', label, status: 'fail', detail: e instanceof AppFailure ? e.message : (e as Error).message };
    }
  }
}

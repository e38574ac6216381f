import { failure } from '../../common/ipc/result';
import type { SecretVault } from '../secrets/secret-vault';
import type { SqliteStore } from '../store/sqlite-store';
import { apiUrlAllowed } from './http-guard';
import type { ApiConfig } from './provincial-api';

/**
 * The provincial API's address, refused unless it is https (or plain http to a server on this PC:
 * development, tests). The client secret must never cross a network in clear.
 */
export function checkApiUrl(baseUrl: string): string {
  // The one https-except-loopback rule, shared with the API client itself.
  if (!apiUrlAllowed(baseUrl)) throw failure('invalid_input', 'api.badUrl', { url: baseUrl });
  return new URL(baseUrl).toString().replace(/\/+$/, '');
}

/**
 * Connection settings: MOTCUA_API_URL / MOTCUA_CLIENT_ID / MOTCUA_CLIENT_SECRET win (IT's override,
 * tests), else what the administrator saved: the URL and client id in the settings, the client
 * secret in the secret vault (OS keyring, Electron's safeStorage or the key file), never the database.
 */
export async function resolveApiConfig(store: SqliteStore, override: { apiUrl?: string } = {}, secrets?: SecretVault): Promise<ApiConfig | null> {
  const baseUrl = override.apiUrl ?? process.env.MOTCUA_API_URL ?? (await store.getSetting('sync.apiUrl'));
  if (!baseUrl) return null;
  const clientId = process.env.MOTCUA_CLIENT_ID ?? (await store.getSetting('sync.clientId'));
  const clientSecret = process.env.MOTCUA_CLIENT_SECRET ?? (secrets ? await secrets.get('sync.clientSecret') : null);
  if (!clientId || !clientSecret) {
    throw failure('conflict', 'api.credentialsMissing');
  }
  checkApiUrl(baseUrl);
  const timeout = Number(process.env.MOTCUA_HTTP_TIMEOUT_MS);
  return { baseUrl, clientId, clientSecret, ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}) };
}

/** Backoff bounds from the environment (tests and training rooms shorten them). */
export function backoffFromEnv(): { baseBackoffMs?: number; maxBackoffMs?: number } {
  const base = Number(process.env.MOTCUA_SYNC_BACKOFF_MS);
  const max = Number(process.env.MOTCUA_SYNC_BACKOFF_MAX_MS);
  return { ...(base > 0 ? { baseBackoffMs: base } : {}), ...(max > 0 ? { maxBackoffMs: max } : {}) };
}

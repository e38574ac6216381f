import { AppFailure } from '../../common/ipc/result';
import type { SqliteStore } from '../store/sqlite-store';
import { apiUrlAllowed } from './http-guard';
import type { ApiConfig } from './provincial-api';

/**
 * Connection settings: MOTCUA_API_URL / MOTCUA_CLIENT_ID / MOTCUA_CLIENT_SECRET, else what the
 * administrator saved. The secret is never written to the database by the app: the Electron
 * build keeps it in the OS keychain (safeStorage); the CLI takes it from the environment.
 */
export async function resolveApiConfig(store: SqliteStore, override: { apiUrl?: string } = {}): Promise<ApiConfig | null> {
  const baseUrl = override.apiUrl ?? process.env.MOTCUA_API_URL ?? (await store.getSetting('sync.apiUrl'));
  if (!baseUrl) return null;
  const clientId = process.env.MOTCUA_CLIENT_ID ?? (await store.getSetting('sync.clientId'));
  const clientSecret = process.env.MOTCUA_CLIENT_SECRET ?? null;
  if (!clientId || !clientSecret) {
    throw new AppFailure('conflict', 'Thiếu thông tin thiết bị để kết nối máy chủ tỉnh (MOTCUA_CLIENT_ID, MOTCUA_CLIENT_SECRET).');
  }
  // The one https-except-loopback rule, shared with the API client itself.
  if (!apiUrlAllowed(baseUrl)) throw new AppFailure('invalid_input', `Địa chỉ máy chủ tỉnh không hợp lệ hoặc không dùng https: ${baseUrl}`);
  const timeout = Number(process.env.MOTCUA_HTTP_TIMEOUT_MS);
  return { baseUrl, clientId, clientSecret, ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}) };
}

/** Backoff bounds from the environment (tests and training rooms shorten them). */
export function backoffFromEnv(): { baseBackoffMs?: number; maxBackoffMs?: number } {
  const base = Number(process.env.MOTCUA_SYNC_BACKOFF_MS);
  const max = Number(process.env.MOTCUA_SYNC_BACKOFF_MAX_MS);
  return { ...(base > 0 ? { baseBackoffMs: base } : {}), ...(max > 0 ? { maxBackoffMs: max } : {}) };
}

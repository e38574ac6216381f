import i18next from 'i18next';
import type { DisplayApi, MotcuaApi } from '../../electron/common/ipc/bridge';
import { errorText, type AppError } from '../../electron/common/ipc/result';

declare global {
  interface Window {
    readonly motcua: MotcuaApi;
  }
}

/** The renderer's only door to the app: the contract-derived object the host exposes. */
export function api(): MotcuaApi {
  if (!window.motcua) throw new Error('window.motcua is missing: the page was not opened by Một Cửa Desk.');
  return window.motcua;
}

/** The citizen display page's door: its host exposes the display's own channels only (createDisplayApi). */
export function displayApi(): DisplayApi {
  if (!window.motcua) throw new Error('window.motcua is missing: the page was not opened by Một Cửa Desk.');
  return window.motcua as unknown as DisplayApi;
}

/** A failure (or one of its details) in the officer's language: keyed ones are re-worded, others shown as main sent them. */
export function errText(e: Pick<AppError, 'message' | 'key' | 'params'>): string {
  return errorText(e, i18next.language === 'en' ? 'en' : 'vi');
}


import type { MotcuaApi } from '../../electron/common/ipc/bridge';

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

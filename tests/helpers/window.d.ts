import type { MotcuaApi } from '../../electron/common/ipc/bridge';

declare global {
  interface Window {
    readonly motcua: MotcuaApi;
  }
}

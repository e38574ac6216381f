/**
 * Runs in the app page before any app script (Playwright addInitScript) and exposes the same
 * `window.motcua` as the Electron preload, bound to the host's Playwright bindings. The binding
 * globals are captured and removed, so the renderer sees only `window.motcua`.
 */
import { createMotcuaApi } from '../common/ipc/bridge';
import { exposeBridge } from './page-bridge';

exposeBridge(createMotcuaApi);

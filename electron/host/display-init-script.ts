/**
 * The citizen display page's init script: `window.motcua` there holds the display's own channels
 * and event only (the Electron display preload exposes the same), never the officer's API.
 */
import { createDisplayApi } from '../common/ipc/bridge';
import { exposeBridge } from './page-bridge';

exposeBridge(createDisplayApi);

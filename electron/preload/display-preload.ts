/**
 * The citizen display window's preload: `window.motcua` with the display's own channels and
 * event only (createDisplayApi), so the page on the citizen's screen cannot name the officer's API.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createDisplayApi } from '../common/ipc/bridge';
import { wireChannel } from '../common/ipc/channel-names';

const api = createDisplayApi({
  invoke: (channel, input) => ipcRenderer.invoke(wireChannel(channel), input),
  subscribe: (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(wireChannel(event), wrapped);
    return () => {
      ipcRenderer.removeListener(wireChannel(event), wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('motcua', api);

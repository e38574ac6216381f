/**
 * The only bridge into the sandboxed renderer: exactly one object, `window.motcua`, derived from
 * the contract. Never ipcRenderer, never event objects (checklist item 20).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createMotcuaApi } from '../common/ipc/bridge';
import { wireChannel } from '../common/ipc/channel-names';

const api = createMotcuaApi({
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

/**
 * The sandboxed preload: CommonJS (sandboxed preloads cannot be ES modules) and
 * requiring nothing but `electron`. It exposes exactly the `CasebookBridge` of
 * shared/api/contract.ts as `window.casebook`; never `ipcRenderer` itself.
 */
import electron = require('electron');

// Copied from electron/security.ts (IPC_INVOKE_CHANNEL, IPC_EVENT_CHANNEL): a sandboxed preload may only require electron.
const INVOKE_CHANNEL = 'casebook:invoke';
const EVENT_CHANNEL = 'casebook:event';

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('casebook', {
  invoke(channel: string, payload: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload);
  },
  subscribe(listener: (event: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
    // The renderer gets the event payload only, never the IpcRendererEvent (it holds the sender).
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});

// The narrow bridge: a hand-written, typed object on window.lupa whose every function
// invokes one allow-listed channel. The renderer never touches ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import type { LupaBridge } from '../shared/bridge.js';
import { IPC_CHANNELS } from '../shared/ipc-channels.js';

export const bridge: LupaBridge = {
  session: {
    status: () => ipcRenderer.invoke(IPC_CHANNELS.sessionStatus),
    signIn: (request) => ipcRenderer.invoke(IPC_CHANNELS.sessionSignIn, request),
    signOut: () => ipcRenderer.invoke(IPC_CHANNELS.sessionSignOut),
  },
  graphql: (request) => ipcRenderer.invoke(IPC_CHANNELS.graphqlRequest, request),
  fetchExport: (request) => ipcRenderer.invoke(IPC_CHANNELS.exportFetch, request),
};

contextBridge.exposeInMainWorld('lupa', bridge);

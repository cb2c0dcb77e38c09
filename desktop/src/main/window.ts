// The one application window. Its web preferences are the checklist's settings, spelled
// out even where they are Electron's defaults, so a change of default cannot weaken them.
import type { BrowserWindow as BrowserWindowClass, WebPreferences } from 'electron';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';

export function webPreferencesFor(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** Opens the window and records its web contents as a trusted IPC sender while it lives. */
export function createMainWindow(preloadPath: string, trustedSenders: Set<number>): BrowserWindowClass {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Lupa',
    webPreferences: webPreferencesFor(preloadPath),
  });
  const id = window.webContents.id;
  trustedSenders.add(id);
  window.on('closed', () => trustedSenders.delete(id));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

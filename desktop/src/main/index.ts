// The Electron main process: the app:// scheme, the hardened session and window, the IPC
// allow-list and the officer's session kept with safeStorage.
import { join } from 'node:path';
import { app, ipcMain, protocol, safeStorage, session } from 'electron';
import { registerAppScheme, serveRendererFiles } from './app-protocol.js';
import { hardenSession, hardenWebContents } from './hardening.js';
import { createSenderCheck, registerIpcHandlers } from './ipc.js';
import { createIpcHandlers } from './ipc-handlers.js';
import { installApplicationMenu } from './menu.js';
import { OfficerSession } from './officer-session.js';
import { createSafeStorageVault } from './token-vault.js';
import { createMainWindow } from './window.js';

registerAppScheme(protocol);
app.enableSandbox();

const trustedSenders = new Set<number>();
// Every web contents, including any the app did not mean to create, gets the same rules.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

// app.getAppPath() is desktop/, where package.json names dist/electron/main.cjs.
const appRoot = app.getAppPath();
const preloadPath = join(appRoot, 'dist/electron/preload.cjs');
const rendererRoot = join(appRoot, 'dist/renderer');

app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  serveRendererFiles(protocol, rendererRoot);
  installApplicationMenu();
  const officer = new OfficerSession(
    createSafeStorageVault(safeStorage, join(app.getPath('userData'), 'officer-session.json')),
    (input, init) => fetch(input, init),
  );
  registerIpcHandlers(ipcMain, createSenderCheck(trustedSenders), createIpcHandlers(officer), (channel) =>
    console.warn(`Ignored ${channel} from a sender this app did not create`),
  );
  createMainWindow(preloadPath, trustedSenders);
  app.on('activate', () => {
    if (trustedSenders.size === 0) createMainWindow(preloadPath, trustedSenders);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

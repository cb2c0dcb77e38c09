// A stand-in for the parts of Electron the main process touches, recording what it was
// asked to do, for tests that `vi.mock('electron')`.
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly handlers = new Map<string, Handler>();
  windowOpenHandler: Handler | null = null;
  on(event: string, handler: Handler) {
    this.handlers.set(event, handler);
    return this;
  }
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
}

export class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  beforeRequest: Handler | null = null;
  setPermissionRequestHandler(handler: Handler) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler) {
    this.permissionCheckHandler = handler;
  }
  webRequest = {
    onBeforeRequest: (handler: Handler) => {
      this.beforeRequest = handler;
    },
  };
}

export function createElectronFake() {
  const windows: { options: Record<string, unknown>; webContents: FakeWebContents; loaded: string[] }[] = [];
  class BrowserWindow {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      windows.push({ options, webContents: this.webContents, loaded: this.loaded });
    }
    on() {
      return this;
    }
    once() {
      return this;
    }
    show() {}
    async loadURL(url: string) {
      this.loaded.push(url);
    }
  }
  const appHandlers = new Map<string, Handler>();
  const ipcHandlers = new Map<string, Handler>();
  const defaultSession = new FakeSession();
  const electron = {
    BrowserWindow,
    app: {
      enableSandbox: vi.fn(),
      on: vi.fn((event: string, handler: Handler) => appHandlers.set(event, handler)),
      whenReady: vi.fn(() => Promise.resolve()),
      getAppPath: () => '/opt/lupa/desktop',
      getPath: () => '/tmp/lupa-desktop-test',
      quit: vi.fn(),
    },
    ipcMain: { handle: vi.fn((channel: string, handler: Handler) => ipcHandlers.set(channel, handler)) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`enc:${text}`),
      decryptString: (buffer: Buffer) => buffer.toString().replace(/^enc:/, ''),
    },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => template) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => 'answer'), on: vi.fn(), send: vi.fn() },
  };
  return { electron, windows, appHandlers, ipcHandlers, defaultSession };
}

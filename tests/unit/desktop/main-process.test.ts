// The Electron main process, started against a fake Electron: every security setting of the
// window, the app:// scheme, the hardened session, navigation and new windows denied, and
// IPC handlers registered for the allow-list only.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALLOWED_CHANNELS } from '../../../desktop/src/shared/ipc-channels.js';
import { createElectronFake, FakeWebContents } from './electron-fake.js';

const fake = createElectronFake();
vi.mock('electron', () => fake.electron);

describe('Electron main process', () => {
  beforeAll(async () => {
    await import('../../../desktop/src/main/index.js');
    // Let app.whenReady().then(...) run.
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('enables the sandbox for every renderer and registers app:// as a secure standard scheme', () => {
    expect(fake.electron.app.enableSandbox).toHaveBeenCalled();
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
    ]);
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens one window with every security setting, loading the app from app://', () => {
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window?.options.webPreferences).toEqual({
      preload: '/opt/lupa/desktop/dist/electron/preload.cjs',
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
    });
    expect(window?.loaded).toEqual(['app://lupa/index.html']);
  });

  it('hardens every web contents created: navigation, redirects, webviews and new windows are denied', () => {
    const created = fake.appHandlers.get('web-contents-created');
    const contents = new FakeWebContents();
    created?.({}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.handlers.get(event)?.({ preventDefault }, 'https://attacker.example/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
    // Even a URL of the app itself: the UI routes by hash, which is not a navigation.
    const preventDefault = vi.fn();
    contents.handlers.get('will-navigate')?.({ preventDefault }, 'app://lupa/index.html');
    expect(preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://lupa/index.html' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    const session = fake.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.({}, permission)).toBe(false);
    }
  });

  it('loads no remote content: only app:// requests pass the session', () => {
    const decide = (url: string) => {
      const callback = vi.fn();
      fake.defaultSession.beforeRequest?.({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('app://lupa/assets/index.js')).toEqual({ cancel: false });
    expect(decide('https://cdn.example/script.js')).toEqual({ cancel: true });
    expect(decide('http://localhost:4000/graphql')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('app://elsewhere/index.html')).toEqual({ cancel: true });
  });

  it('registers IPC handlers for exactly the allow-listed channels', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...ALLOWED_CHANNELS].sort());
    for (const channel of ALLOWED_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z-]+$/);
  });

  it('ignores IPC from a web contents it did not create, and from a foreign page in its own window', async () => {
    const handler = fake.ipcHandlers.get('session:status');
    const ownId = fake.windows[0]?.webContents.id;
    const stranger = { sender: { id: 9999 }, senderFrame: { url: 'app://lupa/index.html' } };
    expect(await handler?.(stranger)).toBeUndefined();
    const navigatedAway = { sender: { id: ownId }, senderFrame: { url: 'https://attacker.example/' } };
    expect(await handler?.(navigatedAway)).toBeUndefined();
    const noFrame = { sender: { id: ownId }, senderFrame: null };
    expect(await handler?.(noFrame)).toBeUndefined();
  });

  it('answers IPC from its own window showing its own page', async () => {
    const handler = fake.ipcHandlers.get('session:status');
    const own = { sender: { id: fake.windows[0]?.webContents.id }, senderFrame: { url: 'app://lupa/index.html' } };
    // No session file in the fake user-data folder: signed out, no server yet.
    expect(await handler?.(own)).toEqual({ signedIn: false, server: null });
  });

  describe('the API server must be https, except on loopback', () => {
    const own = () => ({
      sender: { id: fake.windows[0]?.webContents.id },
      senderFrame: { url: 'app://lupa/index.html' },
    });
    const signIn = (server: string) =>
      fake.ipcHandlers.get('session:sign-in')?.(own(), { server, email: 'officer@example.invalid', password: 'pw' });
    /** Every request the main process sends; none is answered, so a sign-in ends UNREACHABLE. */
    let sent: string[];
    beforeEach(() => {
      sent = [];
      vi.stubGlobal('fetch', async (input: string) => {
        sent.push(input);
        throw new TypeError('fetch failed');
      });
    });
    afterEach(() => vi.unstubAllGlobals());

    it.each([
      'http://lupa.example',
      'http://lupa.example:4000',
      'http://192.168.1.10:4000',
      'http://10.0.0.1',
      'http://127.0.0.2:4000',
      'http://localhost.lupa.example',
    ])('refuses %s before sending anything, with a reason the renderer translates', async (server) => {
      expect(await signIn(server)).toMatchObject({ ok: false, reason: 'INSECURE_SERVER', message: /https/ });
      expect(sent).toEqual([]);
    });

    it.each([
      ['http://127.0.0.1:4000', 'http://127.0.0.1:4000/graphql'],
      ['http://localhost:4000', 'http://localhost:4000/graphql'],
      ['http://[::1]:4000', 'http://[::1]:4000/graphql'],
      ['localhost:4000', 'http://localhost:4000/graphql'],
      ['https://lupa.example', 'https://lupa.example/graphql'],
      // Typed without a scheme, a remote address means https.
      ['lupa.example', 'https://lupa.example/graphql'],
    ])('signs in to %s at %s', async (server, url) => {
      expect(await signIn(server)).toMatchObject({ ok: false, reason: 'UNREACHABLE' });
      expect(sent).toEqual([url]);
    });
  });

  it('replaces the default menu, whose Help items open web pages', () => {
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const template = fake.electron.Menu.buildFromTemplate.mock.calls[0]?.[0] as { role: string }[];
    expect(template.map((item) => item.role)).not.toContain('help');
  });
});

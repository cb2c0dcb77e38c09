// The preload exposes one object, window.lupa, whose functions invoke allow-listed channels
// only; no ipcRenderer, no event subscription, no Node API reaches the renderer.
import { describe, expect, it, vi } from 'vitest';
import { ALLOWED_CHANNELS } from '../../../desktop/src/shared/ipc-channels.js';
import { createElectronFake } from './electron-fake.js';

const fake = createElectronFake();
vi.mock('electron', () => fake.electron);

describe('preload bridge', () => {
  it('exposes exactly the typed bridge as window.lupa', async () => {
    await import('../../../desktop/src/preload/index.js');
    expect(fake.electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = fake.electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      Record<string, unknown>,
    ];
    expect(name).toBe('lupa');
    expect(Object.keys(api).sort()).toEqual(['fetchExport', 'graphql', 'session']);
    expect(Object.keys(api.session as object).sort()).toEqual(['signIn', 'signOut', 'status']);
    expect(JSON.stringify(api)).not.toMatch(/ipcRenderer/);
  });

  it('invokes only allow-listed channels', async () => {
    const { bridge } = await import('../../../desktop/src/preload/index.js');
    await bridge.session.status();
    await bridge.session.signIn({ server: 'http://localhost:4000', email: 'a@example.invalid', password: 'x' });
    await bridge.session.signOut();
    await bridge.graphql({ query: '{ me { id } }' });
    await bridge.fetchExport({ path: '/admin/api/audit-export.csv', query: {} });
    const channels = fake.electron.ipcRenderer.invoke.mock.calls.map((call) => (call as unknown[])[0]);
    expect(channels).toHaveLength(5);
    for (const channel of channels) expect(ALLOWED_CHANNELS).toContain(channel);
    expect(fake.electron.ipcRenderer.on).not.toHaveBeenCalled();
    expect(fake.electron.ipcRenderer.send).not.toHaveBeenCalled();
  });
});

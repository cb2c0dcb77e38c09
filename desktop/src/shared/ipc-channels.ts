// Every channel between the renderer and the main process, in one allow-list (the Electron
// Fiddle / Podman Desktop habit). Names are `domain:action`. The main process registers
// handlers for these and nothing else; the preload invokes these and nothing else.
export const IPC_CHANNELS = {
  sessionStatus: 'session:status',
  sessionSignIn: 'session:sign-in',
  sessionSignOut: 'session:sign-out',
  graphqlRequest: 'graphql:request',
  exportFetch: 'export:fetch',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

export const ALLOWED_CHANNELS: readonly IpcChannel[] = Object.values(IPC_CHANNELS);

export function isAllowedChannel(channel: string): channel is IpcChannel {
  return (ALLOWED_CHANNELS as readonly string[]).includes(channel);
}

// Registers a handler for every allow-listed channel, and for nothing else. A message is
// answered only when it comes from a window this process created, showing our own
// app:// page: anything else (a stray frame, a navigated window) is ignored unanswered.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ALLOWED_CHANNELS, type IpcChannel } from '../shared/ipc-channels.js';
import { isAppUrl } from './app-origin.js';

export type IpcHandlers = Record<IpcChannel, (payload: unknown) => Promise<unknown>>;

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function createSenderCheck(trustedSenders: ReadonlySet<number>): SenderCheck {
  return (event) => trustedSenders.has(event.sender.id) && isAppUrl(event.senderFrame?.url ?? '');
}

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  isTrustedSender: SenderCheck,
  handlers: IpcHandlers,
  onRejected: (channel: IpcChannel) => void = () => {},
): void {
  for (const channel of ALLOWED_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        onRejected(channel);
        return undefined;
      }
      return handlers[channel](payload);
    });
  }
}

// The Electron security checklist, applied to every web contents and the session: the
// renderer may not navigate, open windows, attach webviews, load anything but app://, or
// be granted any permission (camera, notifications, geolocation, …).
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin.js';

export function hardenWebContents(contents: WebContents): void {
  // The UI routes with the URL hash, which is not a navigation: every real navigation is
  // either a bug or an attack (a link injected into rendered data), so all are refused.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows, and no shell.openExternal either: a URL from server data is untrusted.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // No remote content: the renderer may load only its own files. Talking to the Lupa server
  // happens in the main process, which does not go through this session.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAppUrl(details.url) && !details.url.startsWith('devtools://') });
  });
}

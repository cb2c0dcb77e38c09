// The renderer is served from the app's own privileged scheme, never from file:// or a
// remote server: one origin to trust, and nothing else is ever loaded.
export const APP_SCHEME = 'app';
export const APP_HOST = 'lupa';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

// The renderer makes no network requests of its own (the main process talks to the server
// for it), so connect-src is 'none'; no inline script or style, no plugins, no framing.
export const DESKTOP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

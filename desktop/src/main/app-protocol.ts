// Serves the built renderer (desktop/dist/renderer) under app://lupa/ with the strict CSP
// on every answer. A path that resolves outside the renderer folder is refused, so a
// crafted URL cannot read other files from disk.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, DESKTOP_CSP } from './app-origin.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready: makes app:// a standard, secure origin. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
  ]);
}

/** The file an app:// URL names inside `root`, or null when it names anything else. */
export function resolveRendererFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(base + sep) ? file : null;
}

export function serveRendererFiles(
  protocol: Pick<Protocol, 'handle'>,
  root: string,
  read: (file: string) => Promise<Uint8Array> = readFile,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = { 'content-security-policy': DESKTOP_CSP, 'x-content-type-options': 'nosniff' };
    const file = resolveRendererFile(root, request.url);
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      const body = await read(file);
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      return new Response(body as BodyInit, { headers: { ...headers, 'content-type': type } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });
}

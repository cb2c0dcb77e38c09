// Serves the officers' admin UI (the desktop app's renderer, built by Vite into
// desktop/dist/renderer) at /admin/, for officers who cannot install software. Files are
// read per request, so a rebuild needs no restart. When the build is missing, /admin/
// says how to build it instead of answering an empty 404.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_PREFIX = '/admin/';
// Paths under /admin/api/ belong to the API's own routes (exports), never to files.
const API_PREFIX = '/admin/api/';

export const DEFAULT_ADMIN_ROOT = fileURLToPath(new URL('../../../desktop/dist/renderer/', import.meta.url));

// The UI talks only to this origin; no inline script or style, no framing, no plugins.
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const BUILD_HINT = [
  'The admin UI has not been built on this server.',
  '',
  'Build it once with:  pnpm admin:build',
  '(pnpm start builds it automatically when it is missing; it takes a few seconds.)',
].join('\n');

type StaticRoute = (request: Request) => Promise<Response>;

export function createAdminStatic(root: string = DEFAULT_ADMIN_ROOT): {
  match(pathname: string): StaticRoute | undefined;
} {
  const base = resolve(root);
  const headers = {
    'content-security-policy': ADMIN_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };

  async function serve(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { ...headers, allow: 'GET, HEAD' } });
    }
    const { pathname } = new URL(request.url);
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(ADMIN_PREFIX.length)) || 'index.html';
    } catch {
      return notFound();
    }
    const file = resolve(base, relative);
    if (relative.includes('\0') || !file.startsWith(base + sep)) return notFound();
    try {
      const body = await readFile(file);
      const isIndex = file === resolve(base, 'index.html');
      return new Response(request.method === 'HEAD' ? null : body, {
        headers: {
          ...headers,
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          // Built assets carry a content hash in their name; the page itself must not be cached.
          'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
        },
      });
    } catch {
      if (relative === 'index.html') {
        return new Response(BUILD_HINT, {
          status: 503,
          headers: { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        });
      }
      return notFound();
    }
  }

  function notFound(): Response {
    return new Response('Not found', {
      status: 404,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  }

  return {
    match(pathname) {
      if (pathname === '/admin') {
        return async () => new Response(null, { status: 308, headers: { ...headers, location: ADMIN_PREFIX } });
      }
      if (pathname.startsWith(API_PREFIX)) return undefined;
      return pathname.startsWith(ADMIN_PREFIX) ? serve : undefined;
    },
  };
}

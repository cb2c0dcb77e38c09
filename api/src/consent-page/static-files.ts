// The page's only stylesheet and script, read once at start-up and served from our own
// origin, so the CSP can forbid every inline style and script.
import { readFileSync } from 'node:fs';
import { PAGE_HEADERS } from './page-request.js';

const FILES: Record<string, { file: string; type: string }> = {
  '/static/page.css': { file: 'page.css', type: 'text/css; charset=utf-8' },
  '/static/page.js': { file: 'page.js', type: 'text/javascript; charset=utf-8' },
};

export function createStaticRoutes(): Record<string, () => Promise<Response>> {
  return Object.fromEntries(
    Object.entries(FILES).map(([path, { file, type }]) => {
      const body = readFileSync(new URL(`./static/${file}`, import.meta.url), 'utf8');
      return [
        path,
        async () =>
          new Response(body, {
            headers: { ...PAGE_HEADERS, 'content-type': type, 'cache-control': 'public, max-age=300' },
          }),
      ];
    }),
  );
}

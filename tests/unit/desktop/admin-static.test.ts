// /admin/ serves the built admin UI with its strict CSP, says how to build it when the
// build is missing, refuses paths outside the build, and leaves /admin/api/ to the API.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_CSP, createAdminStatic } from '../../../api/src/http/admin-static.js';

const built = mkdtempSync(join(tmpdir(), 'lupa-admin-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><title>Lupa</title>');
writeFileSync(join(built, 'assets/app-1234.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'lupa-admin-secret.txt'), 'secret');
const empty = mkdtempSync(join(tmpdir(), 'lupa-admin-empty-'));

afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

async function get(root: string, path: string, method = 'GET'): Promise<Response | undefined> {
  const route = createAdminStatic(root).match(new URL(path, 'http://localhost').pathname);
  return route?.(new Request(`http://localhost${path}`, { method }));
}

describe('/admin static files', () => {
  it('serves index.html with the strict CSP and no caching', async () => {
    const response = await get(built, '/admin/');
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toBe(ADMIN_CSP);
    expect(ADMIN_CSP).toContain("script-src 'self'");
    expect(ADMIN_CSP).not.toContain('unsafe-inline');
    expect(response?.headers.get('cache-control')).toBe('no-store');
    expect(await response?.text()).toContain('<title>Lupa</title>');
  });

  it('serves hashed assets as immutable', async () => {
    const response = await get(built, '/admin/assets/app-1234.js');
    expect(response?.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response?.headers.get('cache-control')).toContain('immutable');
  });

  it('redirects /admin to /admin/ so relative asset URLs resolve', async () => {
    const response = await get(built, '/admin');
    expect(response?.status).toBe(308);
    expect(response?.headers.get('location')).toBe('/admin/');
  });

  it('refuses paths that leave the build folder', async () => {
    for (const path of ['/admin/..%2flupa-admin-secret.txt', '/admin/..%2F..%2Fetc%2Fpasswd', '/admin/%00']) {
      expect((await get(built, path))?.status, path).toBe(404);
    }
    // Dot segments are resolved by URL parsing first: this one never reaches /admin/ at all.
    expect(await get(built, '/admin/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
  });

  it('leaves /admin/api/ to the API routes', async () => {
    expect(await get(built, '/admin/api/audit-export.csv')).toBeUndefined();
  });

  it('says how to build the UI when the build is missing', async () => {
    const response = await get(empty, '/admin/');
    expect(response?.status).toBe(503);
    expect(await response?.text()).toContain('pnpm admin:build');
  });

  it('accepts only GET and HEAD', async () => {
    expect((await get(built, '/admin/', 'POST'))?.status).toBe(405);
    expect((await get(built, '/admin/', 'HEAD'))?.status).toBe(200);
  });
});

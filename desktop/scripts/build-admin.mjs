// Builds the admin UI (the renderer) into desktop/dist/renderer, which the API serves at
// /admin/. With --if-missing it does nothing when a build is already there (pnpm start);
// a failed build is reported but does not stop the API, whose /admin/ then says how to build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const desktop = resolve(import.meta.dirname, '..');
const index = join(desktop, 'dist/renderer/index.html');

export function buildAdmin({ ifMissing = false } = {}) {
  if (ifMissing && existsSync(index)) return true;
  const vite = join(dirname(createRequire(join(desktop, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: desktop, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The admin UI could not be built; /admin/ will say so. Try: pnpm admin:build');
    return false;
  }
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const ok = buildAdmin({ ifMissing: process.argv.includes('--if-missing') });
  // --if-missing runs before `pnpm start`: never block the API on the UI.
  process.exit(ok || process.argv.includes('--if-missing') ? 0 : 1);
}

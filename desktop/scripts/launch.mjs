// pnpm desktop — builds and starts the Electron admin app. Electron's binary is never
// downloaded at install time (its build script is off in pnpm-workspace.yaml, because
// installs must work where only the npm registry is reachable), so the first run tries to
// fetch it; where the network does not allow that, this says so plainly and points at the
// same UI in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { buildAdmin } from './build-admin.mjs';

const desktop = resolve(import.meta.dirname, '..');
const require = createRequire(join(desktop, 'package.json'));
const port = process.env.PORT ?? '4000';
const adminUrl = `http://localhost:${port}/admin/`;

function electronDirectory() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron binary if it has been fetched, else null. */
function electronBinary(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function cannotStart(reason) {
  console.error(
    [
      `The desktop app cannot start: ${reason}`,
      '',
      'The same admin UI runs in a browser. Start Lupa with `pnpm start` and open',
      `  ${adminUrl}`,
    ].join('\n'),
  );
  process.exit(1);
}

const dir = electronDirectory();
if (!dir) cannotStart('the electron package is not installed (run pnpm install).');
let binary = electronBinary(dir);
if (!binary) {
  console.log('Electron has not been downloaded yet; fetching it once (about 100 MB)…');
  // Electron's own installer, which the install step skipped on purpose.
  const fetched = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit', timeout: 300_000 });
  binary = fetched.status === 0 ? electronBinary(dir) : null;
  if (!binary) cannotStart('the Electron binary could not be downloaded (is the network restricted here?).');
}

if (!buildAdmin()) cannotStart('the admin UI did not build.');
const vite = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');
for (const mode of ['main', 'preload']) {
  const built = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'vite.electron.config.ts', '--mode', mode, '--logLevel', 'warn'],
    { cwd: desktop, stdio: 'inherit' },
  );
  if (built.status !== 0) cannotStart(`the ${mode} process did not build.`);
}

const child = spawn(binary, [desktop], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

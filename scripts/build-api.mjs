// Compiles the API and @lupa/db to JavaScript for `pnpm start`, which runs it with plain
// node: no TypeScript loader in the request path or in the start-up. Each .ts file becomes
// one .js file (esbuild's per-file transform, the one tsx applies on the fly, so the
// compiled code behaves as the tested code does), in the package's own dist/ with the same
// layout, so node_modules resolve from there as from the sources and every path relative
// to a module (static files, migrations, the admin UI) still holds. @lupa/db's package.json
// maps its entry points to dist/ under the `lupa-dist` condition (node --conditions=lupa-dist).
// Types are checked by `pnpm typecheck`, not here.
//   node scripts/build-api.mjs             build
//   node scripts/build-api.mjs --if-stale  build only when dist/ is missing or older than a source
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/** Source trees and where each one's output goes. */
const TREES = [
  { from: 'api/src', to: 'api/dist' },
  { from: 'prisma/src', to: 'prisma/dist/src' },
  { from: 'prisma/generated', to: 'prisma/dist/generated' },
];
const OUTPUTS = ['api/dist', 'prisma/dist'];
const STAMP = 'api/dist/.built';
/** The entry point `pnpm start` runs. */
export const COMPILED_MAIN = 'api/dist/main.js';

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** True when there is no build, or a source file (or package.json) changed after it. */
export function isStale() {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp) || !existsSync(join(root, COMPILED_MAIN))) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [
    ...TREES.flatMap(({ from }) => listFiles(join(root, from))),
    join(root, 'api/package.json'),
    join(root, 'prisma/package.json'),
  ];
  return sources.some((file) => statSync(file).mtimeMs > built);
}

export async function buildApi() {
  for (const dir of OUTPUTS) rmSync(join(root, dir), { recursive: true, force: true });
  for (const { from, to } of TREES) {
    const files = listFiles(join(root, from));
    const entryPoints = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
    await build({
      entryPoints,
      outdir: join(root, to),
      outbase: join(root, from),
      bundle: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    // Files read at run time beside the modules (the consent page's script and styles).
    for (const file of files.filter((f) => !f.endsWith('.ts'))) {
      const target = join(root, to, relative(join(root, from), file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
    }
  }
  writeFileSync(join(root, STAMP), `${new Date().toISOString()}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  const started = performance.now();
  await buildApi();
  console.log(`Compiled the API to ${OUTPUTS.join(' and ')} in ${Math.round(performance.now() - started)} ms.`);
}

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
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { COMPILED_MAIN, isStale, listFiles, OUTPUTS, root, STAMP, TREES } from './build-state.mjs';

export { COMPILED_MAIN, isStale };

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

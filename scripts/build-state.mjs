// Where the compiled API lives and whether it is up to date (scripts/build-api.mjs builds
// it). Apart from the build so that running a compiled command-line tool (scripts/cli.mjs)
// never loads esbuild.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

/** Source trees and where each one's output goes. */
export const TREES = [
  { from: 'api/src', to: 'api/dist' },
  { from: 'prisma/src', to: 'prisma/dist/src' },
  { from: 'prisma/generated', to: 'prisma/dist/generated' },
];
export const OUTPUTS = ['api/dist', 'prisma/dist'];
export const STAMP = 'api/dist/.built';
/** The entry point `pnpm start` runs. */
export const COMPILED_MAIN = 'api/dist/main.js';

export function listFiles(dir) {
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

/** The compiled file of a source file of one of the trees, e.g. api/src/cli/x.ts → api/dist/cli/x.js. */
export function compiledPathOf(source) {
  const tree = TREES.find(({ from }) => source.startsWith(`${from}/`));
  if (!tree || !source.endsWith('.ts')) throw new Error(`${source} is not a source file of the API or @lupa/db`);
  return `${tree.to}/${source.slice(tree.from.length + 1, -'.ts'.length)}.js`;
}

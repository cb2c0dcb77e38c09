// `pnpm generate` (also run after install): the Prisma client and the Pothos types, with
// no engine download, then the admin UI's typed GraphQL operations (generate-operations.mjs). `prisma generate` never runs the schema engine, but it checks that
// a binary path is set; pointing it at this file satisfies the check without any network.
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const binDir = join(root, 'prisma/node_modules/.bin');
const env = {
  ...process.env,
  // Generators such as prisma-pothos-types are found on PATH, as npx would set it.
  PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  PRISMA_GENERATE_SKIP_AUTOINSTALL: '1',
};
const prismaBin = join(binDir, 'prisma');
const result = spawnSync(prismaBin, ['generate'], { cwd: join(root, 'prisma'), env, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('prisma generate failed; see the messages above.');
  process.exit(result.status ?? 1);
}
const operations = spawnSync(process.execPath, [join(root, 'scripts/generate-operations.mjs')], { stdio: 'inherit' });
if (operations.status !== 0) process.exit(operations.status ?? 1);

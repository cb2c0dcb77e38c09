// pnpm keys:rotate [--list] [--purge=<kid>]  (use the = form: a kid may start with "-")
// Rotates the hub signing keys in LUPA_HUB_KEYS_DIR (default ${LUPA_DATA_DIR:-.lupa/data}/keys): the published next
// key starts signing, the current key retires (still published, see hub-key-ring.ts) and a
// fresh next key is published. Running servers pick the change up within seconds, without
// a restart. On an empty directory it only creates the first current and next keys.
// Prints kids, states and dates — never key material.
// A rotation or a purge is audited (keys.rotate, keys.purge; the operator as the SYSTEM actor)
// in one transaction with it, so it opens the database the server uses (DATABASE_URL, or PGlite under
// LUPA_DATA_DIR — on PGlite, stop the server first: its files take one process at a time).
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { type Database, openDatabase, readDatabaseConfig } from '@lupa/db';
import { type HubKeySummary, type HubKeys, hasHubKeys, loadHubKeys, resolveHubKeysDir } from '../auth/index.js';
import { purgeHubKey, rotateHubKeys } from '../hub-keys/rotate-hub-keys.js';

async function runKeysRotate(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { list: { type: 'boolean', default: false }, purge: { type: 'string' } },
    strict: true,
  });
  const dir = resolveHubKeysDir();
  const existed = await hasHubKeys(dir);
  const keys = await loadHubKeys(dir);
  let summary: HubKeySummary[];
  let action: string;
  if (!existed) {
    summary = keys.listKeys();
    action = 'Created the first hub keys';
  } else if (values.purge) {
    const kid = values.purge;
    summary = await withDatabase((prisma) => purgeHubKey({ ...operatorAction(prisma, keys), kid }));
    action = `Purged ${values.purge}; what it signed no longer verifies`;
  } else if (values.list) {
    summary = keys.listKeys();
    action = 'Hub keys';
  } else {
    summary = await withDatabase((prisma) => rotateHubKeys(operatorAction(prisma, keys)));
    action = 'Rotated the hub keys';
  }
  printKeys(`${action} in ${dir}:`, summary);
}

async function withDatabase<T>(run: (prisma: Database['prisma']) => Promise<T>): Promise<T> {
  const db = await openDatabase({ config: readDatabaseConfig() });
  try {
    return await run(db.prisma);
  } finally {
    await db.close();
  }
}

function operatorAction(prisma: Database['prisma'], keys: HubKeys) {
  return {
    prisma,
    keys,
    // Who ran it, as far as this machine knows: the operator's login on it.
    actor: { kind: 'SYSTEM', id: `cli:keys-rotate:${operatorName()}` } as const,
    requestId: `cli-${randomUUID()}`,
    now: new Date(),
  };
}

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

function printKeys(title: string, summary: HubKeySummary[]): void {
  const iso = (date: Date | undefined): string => (date?.toISOString() ?? '-').padEnd(24);
  console.log(title);
  console.log(
    `${'state'.padEnd(8)}${'kid'.padEnd(44)}${'created'.padEnd(25)}${'retired'.padEnd(25)}short-lived tokens refused from`,
  );
  for (const key of summary) {
    console.log(
      `${key.state.padEnd(8)}${key.kid} ${iso(key.createdAt)} ${iso(key.retiredAt)} ${iso(key.retireAfter).trim()}`,
    );
  }
}

try {
  await runKeysRotate(process.argv.slice(2));
} catch (error) {
  console.error(`keys:rotate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

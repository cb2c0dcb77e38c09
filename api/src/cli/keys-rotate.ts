// pnpm keys:rotate [--list] [--purge=<kid>]  (use the = form: a kid may start with "-")
// Rotates the hub signing keys in LUPA_HUB_KEYS_DIR (default ${LUPA_DATA_DIR:-.lupa/data}/keys): the published next
// key starts signing, the current key retires (still published, see hub-key-ring.ts) and a
// fresh next key is published. Running servers pick the change up within seconds, without
// a restart. On an empty directory it only creates the first current and next keys.
// Prints kids, states and dates — never key material.
// Creating, rotating and purging are audited (keys.create, keys.rotate, keys.purge; the operator
// as the SYSTEM actor) in one transaction with the change, so it opens the database the server
// uses (DATABASE_URL, or PGlite under LUPA_DATA_DIR — on PGlite, stop the server first: its
// files take one process at a time), and that database must be migrated first (pnpm db:migrate).
// --list only reads the key files.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { type Database, openDatabase, readDatabaseConfig } from '@lupa/db';
import {
  createFileHubKeyStorage,
  type HubKeySummary,
  hasHubKeys,
  loadHubKeys,
  resolveHubKeysDir,
} from '../auth/index.js';
import { migrateFirstMessage, pendingMigrations } from '../db/pending-migrations.js';
import { createHubKeys, recordUnrecordedHubKeys } from '../hub-keys/create-hub-keys.js';
import { purgeHubKey, rotateHubKeys } from '../hub-keys/rotate-hub-keys.js';

async function runKeysRotate(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { list: { type: 'boolean', default: false }, purge: { type: 'string' } },
    strict: true,
  });
  const dir = resolveHubKeysDir();
  const existed = await hasHubKeys(dir);
  if (!existed && (values.list || values.purge)) {
    throw new Error(`${dir} holds no hub keys yet; create them with \`pnpm keys:rotate\` (after \`pnpm db:migrate\`)`);
  }
  if (values.list) {
    printKeys(`Hub keys in ${dir}:`, (await loadHubKeys(dir)).listKeys());
    return;
  }
  await withMigratedDatabase(async (prisma) => {
    if (!existed) {
      const { keys, created } = await createHubKeys({
        ...operatorAction(prisma),
        storage: createFileHubKeyStorage(dir),
      });
      const action = created ? 'Created the first hub keys' : 'Another process created the hub keys just now';
      printKeys(`${action} in ${dir}:`, keys.listKeys());
      return;
    }
    const keys = await loadHubKeys(dir);
    // A ring whose creation (or last rotation) was never committed to the audit log is
    // recorded before it changes again (create-hub-keys.ts says how that can happen).
    if (await recordUnrecordedHubKeys({ ...operatorAction(prisma), keys })) {
      console.log('The current hub key had no creation or rotation record; recorded it now as keys.create (late).');
    }
    if (values.purge) {
      const summary = await purgeHubKey({ ...operatorAction(prisma), keys, kid: values.purge });
      printKeys(`Purged ${values.purge}; what it signed no longer verifies in ${dir}:`, summary);
    } else {
      printKeys(`Rotated the hub keys in ${dir}:`, await rotateHubKeys({ ...operatorAction(prisma), keys }));
    }
  });
}

async function withMigratedDatabase(run: (prisma: Database['prisma']) => Promise<void>): Promise<void> {
  const db = await openDatabase({ config: readDatabaseConfig() });
  try {
    const problem = migrateFirstMessage(await pendingMigrations(db), 'pnpm keys:rotate');
    if (problem) throw new Error(problem);
    await run(db.prisma);
  } finally {
    await db.close();
  }
}

function operatorAction(prisma: Database['prisma']) {
  return {
    prisma,
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

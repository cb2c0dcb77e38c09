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
// --list only reads the key files. Before changing a ring it checks it against the log and
// refuses one that differs (see pnpm keys:acknowledge).
import { parseArgs } from 'node:util';
import { createFileHubKeyStorage, hasHubKeys, loadHubKeys, resolveHubKeysDir } from '../auth/index.js';
import { checkHubKeys, unrecordedChangeMessage } from '../hub-keys/check-hub-keys.js';
import { createHubKeys } from '../hub-keys/create-hub-keys.js';
import { purgeHubKey, rotateHubKeys } from '../hub-keys/rotate-hub-keys.js';
import { operatorAction as operatorOf, printKeys, withMigratedDatabase } from './hub-keys-operator.js';

const operatorAction = (prisma: Parameters<typeof operatorOf>[0]) => operatorOf(prisma, 'keys-rotate');

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
  await withMigratedDatabase('pnpm keys:rotate', async (prisma) => {
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
    // The ring is checked against the log before it changes again (check-hub-keys.ts): a ring
    // with no record at all is recorded late; one that differs from the log is not rotated or
    // purged until it is acknowledged — a rotation would make it look recorded.
    const check = await checkHubKeys({ ...operatorAction(prisma), keys });
    if (check.status === 'recorded-late') {
      console.log('The hub key ring had no creation record; recorded it now as keys.create (late).');
    } else if (check.status === 'unrecorded-change') {
      throw new Error(`${unrecordedChangeMessage(dir, check)}\nNothing was rotated or purged.`);
    }
    if (values.purge) {
      const summary = await purgeHubKey({ ...operatorAction(prisma), keys, kid: values.purge });
      printKeys(`Purged ${values.purge}; what it signed no longer verifies in ${dir}:`, summary);
    } else {
      printKeys(`Rotated the hub keys in ${dir}:`, await rotateHubKeys({ ...operatorAction(prisma), keys }));
    }
  });
}

try {
  await runKeysRotate(process.argv.slice(2));
} catch (error) {
  console.error(`keys:rotate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

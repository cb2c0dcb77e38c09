// pnpm keys:acknowledge --operator="<name>"
// When the hub key ring in LUPA_HUB_KEYS_DIR is not the one the audit log records (a restored
// backup, a rotation whose record was lost, files swapped on disk), production refuses to start
// and keys:rotate refuses to rotate (hub-keys/check-hub-keys.ts). An operator who knows why, and
// wants the ring found to sign, records that here under their name: keys.change_acknowledged,
// with the kids expected and found (the SYSTEM actor also names their login on this machine).
// It acknowledges exactly the ring it reads; a ring changed again needs acknowledging again.
// It opens the server's database like keys:rotate (on PGlite, stop the server first).
import { parseArgs } from 'node:util';
import { hasHubKeys, loadHubKeys, resolveHubKeysDir } from '../auth/index.js';
import { acknowledgeHubKeyChange } from '../hub-keys/check-hub-keys.js';
import { operatorAction, printKeys, withMigratedDatabase } from './hub-keys-operator.js';

async function runKeysAcknowledge(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { operator: { type: 'string' } }, strict: true });
  const operator = values.operator?.trim();
  if (!operator) throw new Error('name yourself: pnpm keys:acknowledge --operator="<your name>"');
  const dir = resolveHubKeysDir();
  if (!(await hasHubKeys(dir))) throw new Error(`${dir} holds no hub keys; there is nothing to acknowledge`);
  await withMigratedDatabase('pnpm keys:acknowledge', async (prisma) => {
    const keys = await loadHubKeys(dir);
    const check = await acknowledgeHubKeyChange({ ...operatorAction(prisma, 'keys-acknowledge'), keys, operator });
    if (check.status === 'unrecorded-change') {
      printKeys(`${operator} acknowledged the hub keys in ${dir} (keys.change_acknowledged):`, keys.listKeys());
    } else if (check.status === 'recorded-late') {
      console.log(
        `The ring in ${dir} had no creation record; recorded it as keys.create (late). Nothing to acknowledge.`,
      );
    } else {
      console.log(`The ring in ${dir} is the one the audit log records; nothing to acknowledge.`);
    }
  });
}

try {
  await runKeysAcknowledge(process.argv.slice(2));
} catch (error) {
  console.error(`keys:acknowledge: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

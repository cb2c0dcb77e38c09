// pnpm keys:rotate [--list] [--purge=<kid>]  (use the = form: a kid may start with "-")
// Rotates the hub signing keys in LUPA_HUB_KEYS_DIR (default ${LUPA_DATA_DIR:-.lupa/data}/keys): the published next
// key starts signing, the current key retires (still published, see hub-key-ring.ts) and a
// fresh next key is published. Running servers pick the change up within seconds, without
// a restart. On an empty directory it only creates the first current and next keys.
// Prints kids, states and dates — never key material.
import { parseArgs } from 'node:util';
import {
  type HubKeySummary,
  hasHubKeys,
  loadHubKeys,
  MAX_SHORT_LIVED_TOKEN_SECONDS,
  resolveHubKeysDir,
} from '../auth/index.js';

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
    summary = await keys.purgeKey(values.purge);
    action = `Purged ${values.purge}; what it signed no longer verifies`;
  } else if (values.list) {
    summary = keys.listKeys();
    action = 'Hub keys';
  } else {
    summary = await keys.rotateKeys({ now: new Date(), maxTokenLifetimeSeconds: MAX_SHORT_LIVED_TOKEN_SECONDS });
    action = 'Rotated the hub keys';
  }
  printKeys(`${action} in ${dir}:`, summary);
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

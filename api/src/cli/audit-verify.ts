// pnpm audit:verify — checks the whole audit log against its hash chain and the newest
// signed checkpoint, from a plain shell: the issuer is taken from the checkpoint unless
// LUPA_PUBLIC_URL says which one to expect, so the server's PORT need not be repeated.
// Exit codes: 0 intact; 1 a record or a checkpoint was altered (the first one is named);
// 2 the checkpoint cannot be verified with these keys or this issuer — a configuration
// mismatch or a forged checkpoint, which the message tells apart as far as it can.
import { openDatabase, readDatabaseConfig } from '@lupa/db';
import { verifyAuditLog } from '../audit/verify-log.js';
import { hasHubKeys, loadHubKeys } from '../auth/index.js';
import { readConfig } from '../config/index.js';

const config = readConfig();
const keysDir = config.hubKeysDir;
// Opening keys that are not there would create fresh ones, which sign nothing of this log.
const keys = (await hasHubKeys(keysDir)) ? await loadHubKeys(keysDir) : undefined;
const issuer = process.env.LUPA_PUBLIC_URL ? config.publicUrl : undefined;
const db = await openDatabase({ config: readDatabaseConfig() });
try {
  const started = performance.now();
  const result = await verifyAuditLog(
    db.prisma,
    { keys, issuer },
    { onProgress: (n) => process.stderr.write(`\rverified ${n} records…`) },
  );
  process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  if (result.ok) {
    const signer = result.checkpointSigner;
    console.log(
      `Audit log intact: ${result.verified} records, head ${result.head.seq}` +
        (result.checkpointSeq !== null
          ? `, reaches the checkpoint at ${result.checkpointSeq} signed by ${signer?.issuer} with key ${signer?.kid}`
          : ', no checkpoint yet') +
        ` (${seconds.toFixed(1)} s).`,
    );
  } else if ('firstBrokenSeq' in result) {
    console.error(`Audit log BROKEN at record ${result.firstBrokenSeq} (${result.kind}): ${result.message}.`);
    if (result.checkpointProblem) console.error(`Also, ${result.checkpointProblem.message}.`);
    process.exitCode = 1;
  } else if (result.kind === 'CHECKPOINT_INVALID') {
    console.error(`Audit checkpoint ALTERED (${result.kind}): ${result.message}.`);
    console.error(`The ${result.verified} records chain intact up to ${result.head.seq}.`);
    process.exitCode = 1;
  } else {
    console.error(`Audit log NOT VERIFIED (${result.kind}): ${result.message}.`);
    console.error(hint(result.kind));
    console.error(
      `The ${result.verified} records chain intact up to ${result.head.seq}, but without a trusted ` +
        'checkpoint a log rewritten as a whole cannot be ruled out.',
    );
    process.exitCode = 2;
  }
} finally {
  await db.close();
}

function hint(kind: 'CHECKPOINT_UNKNOWN_KEY' | 'CHECKPOINT_ISSUER_MISMATCH'): string {
  if (kind === 'CHECKPOINT_ISSUER_MISMATCH') {
    return `LUPA_PUBLIC_URL is ${config.publicUrl}; set it to the server's public URL, or unset it to take the issuer from the checkpoint.`;
  }
  return keys
    ? `The hub keys in ${keysDir} did not sign it: point LUPA_DATA_DIR at the server's data directory. If it is the right one, the checkpoint was not signed by this hub.`
    : `No hub keys in ${keysDir}: point LUPA_DATA_DIR at the server's data directory.`;
}

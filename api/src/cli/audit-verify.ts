// pnpm audit:verify — checks the whole audit log against its hash chain and the newest
// signed checkpoint; exits 1 and names the first broken record if anything was altered.
import { join } from 'node:path';
import { openDatabase, readDatabaseConfig } from '@lupa/db';
import { verifyAuditLog } from '../audit/verify-log.js';
import { createHubContext, loadHubKeys } from '../auth/index.js';
import { readConfig } from '../config/index.js';

const config = readConfig();
const db = await openDatabase({ config: readDatabaseConfig() });
try {
  const keys = await loadHubKeys(join(config.dataDir, 'keys'));
  const hub = createHubContext({ keys, issuer: config.publicUrl, graphqlUrl: `${config.publicUrl}/graphql` });
  const started = performance.now();
  const result = await verifyAuditLog(db.prisma, hub, {
    onProgress: (n) => process.stderr.write(`\rverified ${n} records…`),
  });
  process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  if (result.ok) {
    console.log(
      `Audit log intact: ${result.verified} records, head ${result.head.seq}` +
        `${result.checkpointSeq !== null ? `, reaches the signed checkpoint at ${result.checkpointSeq}` : ', no checkpoint yet'}` +
        ` (${seconds.toFixed(1)} s).`,
    );
  } else {
    console.error(`Audit log BROKEN at record ${result.firstBrokenSeq} (${result.kind}): ${result.message}`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}

// `pnpm start`: migrate, seed once, serve. Ctrl-C closes the server and the database
// cleanly so PGlite's files are consistent on the next start.

import { randomUUID } from 'node:crypto';
import { listMigrationNames, loadPicKeys, openDatabase } from '@lupa/db';
import { seedDemoAuditHistory } from './audit/demo-history.js';
import { createFileHubKeyStorage, createHubContext } from './auth/index.js';
import { ConfigError, readConfig } from './config/index.js';
import { productionProblems } from './config/production-checks.js';
import { startExpirySweep } from './consents/expiry-sweep.js';
import { prepareDatabase } from './db/prepare.js';
import { createApp } from './http/app.js';
import { listen } from './http/server.js';
import { checkHubKeys, unrecordedChangeMessage } from './hub-keys/check-hub-keys.js';
import { createHubKeys } from './hub-keys/create-hub-keys.js';
import { createLogger } from './log/index.js';
import { DEMO_OFFICERS, ensureDemoOfficers } from './officers/demo.js';
import { createSignInThrottle } from './officers/session.js';
import { startSignInThrottleSweep } from './officers/sign-in-throttle-sweep.js';
import { startNoticeWorker } from './webhooks/index.js';
import { webhookUrlPolicy } from './webhooks/validate-webhook-url.js';

async function main(): Promise<void> {
  const config = readConfig();
  if (config.env === 'production') {
    const problems = productionProblems(config, process.env);
    if (problems.length > 0) {
      throw new ConfigError(
        `Lupa will not start in production until these settings are fixed:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      );
    }
  } else {
    console.log(
      `Lupa starts in ${config.env} mode: errors show their detail, the demo sign-in and seed data are on, and ` +
        'nothing is checked for a deployment. Run with NODE_ENV=production for one.',
    );
  }
  const log = createLogger(config.logLevel);
  const db = await openDatabase({
    config: { url: config.databaseUrl, dataDir: config.dataDir },
    poolSize: config.dbPoolSize,
  });
  const seeded = await prepareDatabase(db, config, log);
  // Production has checked that the ring exists (or that creating it here is allowed). A ring
  // made here is recorded (keys.create) like one made by `pnpm keys:rotate`; a ring found is
  // checked against the log (check-hub-keys.ts): the database is migrated by now.
  const startedBy = {
    prisma: db.prisma,
    actor: { kind: 'SYSTEM', id: 'server:start' } as const,
    requestId: `start-${randomUUID()}`,
    now: new Date(),
  };
  const { keys, created } = await createHubKeys({
    ...startedBy,
    storage: createFileHubKeyStorage(config.hubKeysDir),
  });
  if (!created) {
    const check = await checkHubKeys({ ...startedBy, keys });
    if (check.status === 'recorded-late') {
      log.warn(
        { dir: config.hubKeysDir },
        'the hub key ring had no creation record; recorded it now (keys.create, late)',
      );
    } else if (check.status === 'unrecorded-change') {
      const message = unrecordedChangeMessage(config.hubKeysDir, check);
      if (config.env === 'production') {
        await db.close();
        throw new ConfigError(`Lupa will not start in production: ${message}`);
      }
      log.warn({ dir: config.hubKeysDir, expected: check.expected, found: check.found }, message);
    }
  }
  if (created) {
    console.log(
      `Generated new hub signing keys in ${config.hubKeysDir}` +
        (config.env === 'production'
          ? ' (LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR is set).'
          : ' for development; production takes them from LUPA_HUB_KEYS_DIR, outside LUPA_DATA_DIR.'),
    );
  }
  const hub = createHubContext({ keys, issuer: config.publicUrl, graphqlUrl: `${config.publicUrl}/graphql` });
  const demoPassword = config.env === 'development' ? await ensureDemoOfficers(db.prisma, config.dataDir) : undefined;
  // After the demo officers exist, so their lookups and administration can be in it.
  if (seeded) {
    const written = await seedDemoAuditHistory(db, { now: new Date() });
    log.info({ records: written }, 'wrote four weeks of demo audit history');
  }
  const picKeys = loadPicKeys(config.dataDir);
  const app = createApp({ config, db, log, hub, picKeys, migrations: await listMigrationNames() });
  const server = await listen(app, config.port, config.host);
  // Notices go out, expiries are recorded and ended sign-in throttle windows are pruned from
  // every process; each claims its rows with SKIP LOCKED, so processes never do the same work twice.
  const jobs = config.backgroundJobs
    ? [
        startNoticeWorker({
          prisma: db.prisma,
          hub,
          log: log.child({ component: 'notice-worker' }),
          intervalMs: config.noticeIntervalMs,
          urlPolicy: webhookUrlPolicy(config),
        }),
        startExpirySweep({
          prisma: db.prisma,
          log: log.child({ component: 'expiry-sweep' }),
          intervalMs: config.expiryIntervalMs,
        }),
        startSignInThrottleSweep({
          prisma: db.prisma,
          throttle: createSignInThrottle(picKeys),
          log: log.child({ component: 'sign-in-throttle-sweep' }),
        }),
      ]
    : [];

  const base = config.publicUrl;
  console.log(
    [
      '',
      `Lupa is running (${db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}).`,
      `  GraphQL endpoint  ${base}/graphql`,
      `  Resident page     ${base}/`,
      `  Admin UI          ${base}/admin`,
      `  Health            ${base}/healthz  ${base}/readyz`,
      ...(demoPassword
        ? [
            '',
            'Demo officers (development only), password for all of them:',
            `  ${demoPassword}`,
            ...DEMO_OFFICERS.map((o) => `  ${o.email.padEnd(40)} ${o.roles.join(', ')}`),
          ]
        : []),
      '',
      'Stop with Ctrl-C.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await server.close();
    // The runs in flight record their work before the database goes away.
    await Promise.all(jobs.map((job) => job.stop()));
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Lupa could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});

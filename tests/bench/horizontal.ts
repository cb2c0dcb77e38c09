// Benchmark: 1, 2 and 4 API processes (the real `pnpm start` entry point) on one PostgreSQL
// database behind a round-robin proxy, reading pages of residents with the privacy engine
// and audit on. Afterwards the audit chain, written by all of them at once, must verify.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@lupa/db';
import { verifyAuditLog } from '../../api/src/audit/verify-log.js';
import { createHubContext, loadHubKeys } from '../../api/src/auth/index.js';
import { createTestDatabase } from '../fixtures/database.js';
import { type StartedApi, startApi } from '../fixtures/process.js';
import {
  registerServiceWithKey,
  requestAccessToken,
  signClientAssertion,
  tokenRequestBody,
} from '../fixtures/service-client.js';
import { load, POSTGRES_URL } from './harness.js';
import { startRoundRobin } from './round-robin.js';

// Issuer and audience only; the processes listen on ports of their own.
const PUBLIC_URL = 'http://localhost:4999';
const QUERY = `{ residents(first: 20) { edges { node {
  firstName lastName personalIdentityCode birthDate language householdType
  email phone streetAddress postalCode city district } } } }`;

export async function benchHorizontal(options: { seconds: number; connections: number; residents: number }) {
  const database = await createTestDatabase({ postgresUrl: POSTGRES_URL, migrate: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'lupa-horizontal-'));
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url as string,
    LUPA_DATA_DIR: dataDir,
    LUPA_PUBLIC_URL: PUBLIC_URL,
    LUPA_SEED: 'true',
    LUPA_SEED_RESIDENTS: String(options.residents),
    LUPA_BACKGROUND_JOBS: 'false',
    LUPA_DB_POOL_SIZE: '5',
    // Production takes the identity-code keys from the environment, never from the data directory.
    LUPA_PIC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LUPA_PIC_INDEX_KEY: randomBytes(32).toString('base64'),
  };
  const processes: StartedApi[] = [];
  try {
    // The first process migrates and seeds; the others find it done (and share its keys).
    processes.push(await startApi(env));
    for (let i = 1; i < 4; i++) processes.push(await startApi(env));
    const service = await registerServiceWithKey(database.prisma, 'daycare');
    const assertion = await signClientAssertion(service, `${PUBLIC_URL}/oauth/token`, new Date());
    const first = processes[0] as StartedApi;
    const { body } = await requestAccessToken(
      fetch,
      `${first.baseUrl}/oauth/token`,
      tokenRequestBody(assertion, 'daycare-application'),
    );
    const token = body.access_token as string;
    const rows = [];
    for (const count of [1, 2, 4]) {
      const proxy = await startRoundRobin(processes.slice(0, count).map((p) => p.baseUrl));
      try {
        const request = {
          url: `${proxy.url}/graphql`,
          body: JSON.stringify({ query: QUERY }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          connections: options.connections,
        };
        await load({ ...request, seconds: 2 });
        const result = await load({ ...request, seconds: options.seconds });
        rows.push({ processes: count, ...result });
      } finally {
        await proxy.close();
      }
    }
    const db = await openDatabase({ config: { url: database.url, dataDir: '' }, poolSize: 2 });
    try {
      const hub = createHubContext({
        keys: await loadHubKeys(join(dataDir, 'keys')),
        issuer: PUBLIC_URL,
        graphqlUrl: `${PUBLIC_URL}/graphql`,
      });
      const verification = await verifyAuditLog(db.prisma, hub);
      const base = rows[0]?.requestsPerSecond ?? 1;
      return {
        name: 'horizontal: API processes behind round-robin, one PostgreSQL',
        rows: rows.map((row) => ({ ...row, speedup: row.requestsPerSecond / base })),
        chainValid: verification.ok,
        auditEventsVerified: verification.verified,
      };
    } finally {
      await db.close();
    }
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

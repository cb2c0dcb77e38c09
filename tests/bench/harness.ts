// Shared set-up for benchmarks: a seeded database, the real app behind node:http, and a
// registered service. Only the benchmark harness may switch enforcement off (see
// withoutEnforcement); nothing in the application can.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { listMigrationNames, type PicKeys } from '@lupa/db';
import { seedDatabase } from '@lupa/db/seed';
import autocannon from 'autocannon';
import { AuditSequencer } from '../../api/src/audit/sequencer.js';
import { createHubContext, createMemoryHubKeys, type HubContext } from '../../api/src/auth/index.js';
import { readConfig } from '../../api/src/config/index.js';
import { PrivacyGate } from '../../api/src/enforcement/privacy-gate.js';
import { createApp } from '../../api/src/http/app.js';
import { listen, type RunningServer } from '../../api/src/http/server.js';
import { createLogger } from '../../api/src/log/index.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/database.js';
import {
  registerServiceWithKey,
  requestAccessToken,
  signClientAssertion,
  tokenRequestBody,
} from '../fixtures/service-client.js';

export interface BenchServer {
  db: TestDatabase;
  hub: HubContext;
  picKeys: PicKeys;
  server: RunningServer;
  publicUrl: string;
  serviceToken(organisationSlug: string, purpose: string): Promise<string>;
  close(): Promise<void>;
}

export type BenchDatabase = 'pglite' | 'postgresql';

/** The PostgreSQL server benchmarks use: DATABASE_URL, or the local one. */
export const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function startBenchServer(
  residents: number,
  options: { database?: BenchDatabase } = {},
): Promise<BenchServer> {
  const database = options.database ?? (process.env.DATABASE_URL ? 'postgresql' : 'pglite');
  const db = await createTestDatabase({
    postgresUrl: database === 'postgresql' ? POSTGRES_URL : false,
    poolSize: 10,
  });
  const picKeys = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32) };
  await seedDatabase(db.prisma, { residents, picKeys });
  const keys = await createMemoryHubKeys();
  const publicUrl = 'http://localhost:4000';
  const hub = createHubContext({ keys, issuer: publicUrl, graphqlUrl: `${publicUrl}/graphql` });
  const config = { ...readConfig({ NODE_ENV: 'production', LUPA_DATA_DIR: '/nonexistent' }), publicUrl };
  const app = createApp({
    config,
    db,
    hub,
    picKeys,
    log: createLogger('silent'),
    migrations: await listMigrationNames(),
  });
  const server = await listen(app, 0, '127.0.0.1');
  return {
    db,
    hub,
    picKeys,
    server,
    publicUrl,
    async serviceToken(organisationSlug, purpose) {
      const service = await registerServiceWithKey(db.prisma, organisationSlug);
      const assertion = await signClientAssertion(service, `${publicUrl}/oauth/token`, new Date());
      const { body } = await requestAccessToken(
        fetch,
        `${server.url}/oauth/token`,
        tokenRequestBody(assertion, purpose),
      );
      if (typeof body.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
}

export type BenchMode = 'guarded' | 'unguarded' | 'engine-only';

const gate = {
  decide: PrivacyGate.prototype.decide,
  read: PrivacyGate.prototype.read,
  prepareViews: PrivacyGate.prototype.prepareViews,
};
const append = AuditSequencer.prototype.append;

/**
 * Switches the privacy engine and the audit trail of this process, for benchmarks only:
 * 'unguarded' grants every field in full and records nothing (the baseline for the
 * guarded/unguarded ratio); 'engine-only' keeps the engine but skips audit appends (splits
 * the cost); 'guarded' restores both. It patches the classes; nothing in the application can.
 */
export function setBenchMode(mode: BenchMode): void {
  // Every way a field is decided: one by one (decide), or from the page's decided views
  // (prepareViews, then read).
  const off = mode === 'unguarded';
  PrivacyGate.prototype.decide = off ? async () => ({ access: 'FULL' }) : gate.decide;
  PrivacyGate.prototype.read = off ? () => ({ access: 'FULL' }) : gate.read;
  PrivacyGate.prototype.prepareViews = off ? async () => {} : gate.prepareViews;
  // Unguarded leaves the sequencer alone, as it always has: with no decision, nothing is recorded.
  AuditSequencer.prototype.append = mode === 'engine-only' ? async () => [] : append;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export async function load(options: {
  url: string;
  body?: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'POST',
    body: options.body,
    headers: options.headers,
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    database: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
  };
}

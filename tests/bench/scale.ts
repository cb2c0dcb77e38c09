// Benchmark: scale on PostgreSQL. Bulk-loads `residents` synthetic residents with their
// consents and `events` chained audit events (scale-seed.ts), verifies the whole chain, then
// measures against a real API process (`pnpm start`'s entry point) over HTTP:
//   - a resident's access log (findResidentAccessLog; budget p95 ≤ 50 ms at 10,000,000 events),
//   - the audience by district and by interest, first 100 with totalCount, with a real
//     service token (budget p95 ≤ 200 ms at 1,000,000 residents),
//   - the API process's memory (RSS, sampled every second) under the guarded residents read.
// Full size is 1,000,000 residents and 10,000,000 events:
//   pnpm bench --only scale --scale-residents 1000000 --scale-events 10000000
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPicKeys, openDatabase } from '@lupa/db';
import autocannon from 'autocannon';
import { findResidentAccessLog } from '../../api/src/audit/access-log.js';
import { verifyAuditLog } from '../../api/src/audit/verify-log.js';
import { createHubContext, createMemoryHubKeys } from '../../api/src/auth/index.js';
import { residentFieldCategory } from '../../api/src/graphql/field-categories.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/database.js';
import { freePort, type StartedApi, startApi } from '../fixtures/process.js';
import {
  registerServiceWithKey,
  requestAccessToken,
  signClientAssertion,
  tokenRequestBody,
} from '../fixtures/service-client.js';
import { POSTGRES_URL } from './harness.js';
import { seedScaleDatabase } from './scale-seed.js';

const ACCESS_LOG_SAMPLES = 300;
const AUDIENCE_SAMPLES = 40;

const AUDIENCES = {
  // City planning's invitation to one district (an eighth of the municipality).
  district: {
    purpose: 'neighbourhood-participation',
    query: `{ audience(criteria: { district: "Keskusta" }, first: 100) {
      totalCount edges { node { firstName lastName email phone } } } }`,
  },
  // City planning and the disc golf club asking those interested in disc golf.
  interest: {
    purpose: 'disc-golf-course-planning',
    query: `{ audience(criteria: { interest: "disc-golf" }, first: 100) {
      totalCount edges { node { firstName lastName email phone } } } }`,
  },
} as const;

// The guarded read the memory is measured under: the privacy engine decides every field and
// every resident returned is audited (20 events per request, appended to the large log).
const GUARDED_READ = '{ residents(first: 20) { edges { node { id firstName lastName email phone district } } } }';

export interface ScaleOptions {
  residents: number;
  events: number;
  /** Seconds of load for the memory measurement. */
  seconds: number;
  connections: number;
}

// LUPA_SCALE_KEEP=1 keeps the seeded database and its data directory (their names are
// printed); LUPA_SCALE_DATABASE=<url> with LUPA_SCALE_DATA_DIR=<dir> measures such a kept
// database again without seeding or verifying it (before/after a change to the queries).
async function scaleDatabase(): Promise<{ db: TestDatabase; dataDir: string; reused: boolean }> {
  const url = process.env.LUPA_SCALE_DATABASE;
  if (url) {
    const dataDir = process.env.LUPA_SCALE_DATA_DIR;
    if (!dataDir) throw new Error('LUPA_SCALE_DATABASE needs LUPA_SCALE_DATA_DIR (the identity-code keys)');
    const db = await openDatabase({ config: { url, dataDir: '' }, poolSize: 4 });
    return { db: { ...db, url, owner: db, drop: () => db.close() }, dataDir, reused: true };
  }
  const db = await createTestDatabase({ postgresUrl: POSTGRES_URL, poolSize: 4 });
  return { db, dataDir: mkdtempSync(join(tmpdir(), 'lupa-scale-')), reused: false };
}

export async function benchScale(options: ScaleOptions) {
  const { db, dataDir, reused } = await scaleDatabase();
  let api: StartedApi | undefined;
  try {
    const picKeys = loadPicKeys(dataDir);
    const seed = reused
      ? null
      : await seedScaleDatabase(db, { residents: options.residents, events: options.events, picKeys });

    // The whole chain, as `pnpm audit:verify` walks it (no checkpoints were signed here).
    const port = await freePort();
    const publicUrl = `http://localhost:${port}`;
    const started = performance.now();
    const hub = createHubContext({
      keys: await createMemoryHubKeys(),
      issuer: publicUrl,
      graphqlUrl: `${publicUrl}/graphql`,
    });
    const verification = reused
      ? null
      : await verifyAuditLog(db.prisma, hub, {
          onProgress: (n) => {
            if (n % 1_000_000 === 0) console.log(`scale: verified ${n.toLocaleString('en')} audit events`);
          },
        });
    const verifySeconds = (performance.now() - started) / 1000;
    if (verification && !verification.ok) throw new Error(`the seeded chain does not verify: ${verification.message}`);
    if (verification)
      console.log(`scale: chain verified (${verification.verified} events in ${verifySeconds.toFixed(1)} s)`);

    const residentIds = (
      await db.prisma.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM "Resident" ORDER BY random() LIMIT ${ACCESS_LOG_SAMPLES}`
    ).map((r) => r.id);
    const accessLog = await measure(ACCESS_LOG_SAMPLES, async (i) => {
      const residentId = residentIds[i % residentIds.length] as string;
      const entries = await findResidentAccessLog(db.prisma, {
        residentId,
        forResident: true,
        now: new Date(),
        categoryOf: residentFieldCategory,
        first: 50,
      });
      return entries.length;
    });

    // Background jobs off: the expiry sweep would change the audiences between samples.
    api = await startApi({
      PORT: String(port),
      DATABASE_URL: db.url as string,
      LUPA_DATA_DIR: dataDir,
      LUPA_SEED: 'false',
      LUPA_PUBLIC_URL: publicUrl,
      LUPA_BACKGROUND_JOBS: 'false',
      // Production takes the identity-code keys from the environment, never from the data directory.
      LUPA_PIC_ENCRYPTION_KEY: picKeys.encryptionKey.toString('base64'),
      LUPA_PIC_INDEX_KEY: picKeys.blindIndexKey.toString('base64'),
      NODE_ENV: 'production',
      // A throwaway data directory: production may create its hub keys beside the data.
      LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR: '1',
      LOG_LEVEL: 'warn',
    });
    const baseUrl = api.baseUrl;
    const planning = await registerServiceWithKey(db.prisma, 'city-planning');
    const daycare = await registerServiceWithKey(db.prisma, 'daycare');
    const token = async (service: typeof planning, purpose: string) => {
      const assertion = await signClientAssertion(service, `${publicUrl}/oauth/token`, new Date());
      const { body } = await requestAccessToken(fetch, `${baseUrl}/oauth/token`, tokenRequestBody(assertion, purpose));
      if (typeof body.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    };
    // An answer without an audience (e.g. AUDIT_UNAVAILABLE) is counted, timed and shown,
    // not thrown: one failed request must not discard a seed that took minutes.
    const errors: string[] = [];
    const graphql = async (query: string, bearer: string) => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as {
        data?: { audience?: { totalCount: number; edges: unknown[] } };
        errors?: unknown[];
      };
      if (!body.data?.audience) errors.push(JSON.stringify(body.errors));
      return body.data?.audience ?? { totalCount: -1, edges: [] };
    };

    const audiences: Record<
      string,
      ReturnType<typeof summarise> & { totalCount: number; pageSize: number; errors: number }
    > = {};
    for (const [name, audience] of Object.entries(AUDIENCES)) {
      const bearer = await token(planning, audience.purpose);
      errors.length = 0;
      const first = await graphql(audience.query, bearer); // cold: plans, caches
      const timings = await measure(AUDIENCE_SAMPLES, async () => (await graphql(audience.query, bearer)).totalCount);
      audiences[name] = {
        ...timings,
        totalCount: Math.max(first.totalCount, timings.lastResult),
        pageSize: first.edges.length,
        errors: errors.length,
      };
      console.log(`scale: audience by ${name}: ${JSON.stringify(audiences[name])}`);
      if (errors.length > 0) console.log(`scale: audience by ${name} failed ${errors.length}×, e.g. ${errors[0]}`);
    }

    const pid = api.child.pid as number;
    const rssStartMiB = rssOf(pid);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssOf(pid)), 1000);
    let loaded: autocannon.Result;
    try {
      loaded = await autocannon({
        url: `${baseUrl}/graphql`,
        method: 'POST',
        body: JSON.stringify({ query: GUARDED_READ }),
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await token(daycare, 'daycare-application')}`,
        },
        connections: options.connections,
        duration: options.seconds,
      });
    } finally {
      clearInterval(sampler);
    }
    const rssEndMiB = rssOf(pid);

    return {
      name: 'scale on PostgreSQL',
      residents: options.residents,
      auditEvents: options.events,
      seed,
      chain: verification && {
        verified: verification.verified,
        seconds: verifySeconds,
        eventsPerSecond: verification.verified / verifySeconds,
      },
      accessLog,
      audiences,
      memoryUnderLoad: {
        seconds: options.seconds,
        connections: options.connections,
        requestsPerSecond: loaded.requests.average,
        p99Ms: loaded.latency.p99,
        errors: loaded.errors + loaded.non2xx,
        rssStartMiB,
        rssPeakMiB: Math.max(rssStartMiB, rssEndMiB, ...samples),
        rssEndMiB,
      },
    };
  } finally {
    await api?.stop('SIGKILL');
    if (reused) {
      await db.close();
    } else if (process.env.LUPA_SCALE_KEEP === '1') {
      // For EXPLAIN ANALYZE on the seeded database afterwards: the seed takes a quarter hour.
      console.log(`scale: kept the database ${db.url} and the data directory ${dataDir}`);
      await db.close();
      if (db.owner !== db) await db.owner.close();
    } else {
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

/** Runs `sample` n times one after another; p50/p95 of its wall time. */
async function measure(n: number, sample: (i: number) => Promise<number>) {
  const timings: number[] = [];
  let last = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await sample(i);
    timings.push(performance.now() - t0);
  }
  return { ...summarise(timings), lastResult: last };
}

function summarise(timings: number[]) {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
  return { samples: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

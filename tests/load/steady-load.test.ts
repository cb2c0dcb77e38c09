// `pnpm test:load`: a steady rate of mixed operations over HTTP (autocannon) against a real
// API process on PostgreSQL for LOAD_SECONDS (default 600): service reads of residents,
// consent writes, readiness probes, the JWKS and the resident page. Reports the error rate,
// p99 latency and the API process's memory over time, and holds each to a bound; memory
// must show no growth trend once warm. The database is a private server when PostgreSQL's
// binaries are installed, else the one DATABASE_URL names.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ, RECORD_CONSENT, type Stack, startStack } from '../faults/support/stack.js';
import {
  findPostgresBin,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../faults/support/throwaway-postgres.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 600);
const RATE = Number(process.env.LOAD_RATE ?? 40);
const bin = findPostgresBin();
const serverUrl = process.env.DATABASE_URL;

const skipped = !bin && !serverUrl;
// The reason is in the name only when the suite is skipped.
describe.skipIf(skipped)(
  skipped ? 'steady load (skipped: neither PostgreSQL binaries nor DATABASE_URL)' : 'steady load',
  () => {
    let pg: ThrowawayPostgres | undefined;
    let stack: Stack;

    beforeAll(async () => {
      pg = bin ? await startThrowawayPostgres(bin) : undefined;
      stack = await startStack(pg?.url ?? (serverUrl as string), { NODE_ENV: 'production', LOG_LEVEL: 'error' });
    }, 300_000);
    afterAll(async () => {
      await stack?.close();
      pg?.destroy();
    });

    it(`holds ${RATE} req/s of mixed traffic for ${SECONDS} s: errors < 1 %, p99 < 1.5 s, no memory growth trend`, async () => {
      // Access tokens live at most 10 minutes: refresh them in the background.
      const tokens = {
        read: await stack.token(stack.reader, 'daycare-application'),
        write: await stack.token(stack.writer, 'concert-recommendations'),
      };
      const refresh = setInterval(async () => {
        tokens.read = await stack.token(stack.reader, 'daycare-application');
        tokens.write = await stack.token(stack.writer, 'concert-recommendations');
      }, 240_000);

      const pid = stack.api.child.pid as number;
      const samples: { t: number; rssMb: number }[] = [];
      const started = Date.now();
      const sampler = setInterval(() => samples.push({ t: (Date.now() - started) / 1000, rssMb: rssOf(pid) }), 2000);

      const graphql = (body: () => string, token: () => string) => ({
        method: 'POST' as const,
        path: '/graphql',
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
          body: body(),
        }),
      });
      let n = 0;
      const result = await autocannon({
        url: stack.api.baseUrl,
        connections: 8,
        overallRate: RATE,
        duration: SECONDS,
        requests: [
          graphql(
            () => JSON.stringify({ query: READ }),
            () => tokens.read,
          ),
          graphql(
            () =>
              JSON.stringify({
                query: RECORD_CONSENT,
                variables: { residentId: stack.residentIds[n++ % stack.residentIds.length] },
              }),
            () => tokens.write,
          ),
          graphql(
            () => JSON.stringify({ query: READ }),
            () => tokens.read,
          ),
          { method: 'GET', path: '/readyz' },
          { method: 'GET', path: '/.well-known/jwks.json' },
          { method: 'GET', path: '/', headers: { 'accept-language': 'fi' } },
        ],
      });
      clearInterval(refresh);
      clearInterval(sampler);

      const total = result.requests.total;
      const errors = result.errors + result.timeouts + result.non2xx;
      const errorRate = errors / Math.max(total, 1);
      const warm = samples.filter((s) => s.t > Math.min(30, SECONDS / 3));
      const third = Math.max(1, Math.floor(warm.length / 3));
      const early = median(warm.slice(0, third).map((s) => s.rssMb));
      const late = median(warm.slice(-third).map((s) => s.rssMb));
      const report = {
        seconds: SECONDS,
        rate: RATE,
        requests: total,
        achievedRate: Math.round(result.requests.average),
        errors,
        errorRate: Number((errorRate * 100).toFixed(3)),
        p50ms: result.latency.p50,
        p99ms: result.latency.p99,
        maxMs: result.latency.max,
        rssMb: { first: samples[0]?.rssMb, earlyWarm: early, lateWarm: late, last: samples.at(-1)?.rssMb },
        rssGrowthPercent: Number((((late - early) / early) * 100).toFixed(1)),
      };
      console.info(`load: ${JSON.stringify(report)}`);

      expect(total).toBeGreaterThan(RATE * SECONDS * 0.8);
      expect(errorRate).toBeLessThan(0.01);
      expect(result.latency.p99).toBeLessThan(1500);
      // No leak: once warm, the last third's resident memory is within 15 % (+10 MB for GC
      // timing) of the first third's.
      expect(late).toBeLessThan(early * 1.15 + 10);
      // The audit chain, appended to by every read and write above, still verifies.
      expect(await stack.verifyChain()).toMatchObject({ ok: true });
    });
  },
);

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

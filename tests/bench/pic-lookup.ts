// Benchmark: a service finding a resident by personal identity code (blind index lookup,
// guarded and audited), on PGlite and on PostgreSQL side by side: latency at a fixed
// 200 requests/s (the budget's load; open loop, evenly spaced — paced-load.ts) and the most
// requests/s the process sustains (autocannon, 10 connections).
import { decryptPic } from '@lupa/db';
import autocannon from 'autocannon';
import { type BenchDatabase, load, startBenchServer } from './harness.js';
import { pacedLoadInChild } from './paced-load.js';

const QUERY = `query ($code: String!) { residentByPersonalIdentityCode(code: $code) {
  firstName lastName streetAddress postalCode } }`;
const FIXED_RATE = 200;

export interface PicLookupResult {
  database: BenchDatabase;
  atFixedRate: { requestsPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number; errors: number };
  saturated: { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number };
}

export async function benchPicLookup(options: {
  seconds: number;
  connections: number;
  residents: number;
  database: BenchDatabase;
}): Promise<PicLookupResult> {
  const bench = await startBenchServer(options.residents, { database: options.database });
  try {
    const token = await bench.serviceToken('daycare', 'daycare-application');
    const sample = await bench.db.prisma.resident.findMany({ select: { picCiphertext: true }, take: 500 });
    // Each request asks for another resident, so no cache of any kind answers twice.
    const bodies = sample.map((r) =>
      JSON.stringify({ query: QUERY, variables: { code: decryptPic(r.picCiphertext, bench.picKeys) } }),
    );
    const url = `${bench.server.url}/graphql`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    let next = 0;
    const run = (extra: Partial<autocannon.Options>) =>
      autocannon({
        url,
        method: 'POST',
        headers,
        connections: options.connections,
        duration: options.seconds,
        requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
        ...extra,
      });
    await load({ url, headers, body: bodies[0], connections: 2, seconds: 2 });
    const fixed = await pacedLoadInChild({ url, headers, bodies, rate: FIXED_RATE, seconds: options.seconds });
    const saturated = await run({});
    const summary = (r: autocannon.Result) => ({
      requestsPerSecond: r.requests.average,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      errors: r.errors + r.non2xx,
    });
    const { requestsPerSecond, p50Ms, p99Ms, maxMs, errors } = fixed;
    return {
      database: options.database,
      atFixedRate: { requestsPerSecond, p50Ms, p99Ms, maxMs, errors },
      saturated: summary(saturated),
    };
  } finally {
    await bench.close();
  }
}

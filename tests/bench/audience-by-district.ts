// Benchmark: city planning's audience for one district (an eighth of the municipality) on a
// large seed, first page of 100 with the total count, over HTTP with the engine and audit on.
// The consent, restriction and district filters run in SQL, so the time should follow the
// district's size and the page, not the number of residents loaded.
import { load, startBenchServer } from './harness.js';

const QUERY = `{ audience(criteria: { district: "Keskusta" }, first: 100) {
  totalCount edges { node { firstName lastName email phone } } } }`;

export async function benchAudienceByDistrict(options: { seconds: number; connections: number; residents: number }) {
  const seedStarted = Date.now();
  const bench = await startBenchServer(options.residents);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  try {
    const token = await bench.serviceToken('city-planning', 'neighbourhood-participation');
    const request = {
      url: `${bench.server.url}/graphql`,
      body: JSON.stringify({ query: QUERY }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    };
    const single = async () => {
      const started = performance.now();
      const response = await fetch(request.url, { method: 'POST', body: request.body, headers: request.headers });
      const body = (await response.json()) as { data?: { audience?: { totalCount: number; edges: unknown[] } } };
      return { ms: performance.now() - started, audience: body.data?.audience };
    };
    const cold = await single();
    const warm = await single();
    const loaded = await load({ ...request, connections: options.connections, seconds: options.seconds });
    return {
      name: `audience by district: first 100 + totalCount on ${options.residents} residents`,
      residents: options.residents,
      seedSeconds,
      totalCount: warm.audience?.totalCount ?? null,
      pageSize: warm.audience?.edges.length ?? 0,
      coldMs: cold.ms,
      warmMs: warm.ms,
      requestsPerSecond: loaded.requestsPerSecond,
      p50Ms: loaded.p50Ms,
      p99Ms: loaded.p99Ms,
      errors: loaded.errors + loaded.non2xx,
    };
  } finally {
    await bench.close();
  }
}

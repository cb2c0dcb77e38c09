// Benchmark: a page of 100 residents × 12 personal fields over HTTP, measured side by side in
// one run: Lupa with the privacy engine and audit on (guarded), with both off (unguarded),
// with the audit off (engine only), and the floor — a bare node:http + node-postgres handler
// serving the same page and writing the same audit record (floor-server.ts). Each server runs in its own process; the load comes from this one.
// The floor needs PostgreSQL; on PGlite it is skipped and its ratio is null.
import { startFloorInChild } from './floor-server.js';
import { startGuardedInChild } from './guarded-server.js';
import { type BenchDatabase, type LoadResult, load } from './harness.js';

const QUERY = `{ residents(first: 100) { edges { node {
  firstName lastName personalIdentityCode birthDate language householdType
  email phone streetAddress postalCode city district } } } }`;

const mean = (a: LoadResult, b: LoadResult) => (a.requestsPerSecond + b.requestsPerSecond) / 2;
const summary = (a: LoadResult, b: LoadResult) => ({
  requestsPerSecond: mean(a, b),
  p99Ms: Math.max(a.p99Ms, b.p99Ms),
  errors: a.errors + b.errors + a.non2xx + b.non2xx,
});

export async function benchGuardedRead(options: {
  seconds: number;
  connections: number;
  residents: number;
  database: BenchDatabase;
}) {
  const guardedServer = await startGuardedInChild(options.residents, options.database);
  const floor =
    options.database === 'postgresql' && guardedServer.databaseUrl
      ? await startFloorInChild({
          databaseUrl: guardedServer.databaseUrl,
          picEncryptionKey: guardedServer.picEncryptionKey,
          poolSize: 10,
        })
      : undefined;
  try {
    const token = await guardedServer.serviceToken('daycare', 'daycare-application');
    const request = {
      url: `${guardedServer.url}/graphql`,
      body: JSON.stringify({ query: QUERY }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      connections: options.connections,
      seconds: options.seconds,
    };
    const floorRequest = { ...request, url: `${floor?.url}/graphql` };
    const floorPageOk = floor ? await samePageSize(request, floorRequest) : undefined;
    const mode = async (m: 'guarded' | 'unguarded' | 'engine-only', work: () => Promise<LoadResult>) => {
      await guardedServer.setMode(m);
      return work();
    };
    // Warm up every path, then alternate so drift affects all of them equally.
    await load({ ...request, seconds: 2 });
    if (floor) await load({ ...floorRequest, seconds: 2 });
    const guarded1 = await mode('guarded', () => load(request));
    const floor1 = floor ? await load(floorRequest) : undefined;
    const unguarded1 = await mode('unguarded', () => load(request));
    const guarded2 = await mode('guarded', () => load(request));
    const floor2 = floor ? await load(floorRequest) : undefined;
    const unguarded2 = await mode('unguarded', () => load(request));
    const engineOnly = await mode('engine-only', () => load(request));
    const floorNoAudit = floor ? await load({ ...floorRequest, url: `${floorRequest.url}?audit=off` }) : undefined;
    await guardedServer.setMode('guarded');
    const guarded = summary(guarded1, guarded2);
    const unguarded = summary(unguarded1, unguarded2);
    const floorWithAudit = floor1 && floor2 ? summary(floor1, floor2) : undefined;
    return {
      name: 'guarded read: 100 residents × 12 fields',
      database: options.database,
      guarded,
      unguarded,
      engineOnly: { requestsPerSecond: engineOnly.requestsPerSecond, p99Ms: engineOnly.p99Ms },
      floor: floorWithAudit ?? null,
      floorWithoutAudit: floorNoAudit
        ? { requestsPerSecond: floorNoAudit.requestsPerSecond, p99Ms: floorNoAudit.p99Ms }
        : null,
      floorPageOk: floorPageOk ?? null,
      ratio: guarded.requestsPerSecond / unguarded.requestsPerSecond,
      guardedToFloor: floorWithAudit ? guarded.requestsPerSecond / floorWithAudit.requestsPerSecond : null,
      auditEventsWritten: await guardedServer.auditEvents(),
    };
  } finally {
    await floor?.close();
    await guardedServer.close();
  }
}

/** The floor must serve the page Lupa serves: 100 residents with the same 12 fields. */
async function samePageSize(
  guarded: { url: string; body: string; headers: Record<string, string> },
  floor: { url: string; body: string; headers: Record<string, string> },
): Promise<boolean> {
  const page = async (r: typeof guarded) => {
    const response = await fetch(r.url, { method: 'POST', body: r.body, headers: r.headers });
    const body = (await response.json()) as { data?: { residents?: { edges?: { node: object }[] } } };
    const edges = body.data?.residents?.edges ?? [];
    return {
      count: edges.length,
      fields: Object.keys(edges[0]?.node ?? {})
        .sort()
        .join(','),
    };
  };
  const [a, b] = [await page(guarded), await page(floor)];
  return a.count === 100 && a.count === b.count && a.fields === b.fields;
}

// Benchmark: a page of 100 residents × 12 personal fields over HTTP, with the privacy
// engine and audit on, and with both off, measured side by side in one run.
import { load, startBenchServer, withoutAudit, withoutEnforcement } from './harness.js';

const QUERY = `{ residents(first: 100) { edges { node {
  firstName lastName personalIdentityCode birthDate language householdType
  email phone streetAddress postalCode city district } } } }`;

export async function benchGuardedRead(options: { seconds: number; connections: number; residents: number }) {
  const bench = await startBenchServer(options.residents);
  try {
    const token = await bench.serviceToken('daycare', 'daycare-application');
    const request = {
      url: `${bench.server.url}/graphql`,
      body: JSON.stringify({ query: QUERY }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      connections: options.connections,
      seconds: options.seconds,
    };
    // Warm up both paths, then alternate so drift affects both equally.
    await load({ ...request, seconds: 2 });
    const guarded1 = await load(request);
    const unguarded1 = await withoutEnforcement(() => load(request));
    const guarded2 = await load(request);
    const unguarded2 = await withoutEnforcement(() => load(request));
    const engineOnly = await withoutAudit(() => load(request));
    const guarded = (guarded1.requestsPerSecond + guarded2.requestsPerSecond) / 2;
    const unguarded = (unguarded1.requestsPerSecond + unguarded2.requestsPerSecond) / 2;
    const auditEvents = await bench.db.prisma.auditEvent.count();
    return {
      name: 'guarded read: 100 residents × 12 fields',
      guarded: {
        requestsPerSecond: guarded,
        p99Ms: Math.max(guarded1.p99Ms, guarded2.p99Ms),
        errors: guarded1.errors + guarded2.errors + guarded1.non2xx + guarded2.non2xx,
      },
      unguarded: {
        requestsPerSecond: unguarded,
        p99Ms: Math.max(unguarded1.p99Ms, unguarded2.p99Ms),
        errors: unguarded1.errors + unguarded2.errors + unguarded1.non2xx + unguarded2.non2xx,
      },
      engineOnly: { requestsPerSecond: engineOnly.requestsPerSecond, p99Ms: engineOnly.p99Ms },
      ratio: guarded / unguarded,
      auditEventsWritten: auditEvents,
    };
  } finally {
    await bench.close();
  }
}

// Benchmark: revocation under load. Readers keep reading one resident under a consent-based
// purpose while the resident withdraws. Measured: the time from the withdrawal being
// acknowledged (its transaction committed) to the first denied read, and the number of
// stale reads — reads that started after the acknowledgement and still returned data.
// Budget: 0 stale reads, because nothing caches consent state across requests.
import { grantConsent } from '../../api/src/consents/grant-consent.js';
import { withdrawConsent } from '../../api/src/consents/withdraw-consent.js';
import { encodeId } from '../../api/src/graphql/ids.js';
import { type BenchDatabase, startBenchServer } from './harness.js';

const PURPOSE = 'concert-recommendations';

interface Read {
  startedAt: number;
  endedAt: number;
  gotData: boolean;
}

export async function benchRevocation(options: {
  readers: number;
  residents: number;
  database: BenchDatabase;
  secondsBefore?: number;
  secondsAfter?: number;
}) {
  const bench = await startBenchServer(options.residents, { database: options.database });
  try {
    const token = await bench.serviceToken('jazz-association', PURPOSE);
    const resident = await bench.db.prisma.resident.findFirstOrThrow({ select: { id: true } });
    const purpose = await bench.db.prisma.purpose.findUniqueOrThrow({ where: { slug: PURPOSE } });
    const actor = { kind: 'RESIDENT' as const, id: resident.id };
    const already = await bench.db.prisma.consent.count({
      where: {
        residentId: resident.id,
        purposeId: purpose.id,
        events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } },
      },
    });
    if (already === 0) {
      await grantConsent({
        prisma: bench.db.prisma,
        hub: bench.hub,
        now: new Date(),
        residentId: resident.id,
        purposeSlug: PURPOSE,
        channel: 'RESIDENT_PAGE',
        actor,
        language: 'FI',
      });
    }
    const body = JSON.stringify({
      query: `{ resident(id: "${encodeId('Resident', resident.id)}") { firstName email } }`,
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const reads: Read[] = [];
    let stop = false;
    const readers = Array.from({ length: options.readers }, async () => {
      while (!stop) {
        const startedAt = performance.now();
        const response = await fetch(`${bench.server.url}/graphql`, { method: 'POST', headers, body });
        const json = (await response.json()) as { data?: { resident?: { firstName?: string | null } | null } };
        reads.push({ startedAt, endedAt: performance.now(), gotData: Boolean(json.data?.resident?.firstName) });
      }
    });
    await new Promise((resolve) => setTimeout(resolve, (options.secondsBefore ?? 2) * 1000));
    const withdrawStartedAt = performance.now();
    await withdrawConsent({
      prisma: bench.db.prisma,
      hub: bench.hub,
      language: 'FI',
      now: new Date(),
      residentId: resident.id,
      purposeId: purpose.id,
      actor,
      channel: 'RESIDENT_PAGE',
    });
    const acknowledgedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, (options.secondsAfter ?? 2) * 1000));
    stop = true;
    await Promise.all(readers);

    const before = reads.filter((r) => r.endedAt < withdrawStartedAt);
    const stale = reads.filter((r) => r.startedAt > acknowledgedAt && r.gotData);
    const firstDenied = reads.filter((r) => !r.gotData).sort((a, b) => a.endedAt - b.endedAt)[0];
    return {
      name: 'revocation under concurrent reads',
      database: options.database,
      readers: options.readers,
      readsBefore: before.length,
      readsBeforeWithData: before.filter((r) => r.gotData).length,
      readsAfterAcknowledgement: reads.filter((r) => r.startedAt > acknowledgedAt).length,
      staleReads: stale.length,
      withdrawalMs: acknowledgedAt - withdrawStartedAt,
      // Negative: a read was already denied before the acknowledgement reached the caller.
      firstDeniedReadAfterAcknowledgementMs: firstDenied ? firstDenied.endedAt - acknowledgedAt : null,
    };
  } finally {
    await bench.close();
  }
}

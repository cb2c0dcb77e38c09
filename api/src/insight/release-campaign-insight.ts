// The insight tables of one campaign for one statistics purpose: computed once, at the first
// question, for every dimension at the same instant, stored, and from then on answered from
// the store. Whatever happens to the population afterwards (a withdrawal, a restriction, a
// birthday moving someone up an age band) never changes an answer, so no answer can be
// subtracted from another of the same campaign.
//
// The population is the campaign's frozen membership (campaigns/freeze-campaign-audience.ts)
// intersected with the statistics purpose's scope at the first question — never the sends or
// responses a service reports. A first release is refused while its population differs from
// an earlier release of any campaign by 1…k−1 residents (overlap.ts). Releases are
// serialised across API processes by a transaction-scoped advisory lock, so two processes
// cannot both pass that check with populations that are too close to each other.
// The release and its insight.release audit record commit in one transaction: a failed
// audit insert leaves nothing released.
import { Prisma, type PrismaClient } from '@lupa/db';
import type { ResidentScope } from '../audiences/audience-sql.js';
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import type { AuditRecordInput } from '../audit/chain.js';
import { countInsight, INSIGHT_DIMENSIONS, type InsightDimension, insightPopulationSql } from './count-insight.js';
import { isTooCloseToEarlier } from './overlap.js';
import { type PublishedTable, suppressCells } from './suppress-cells.js';

/** Arbitrary but fixed: the key of the advisory lock every campaign release is made under. */
const RELEASE_LOCK_KEY = 72_707_532;

export interface CampaignInsightRelease {
  tables: Record<InsightDimension, PublishedTable>;
  k: number;
  releasedAt: Date;
}

export type ReleaseResult =
  | { release: CampaignInsightRelease; first: boolean }
  | { refused: 'TOO_CLOSE_TO_EARLIER_RELEASE' };

// Releases queue behind one another (the lock); each counts five dimensions of a population.
const RELEASE_TRANSACTION = { maxWait: 15_000, timeout: 60_000 };

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function findRelease(
  tx: Tx | PrismaClient,
  key: { campaignId: string; purposeId: string; k: number },
): Promise<CampaignInsightRelease | undefined> {
  const row = await tx.campaignInsight.findUnique({
    where: { campaignId_purposeId_k: key },
    select: { tables: true, k: true, releasedAt: true },
  });
  if (!row) return undefined;
  return { tables: row.tables as unknown as CampaignInsightRelease['tables'], k: row.k, releasedAt: row.releasedAt };
}

export interface ReleaseCampaignInsightOptions extends WriteOptions {
  /** The statistics purpose's row scope. */
  scope: ResidentScope;
  campaignId: string;
  /** The statistics purpose asking: each purpose gets its own release. */
  purposeId: string;
  /** The version of that purpose the asking token is bound to, for the audit record. */
  purposeVersionId: string | null;
  k: number;
}

export async function releaseCampaignInsight(options: ReleaseCampaignInsightOptions): Promise<ReleaseResult> {
  const { prisma, scope, campaignId, purposeId, k, now } = options;
  const key = { campaignId, purposeId, k };
  const stored = await findRelease(prisma, key);
  if (stored) return { release: stored, first: false };
  return auditedTransaction(
    prisma,
    async (tx): Promise<{ result: ReleaseResult; audit: AuditRecordInput[] }> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RELEASE_LOCK_KEY}::bigint)`;
      // Another process may have released it while this one waited for the lock.
      const raced = await findRelease(tx, key);
      if (raced) return { result: { release: raced, first: false }, audit: [] };

      const from = insightPopulationSql({ scope, campaignId, now });
      const ids = (await tx.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id::text AS id ${from}`)).map((r) => r.id);
      const earlier = await tx.$queryRaw<{ size: number; shared: number }[]>(Prisma.sql`
      SELECT i.population AS size, count(ir."residentId")::int AS shared
      FROM "CampaignInsight" i
      LEFT JOIN "CampaignInsightResident" ir ON ir."insightId" = i.id AND ir."residentId" = ANY(${ids}::uuid[])
      GROUP BY i.id, i.population`);
      if (
        isTooCloseToEarlier({
          candidate: ids.length,
          earlier: earlier.map((e) => ({ size: Number(e.size), shared: Number(e.shared) })),
          k,
        })
      ) {
        return { result: { refused: 'TOO_CLOSE_TO_EARLIER_RELEASE' as const }, audit: [] };
      }

      // Counted over exactly the residents listed above, so the stored population and the
      // tables agree even if someone withdraws meanwhile.
      const counted = Prisma.sql`FROM "Resident" r WHERE r.id = ANY(${ids}::uuid[])`;
      const tables = {} as Record<InsightDimension, PublishedTable>;
      for (const dimension of INSIGHT_DIMENSIONS) {
        const { cells, total } = await countInsight({ prisma: tx as PrismaClient, from: counted, dimension, now });
        tables[dimension] = suppressCells({ cells, total, k });
      }
      const { id } = await tx.campaignInsight.create({
        data: { ...key, population: ids.length, tables: tables as unknown as Prisma.InputJsonObject, releasedAt: now },
        select: { id: true },
      });
      // One array parameter however large the population.
      await tx.$executeRaw(Prisma.sql`INSERT INTO "CampaignInsightResident" ("insightId", "residentId")
      SELECT ${id}::uuid, unnest(${ids}::uuid[])`);
      // Taking and storing the tables is the write; its record commits with it.
      const released = auditEvent(options, {
        kind: 'insight.release',
        payload: { campaignId, k, population: ids.length },
        purposeId,
        purposeVersionId: options.purposeVersionId,
      });
      return { result: { release: { tables, k, releasedAt: now }, first: true }, audit: [released] };
    },
    RELEASE_TRANSACTION,
  );
}

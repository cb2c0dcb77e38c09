// Counts a population by one pre-defined dimension in the database (one grouped query and
// one count), then lists every category of the dimension, empty ones too, so that which
// categories appear never depends on the population.
import { Prisma, type PrismaClient } from '@lupa/db';
import { type ResidentScope, residentsFromSql } from '../audiences/audience-sql.js';
import type { CountedCell } from './suppress-cells.js';

export const INSIGHT_DIMENSIONS = ['AGE_BAND', 'DISTRICT', 'LANGUAGE', 'HOUSEHOLD_TYPE', 'INTEREST'] as const;
export type InsightDimension = (typeof INSIGHT_DIMENSIONS)[number];

export const AGE_BANDS = ['0-17', '18-29', '30-44', '45-64', '65-74', '75+'] as const;
const LANGUAGES = ['FI', 'SV', 'EN'];
const HOUSEHOLD_TYPES = ['SINGLE', 'COUPLE', 'FAMILY', 'SINGLE_PARENT', 'SHARED'];

function ageBandSql(now: Date): Prisma.Sql {
  const age = Prisma.sql`date_part('year', age(${now}::timestamptz::date, r."birthDate"))`;
  return Prisma.sql`CASE WHEN ${age} < 18 THEN '0-17' WHEN ${age} < 30 THEN '18-29' WHEN ${age} < 45 THEN '30-44'
    WHEN ${age} < 65 THEN '45-64' WHEN ${age} < 75 THEN '65-74' ELSE '75+' END`;
}

/** The fixed categories of a dimension: districts and topics as held, never as the population has them. */
async function listCategories(prisma: PrismaClient, dimension: InsightDimension): Promise<string[]> {
  switch (dimension) {
    case 'AGE_BAND':
      return [...AGE_BANDS];
    case 'LANGUAGE':
      return LANGUAGES;
    case 'HOUSEHOLD_TYPE':
      return HOUSEHOLD_TYPES;
    case 'DISTRICT': {
      const rows = await prisma.$queryRaw<{ key: string }[]>(
        Prisma.sql`SELECT DISTINCT district AS key FROM "Resident" ORDER BY 1`,
      );
      return rows.map((r) => r.key);
    }
    case 'INTEREST':
      return (await prisma.topic.findMany({ select: { slug: true }, orderBy: { slug: 'asc' } })).map((t) => t.slug);
  }
}

function groupedCountSql(dimension: InsightDimension, from: Prisma.Sql, now: Date): Prisma.Sql {
  switch (dimension) {
    case 'INTEREST':
      return Prisma.sql`SELECT t.slug AS key, count(*)::int AS n FROM "ResidentInterest" ri
        JOIN "Topic" t ON t.id = ri."topicId" WHERE ri."residentId" IN (SELECT r.id ${from}) GROUP BY t.slug`;
    case 'AGE_BAND':
      return Prisma.sql`SELECT ${ageBandSql(now)} AS key, count(*)::int AS n ${from} GROUP BY 1`;
    case 'DISTRICT':
      return Prisma.sql`SELECT r.district AS key, count(*)::int AS n ${from} GROUP BY 1`;
    case 'LANGUAGE':
      return Prisma.sql`SELECT r.language::text AS key, count(*)::int AS n ${from} GROUP BY 1`;
    case 'HOUSEHOLD_TYPE':
      return Prisma.sql`SELECT r."householdType"::text AS key, count(*)::int AS n ${from} GROUP BY 1`;
  }
}

/**
 * `FROM "Resident" r … WHERE …` for an insight population: every resident in the purpose's
 * scope, or only the members of one campaign (its frozen audience) who are in scope now.
 * Never anything a caller reports one resident at a time (sends, responses).
 */
export function insightPopulationSql({
  scope,
  campaignId,
  now,
}: {
  scope: ResidentScope;
  campaignId?: string;
  now: Date;
}): Prisma.Sql {
  const from = residentsFromSql({ scope, criteria: {}, now });
  if (!campaignId) return from;
  return Prisma.sql`${from} AND EXISTS (SELECT 1 FROM "CampaignMember" cm
    WHERE cm."campaignId" = ${campaignId}::uuid AND cm."residentId" = r.id)`;
}

/** True counts, for the suppression step only; they never leave the server unrounded. */
export async function countInsight({
  prisma,
  from,
  dimension,
  now,
}: {
  prisma: PrismaClient;
  /** From insightPopulationSql. */
  from: Prisma.Sql;
  dimension: InsightDimension;
  now: Date;
}): Promise<{ cells: CountedCell[]; total: number }> {
  const [categories, grouped, totals] = await Promise.all([
    listCategories(prisma, dimension),
    prisma.$queryRaw<{ key: string; n: number }[]>(groupedCountSql(dimension, from, now)),
    prisma.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n ${from}`),
  ]);
  const counts = new Map(grouped.map((g) => [g.key, Number(g.n)]));
  return {
    cells: categories.map((key) => ({ key, count: counts.get(key) ?? 0 })),
    total: Number(totals[0]?.n ?? 0),
  };
}

// The aggregates the dashboard and the anomaly flags are computed from, grouped in the
// database so only counts cross the wire. Days are local calendar days in `timeZone`; a
// range of days becomes the instants [start of first day, start of the day after last).
import { Prisma, type PrismaClient } from '@lupa/db';
import type { AddressReads } from '../anomalies/address-clusters.js';
import type { HourlyReads } from '../anomalies/off-hours.js';
import type { DailyReads } from '../anomalies/read-spikes.js';
import { addDays } from './days.js';

export interface DayRange {
  /** First day, inclusive, 'YYYY-MM-DD'. */
  first: string;
  /** Last day, inclusive. */
  last: string;
  timeZone: string;
}

function bounds(range: DayRange): Prisma.Sql {
  return boundsOn(Prisma.sql`"occurredAt"`, range);
}

function localDaySql(column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`to_char(${column} AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`;
}

// Reads are counted per resident read, as they were when every record named one resident:
// a request-level record (".batch" kinds, audit/event-kinds.ts) counts once per resident it
// lists, and as refused once per resident in a group that had a field refused.
const RESIDENT_READS = Prisma.sql`(CASE WHEN cardinality("residentIds") > 0 THEN cardinality("residentIds") ELSE 1 END)`;
const REFUSED_READS = Prisma.sql`(CASE WHEN outcome = 'ALLOWED' THEN 0
  WHEN cardinality("residentIds") = 0 THEN 1
  ELSE (SELECT coalesce(sum(jsonb_array_length(g->'residentIds')), 0) FROM jsonb_array_elements(payload->'reads') AS g
        WHERE jsonb_array_length(g->'fieldsDenied') > 0) END)`;

export interface DailyOrganisationReads extends DailyReads {
  refused: number;
}

/** Service reads per organisation and day; `refused` counts events with any field denied. */
export async function loadDailyReads(prisma: PrismaClient, range: DayRange): Promise<DailyOrganisationReads[]> {
  return prisma.$queryRaw<DailyOrganisationReads[]>`
    SELECT "organisationId"::text AS "organisationId",
           ${localDaySql(Prisma.sql`"occurredAt"`, range.timeZone)} AS day,
           sum(${RESIDENT_READS})::int AS reads,
           sum(${REFUSED_READS})::int AS refused
    FROM "AuditEvent"
    WHERE "actorKind" = 'SERVICE' AND "organisationId" IS NOT NULL AND ${bounds(range)}
    GROUP BY 1, 2
    ORDER BY 2, 1`;
}

/** Service reads per organisation, service and UTC hour (the off-hours flag decides which hours count). */
export async function loadHourlyReads(prisma: PrismaClient, range: DayRange): Promise<HourlyReads[]> {
  return prisma.$queryRaw<HourlyReads[]>`
    SELECT "organisationId"::text AS "organisationId", "serviceId"::text AS "serviceId",
           date_trunc('hour', "occurredAt") AS hour, sum(${RESIDENT_READS})::int AS reads
    FROM "AuditEvent"
    WHERE "actorKind" = 'SERVICE' AND "organisationId" IS NOT NULL AND ${bounds(range)}
    GROUP BY 1, 2, 3`;
}

/**
 * Distinct residents per actor, day and address, for groups of at least `minimum` residents.
 * The address is normalised in SQL the way normaliseAddress does it, so spelling variants
 * meet before the threshold is applied.
 */
export async function loadAddressReads(
  prisma: PrismaClient,
  range: DayRange,
  minimum: number,
): Promise<AddressReads[]> {
  return prisma.$queryRaw<AddressReads[]>`
    SELECT e."actorKind"::text AS "actorKind", e."actorId" AS "actorId",
           min(e."organisationId"::text) AS "organisationId",
           ${localDaySql(Prisma.sql`e."occurredAt"`, range.timeZone)} AS day,
           lower(regexp_replace(btrim(r."streetAddress"), '\\s+', ' ', 'g')) AS "streetAddress",
           btrim(r."postalCode") AS "postalCode",
           array_agg(DISTINCT rid::text) AS "residentIds"
    FROM "AuditEvent" e
    -- A record's own resident, or each resident a request-level record lists.
    CROSS JOIN LATERAL unnest(CASE WHEN e."residentId" IS NULL THEN e."residentIds" ELSE ARRAY[e."residentId"] END) AS rid
    JOIN "Resident" r ON r.id = rid
    WHERE e."actorKind" IN ('SERVICE', 'OFFICER') AND e."actorId" IS NOT NULL AND ${bounds(range)}
    GROUP BY 1, 2, 4, 5, 6
    HAVING count(DISTINCT rid) >= ${minimum}`;
}

export interface ConsentEventCount {
  purposeId: string;
  day: string;
  type: 'GRANTED' | 'CONFIRMED' | 'WITHDRAWN' | 'EXPIRED';
  count: number;
}

/** Consent events per purpose, day and type within the range. */
export async function loadConsentEventCounts(prisma: PrismaClient, range: DayRange): Promise<ConsentEventCount[]> {
  return prisma.$queryRaw<ConsentEventCount[]>`
    SELECT c."purposeId"::text AS "purposeId", ${localDaySql(Prisma.sql`e."occurredAt"`, range.timeZone)} AS day,
           e.type::text AS type, count(DISTINCT e."consentId")::int AS count
    FROM "ConsentEvent" e JOIN "Consent" c ON c.id = e."consentId"
    WHERE ${boundsOn(Prisma.sql`e."occurredAt"`, range)}
    GROUP BY 1, 2, 3`;
}

/** Consents in force per purpose at the start of the range: granted before it and not ended before it. */
export async function loadActiveConsentsAtStart(
  prisma: PrismaClient,
  range: DayRange,
): Promise<{ purposeId: string; active: number }[]> {
  return prisma.$queryRaw<{ purposeId: string; active: number }[]>`
    SELECT c."purposeId"::text AS "purposeId",
           ((count(DISTINCT e."consentId") FILTER (WHERE e.type = 'GRANTED'))
             - (count(DISTINCT e."consentId") FILTER (WHERE e.type IN ('WITHDRAWN', 'EXPIRED'))))::int AS active
    FROM "ConsentEvent" e JOIN "Consent" c ON c.id = e."consentId"
    WHERE e."occurredAt" < (${range.first}::date)::timestamp AT TIME ZONE ${range.timeZone}
    GROUP BY 1`;
}

function boundsOn(column: Prisma.Sql, range: DayRange): Prisma.Sql {
  return Prisma.sql`${column} >= (${range.first}::date)::timestamp AT TIME ZONE ${range.timeZone}
    AND ${column} < (${addDays(range.last, 1)}::date)::timestamp AT TIME ZONE ${range.timeZone}`;
}

// Reads a resident's consent to a purpose from ConsentProjection, the table the database's
// triggers keep beside every consent event (migration consent_projection). The projection
// holds each consent with what its events say; what depends on the moment of reading is
// decided here, as deriveConsentState decides it: a consent is valid at `now` when it is not
// withdrawn, has no EXPIRED event, has not passed expiresAt, and is confirmed by `now` if it
// needs confirming; the newest valid grant decides (by grant time, then version); without
// one, the newest grant explains why. A property test (consent-projection.test.ts) holds
// this equal to deriveConsentState over random histories.
// audience-sql.ts reads it for audiences, campaign sends and insight counts.
import { Prisma } from '@lupa/db';

export type ProjectedConsentKind = 'granted' | 'unconfirmed' | 'withdrawn' | 'expired';

/** One row per resident who has any consent to the purpose: the decisive one. */
export interface ProjectedConsentRow {
  residentId: string;
  kind: ProjectedConsentKind;
  purposeVersionId: string;
  /** granted: expiresAt; withdrawn: withdrawnAt; expired: expiredAt or expiresAt; unconfirmed: null. */
  at: Date | null;
}

const uuid = (id: string) => Prisma.sql`${id}::uuid`;

/** The consent state, as of `now`, of these residents for the purpose (none: no row). */
export function consentStatesFromProjectionSql(purposeId: string, residentIds: readonly string[], now: Date) {
  const at = Prisma.sql`${now}::timestamptz`;
  return Prisma.sql`SELECT DISTINCT ON (s."residentId") s."residentId"::text AS "residentId", s.kind,
      s."purposeVersionId"::text AS "purposeVersionId", s.at
    FROM (SELECT p."residentId", p."purposeVersionId", p."grantedAt", p.version,
        CASE WHEN p."withdrawnAt" IS NOT NULL THEN 'withdrawn'
             WHEN p."expiredAt" IS NOT NULL OR p."expiresAt" <= ${at} THEN 'expired'
             WHEN p."needsConfirmation" AND (p."confirmedAt" IS NULL OR p."confirmedAt" > ${at}) THEN 'unconfirmed'
             ELSE 'granted' END AS kind,
        CASE WHEN p."withdrawnAt" IS NOT NULL THEN p."withdrawnAt"
             ELSE coalesce(p."expiredAt", p."expiresAt") END AS at
      FROM "ConsentProjection" p
      WHERE p."purposeId" = ${uuid(purposeId)}
        AND p."residentId" IN (${Prisma.join(residentIds.map(uuid))})) s
    ORDER BY s."residentId", (s.kind = 'granted') DESC, s."grantedAt" DESC, s.version DESC`;
}

/**
 * Each resident's newest consent to the purpose valid at `now` — one row per resident who has
 * one: `residentId`, and `covers`, whether that consent's version passes `covers` (a
 * condition on `p."purposeVersionId"`). For a join on residentId (audience-sql.ts).
 *
 * A set, not a per-resident lookup: on 1,000,000 residents the lookup (a LATERAL subquery
 * with LIMIT 1) ran once per resident in the district, 125,000 index probes, where this is
 * one range of the (purposeId, residentId, grantedAt DESC, version DESC, …) index read in
 * resident order without touching the table, merged with the residents in id order.
 * `covers` is worked out here, on the decisive consent, and only filtered on outside:
 * filtering the versions before picking the newest would let an older consent to a
 * covering version stand in for a newer one that does not cover. (Outside, too, the planner
 * estimates `WHERE covers` at half the rows; filtered by `IN (versions)` it guessed 2 %,
 * twice, and chose per-row probes again.)
 */
export function decisiveValidConsentsFromProjectionSql({
  purposeId,
  now,
  covers,
  residentIds,
}: {
  purposeId: string;
  now: Date;
  covers: Prisma.Sql;
  /** Only these residents (campaign sends): the index range shrinks to them. */
  residentIds?: readonly string[];
}): Prisma.Sql {
  const at = Prisma.sql`${now}::timestamptz`;
  const only =
    residentIds === undefined
      ? Prisma.empty
      : residentIds.length === 0
        ? Prisma.sql`AND FALSE`
        : Prisma.sql`AND p."residentId" IN (${Prisma.join(residentIds.map(uuid))})`;
  return Prisma.sql`SELECT DISTINCT ON (p."residentId") p."residentId", ${covers} AS covers
    FROM "ConsentProjection" p
    WHERE p."purposeId" = ${uuid(purposeId)} ${only}
      AND p."withdrawnAt" IS NULL AND p."expiredAt" IS NULL
      AND (p."expiresAt" IS NULL OR p."expiresAt" > ${at})
      AND (NOT p."needsConfirmation" OR p."confirmedAt" <= ${at})
    ORDER BY p."residentId", p."grantedAt" DESC, p.version DESC`;
}

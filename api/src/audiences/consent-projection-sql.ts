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
 * The version of resident `r`'s newest consent valid at `now`, for a `JOIN LATERAL`
 * (audience-sql.ts).
 */
export function newestValidConsentFromProjectionSql(purposeId: string, now: Date): Prisma.Sql {
  const at = Prisma.sql`${now}::timestamptz`;
  return Prisma.sql`SELECT p."purposeVersionId" FROM "ConsentProjection" p
    WHERE p."purposeId" = ${uuid(purposeId)} AND p."residentId" = r.id
      AND p."withdrawnAt" IS NULL AND p."expiredAt" IS NULL
      AND (p."expiresAt" IS NULL OR p."expiresAt" > ${at})
      AND (NOT p."needsConfirmation" OR p."confirmedAt" <= ${at})
    ORDER BY p."grantedAt" DESC, p.version DESC
    LIMIT 1`;
}

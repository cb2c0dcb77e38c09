// The SQL that selects residents for an audience or a statistics population. Everything is
// filtered in the database, with bound parameters only, so a 200,000-resident municipality
// is never loaded into memory; the index on Resident(district, language), the Consent
// (residentId, purposeId) index and the ConsentEvent (consentId, type) index carry it.
import { Prisma } from '@lupa/db';
import type { AudienceCriteria } from './audience-criteria.js';

export interface ResidentScope {
  /** Leave out residents who restricted processing (Art. 18) — unless the basis overrides it. */
  excludeRestricted: boolean;
  /**
   * Consent-based purposes: only residents whose newest valid consent names one of these
   * versions (the versions whose scope covers what the request processes). Undefined when
   * the purpose does not rest on consent.
   */
  consent?: { purposeId: string; versionIds: readonly string[] };
}

const uuid = (id: string) => Prisma.sql`${id}::uuid`;

/**
 * The consent a resident holds, as `deriveConsentState` decides it, written as SQL so the
 * database can filter with it: of the purpose's consents that are neither withdrawn (a
 * WITHDRAWN event on any of the resident's consents to the purpose at or after the grant),
 * nor expired (an EXPIRED event, or expiresAt passed), nor awaiting confirmation, the newest
 * grant decides — newest by grant time, then version. The page the database returns is
 * re-checked with deriveConsentState itself (find-audience.ts), which stays the one
 * authority: a row the two ever disagreed on is dropped, never shown. A property test holds
 * the two equal over random consent histories.
 */
function newestValidConsentSql(purposeId: string, now: Date): Prisma.Sql {
  return Prisma.sql`SELECT c."purposeVersionId"
    FROM "Consent" c JOIN "PurposeVersion" pv ON pv.id = c."purposeVersionId"
    WHERE c."residentId" = r.id AND c."purposeId" = ${uuid(purposeId)}
      AND (c."expiresAt" IS NULL OR c."expiresAt" > ${now}::timestamptz)
      AND NOT EXISTS (SELECT 1 FROM "ConsentEvent" x WHERE x."consentId" = c.id AND x.type = 'EXPIRED')
      AND (NOT c."needsConfirmation" OR EXISTS (SELECT 1 FROM "ConsentEvent" f
        WHERE f."consentId" = c.id AND f.type = 'CONFIRMED' AND f."occurredAt" <= ${now}::timestamptz))
      AND NOT EXISTS (SELECT 1 FROM "ConsentEvent" w JOIN "Consent" wc ON wc.id = w."consentId"
        WHERE w."residentId" = r.id AND wc."purposeId" = ${uuid(purposeId)}
          AND w.type = 'WITHDRAWN' AND w."occurredAt" >= c."grantedAt")
    ORDER BY c."grantedAt" DESC, pv.version DESC
    LIMIT 1`;
}

/** `FROM "Resident" r … WHERE …` for the scope and the criteria; select and order are the caller's. */
export function residentsFromSql({
  scope,
  criteria,
  now,
}: {
  scope: ResidentScope;
  criteria: AudienceCriteria;
  now: Date;
}): Prisma.Sql {
  const joins: Prisma.Sql[] = [];
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (scope.consent) {
    const { purposeId, versionIds } = scope.consent;
    if (versionIds.length === 0) where.push(Prisma.sql`FALSE`);
    else {
      joins.push(Prisma.sql`JOIN LATERAL (${newestValidConsentSql(purposeId, now)}) g ON TRUE`);
      where.push(Prisma.sql`g."purposeVersionId" IN (${Prisma.join(versionIds.map(uuid))})`);
    }
  }
  if (scope.excludeRestricted) where.push(Prisma.sql`r.restricted = FALSE`);
  if (criteria.district != null) where.push(Prisma.sql`r.district = ${criteria.district}`);
  if (criteria.language != null) where.push(Prisma.sql`r.language = ${criteria.language}::"Language"`);
  if (criteria.interest != null) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "ResidentInterest" ri JOIN "Topic" t ON t.id = ri."topicId"
      WHERE ri."residentId" = r.id AND t.slug = ${criteria.interest})`);
  }
  if (criteria.offeringCode != null) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "ServiceUsage" su
      WHERE su."residentId" = r.id AND su."offeringCode" = ${criteria.offeringCode})`);
  }
  if (criteria.residentIds) {
    where.push(
      criteria.residentIds.length === 0
        ? Prisma.sql`FALSE`
        : Prisma.sql`r.id IN (${Prisma.join(criteria.residentIds.map(uuid))})`,
    );
  }
  if (criteria.campaignId != null) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "CampaignSend" cs
      WHERE cs."campaignId" = ${uuid(criteria.campaignId)} AND cs."residentId" = r.id)`);
  }
  if (criteria.campaignResponse != null && criteria.campaignId != null) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "CampaignResponse" cr
      WHERE cr."campaignId" = ${uuid(criteria.campaignId)} AND cr."residentId" = r.id
        AND cr.kind = ${criteria.campaignResponse}::"CampaignResponseKind")`);
  }
  return Prisma.sql`FROM "Resident" r ${joins.length > 0 ? Prisma.join(joins, ' ') : Prisma.empty} WHERE ${Prisma.join(where, ' AND ')}`;
}

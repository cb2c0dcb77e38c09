// The SQL that selects residents for an audience or a statistics population. Everything is
// filtered in the database, with bound parameters only, so a 200,000-resident municipality
// is never loaded into memory; the index on Resident(district, language) and the
// ConsentProjection (purposeId, residentId) index carry it.
import { Prisma } from '@lupa/db';
import type { AudienceCriteria } from './audience-criteria.js';
import { newestValidConsentFromProjectionSql } from './consent-projection-sql.js';

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
      // The newest consent valid at `now`, as deriveConsentState decides it, read from the
      // consent-state projection the database keeps beside every consent event. The page is
      // re-checked with deriveConsentState itself (find-audience.ts), which stays the one
      // authority; property tests hold the two equal over random histories.
      joins.push(Prisma.sql`JOIN LATERAL (${newestValidConsentFromProjectionSql(purposeId, now)}) g ON TRUE`);
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

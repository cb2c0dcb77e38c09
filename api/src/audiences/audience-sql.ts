// The SQL that selects residents for an audience or a statistics population. Everything is
// filtered in the database, with bound parameters only, so a 200,000-resident municipality
// is never loaded into memory. The indexes that carry it (migration audience_covering_indexes)
// give each part in resident id order without reading the tables — Resident by (district,
// id, restricted) or (id, restricted), ResidentInterest by (topicId, residentId),
// ConsentProjection by (purposeId, residentId, grantedAt DESC, version DESC, …) — so the
// parts merge, a page stops after `first` rows and a count reads only index pages.
import { Prisma } from '@lupa/db';
import type { DataCategorySlug } from '../privacy/index.js';
import type { RowScope } from '../privacy/privacy-plan.js';
import type { AudienceCriteria } from './audience-criteria.js';
import { decisiveValidConsentsFromProjectionSql } from './consent-projection-sql.js';

/** The row scope of the request's privacy plan (privacy/privacy-plan.ts). */
export type ResidentScope = RowScope;

const uuid = (id: string) => Prisma.sql`${id}::uuid`;

/** The ids of the purpose versions covering a category (at FULL, when `fully`). */
function versionsCoveringSql(slug: DataCategorySlug, fully: boolean): Prisma.Sql {
  return Prisma.sql`SELECT pvc."purposeVersionId" FROM "PurposeVersionCategory" pvc
    JOIN "DataCategory" dc ON dc.id = pvc."categoryId"
    WHERE dc.slug = ${slug}${fully ? Prisma.sql` AND pvc."accessLevel" = 'FULL'::"AccessLevel"` : Prisma.empty}`;
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
    const { purposeId, covers, coversFully } = scope.consent;
    // The newest consent valid at `now`, as deriveConsentState decides it, read from the
    // consent-state projection the database keeps beside every consent event, and whether
    // it names a version covering each category read. The page is re-checked with
    // deriveConsentState itself (find-audience.ts), which stays the one authority; property
    // tests hold the two equal over random histories. The version subqueries do not depend
    // on the row (PostgreSQL hashes each once per statement), and the plan needs no
    // per-request lookup of which versions cover what.
    const coverage = [
      ...covers.map((slug) => Prisma.sql`p."purposeVersionId" IN (${versionsCoveringSql(slug, false)})`),
      ...coversFully.map((slug) => Prisma.sql`p."purposeVersionId" IN (${versionsCoveringSql(slug, true)})`),
    ];
    const decisive = decisiveValidConsentsFromProjectionSql({
      purposeId,
      now,
      covers: coverage.length > 0 ? Prisma.join(coverage, ' AND ') : Prisma.sql`TRUE`,
      residentIds: criteria.residentIds,
    });
    joins.push(Prisma.sql`JOIN (${decisive}) g ON g."residentId" = r.id`);
    where.push(Prisma.sql`g.covers`);
  }
  if (scope.excludeRestricted) where.push(Prisma.sql`r.restricted = FALSE`);
  if (criteria.district != null) where.push(Prisma.sql`r.district = ${criteria.district}`);
  if (criteria.language != null) where.push(Prisma.sql`r.language = ${criteria.language}::"Language"`);
  if (criteria.interest != null) {
    // The topic looked up once (slug is unique), so the (topicId, residentId) index gives
    // the interested residents in id order, to merge with the rest; joined per row to Topic,
    // PostgreSQL guessed 2 % of them and sorted.
    where.push(Prisma.sql`r.id IN (SELECT ri."residentId" FROM "ResidentInterest" ri
      WHERE ri."topicId" = (SELECT t.id FROM "Topic" t WHERE t.slug = ${criteria.interest}))`);
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
  return Prisma.sql`FROM "Resident" r ${joins.length > 0 ? Prisma.join(joins, ' ') : Prisma.empty} WHERE ${Prisma.join(where, ' AND ')}`;
}

// Turns the request's purpose into the rows it may reach for a set of data categories. Every
// category goes through the privacy gate's per-request decision table, so an audience or a
// statistics population is refused for exactly the reasons a field read would be.
import type { PrismaClient } from '@lupa/db';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';
import { type DenialReason, isRestrictionExempt } from '../privacy/index.js';
import type { ResidentScope } from './audience-sql.js';

export type ScopeResult = { denied: DenialReason } | { scope: ResidentScope };

export async function resolveResidentScope({
  prisma,
  gate,
  categories,
}: {
  prisma: PrismaClient;
  gate: PrivacyGate;
  categories: readonly string[];
}): Promise<ScopeResult> {
  const policy = await gate.policy();
  if (!policy) return { denied: 'PRINCIPAL_NOT_PERMITTED' };
  // The rows themselves are resident data: with no category read beyond them, the legal
  // basis alone says whether consent and restriction bound the population.
  let excludeRestricted = !isRestrictionExempt(policy.legalBasis);
  let consentRequired = policy.legalBasis === 'CONSENT';
  for (const category of categories) {
    const access = await gate.describeCategory(category);
    if (access.access === 'DENIED') return { denied: access.reason };
    excludeRestricted ||= access.restrictionApplies;
    consentRequired ||= access.consentRequired;
  }
  if (!consentRequired) return { scope: { excludeRestricted } };
  // A resident is bound by the version they consented to: only versions covering every
  // category read here may put them in the population (an older version may not cover
  // the district a newer one generalises, for example).
  const versions = await prisma.purposeVersion.findMany({
    where: {
      purposeId: policy.purposeId,
      AND: categories.map((slug) => ({ categories: { some: { category: { slug } } } })),
    },
    select: { id: true },
  });
  return {
    scope: { excludeRestricted, consent: { purposeId: policy.purposeId, versionIds: versions.map((v) => v.id) } },
  };
}

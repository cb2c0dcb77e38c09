// A stored purpose version as the legal-basis linter sees it: loaded with its controller,
// categories and recipients, and turned into the linter's facts.
import type { Prisma, PrismaClient } from '@lupa/db';
import type { OrganisationKind, PurposeDraftFacts, Sensitivity } from './lint-legal-basis.js';

export const VERSION_INCLUDE = {
  purpose: { select: { id: true, controller: { select: { kind: true } } } },
  categories: { include: { category: true } },
  recipients: { include: { organisation: { select: { slug: true, kind: true } } } },
} as const;

export type LoadedVersion = Prisma.PurposeVersionGetPayload<{ include: typeof VERSION_INCLUDE }>;

export function loadVersionForLint(
  prisma: PrismaClient | Prisma.TransactionClient,
  id: string,
): Promise<LoadedVersion | null> {
  return prisma.purposeVersion.findUnique({ where: { id }, include: VERSION_INCLUDE });
}

export function versionFacts(v: LoadedVersion): PurposeDraftFacts {
  return {
    controllerKind: v.purpose.controller.kind as OrganisationKind,
    legalBasis: v.legalBasis,
    specialCategoryBasis: v.specialCategoryBasis,
    retentionDays: v.retentionDays,
    consentValidityDays: v.consentValidityDays,
    categories: v.categories.map((c) => ({
      slug: c.category.slug,
      sensitivity: c.category.sensitivity as Sensitivity,
      accessLevel: c.accessLevel,
    })),
    recipientKinds: v.recipients.map((r) => r.organisation.kind as OrganisationKind),
    texts: v,
  };
}

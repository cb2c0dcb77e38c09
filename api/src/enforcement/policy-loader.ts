// Loads, once per request, what the privacy engine needs about the purpose version a
// service's token names. Nothing here is cached across requests: a retired version or a
// changed recipient list counts from the next request on.
import type { PrismaClient } from '@lupa/db';
import type { PurposeVersionPolicy } from '../privacy/index.js';

export async function loadPurposeVersionPolicy(prisma: PrismaClient, versionId: string): Promise<PurposeVersionPolicy> {
  const version = await prisma.purposeVersion.findUniqueOrThrow({
    where: { id: versionId },
    include: {
      purpose: { select: { controllerId: true } },
      categories: { select: { accessLevel: true, category: { select: { slug: true } } } },
      recipients: { select: { organisationId: true } },
    },
  });
  return {
    id: version.id,
    purposeId: version.purposeId,
    version: version.version,
    status: version.status,
    legalBasis: version.legalBasis,
    specialCategoryBasis: version.specialCategoryBasis,
    controllerId: version.purpose.controllerId,
    recipientIds: version.recipients.map((r) => r.organisationId),
    categories: Object.fromEntries(version.categories.map((c) => [c.category.slug, c.accessLevel])),
  };
}

// Loads what the privacy engine needs about the purpose version a request acts under.
// A published version never changes (updatePurposeDraft refuses anything but a draft) and
// retiring it changes only its status, so the content of published and retired versions is
// kept for the life of the process. The status is read fresh on every request: a version
// retired a moment ago counts as retired on the next request.
import type { PrismaClient } from '@lupa/db';
import type { PurposeVersionPolicy } from '../privacy/index.js';

type PolicyContent = Omit<PurposeVersionPolicy, 'status'>;

/** Enough for every version a municipality will publish; past it the cache starts over. */
const MAX_CACHED_VERSIONS = 2_000;
const contentByVersion = new Map<string, PolicyContent>();

const isImmutable = (status: string) => status === 'PUBLISHED' || status === 'RETIRED';

/**
 * `statusReadThisRequest`: the version's status when the caller has already read it fresh in
 * this request (a service's principal check does), so it is not read a second time.
 */
export async function loadPurposeVersionPolicy(
  prisma: PrismaClient,
  versionId: string,
  statusReadThisRequest?: PurposeVersionPolicy['status'],
): Promise<PurposeVersionPolicy> {
  const cached = contentByVersion.get(versionId);
  if (cached) {
    const status =
      statusReadThisRequest ??
      (await prisma.purposeVersion.findUniqueOrThrow({ where: { id: versionId }, select: { status: true } })).status;
    if (isImmutable(status)) return { ...cached, status };
  }
  const version = await prisma.purposeVersion.findUniqueOrThrow({
    where: { id: versionId },
    include: {
      purpose: { select: { controllerId: true } },
      categories: { select: { accessLevel: true, category: { select: { slug: true } } } },
      recipients: { select: { organisationId: true } },
    },
  });
  const content: PolicyContent = {
    id: version.id,
    purposeId: version.purposeId,
    version: version.version,
    legalBasis: version.legalBasis,
    specialCategoryBasis: version.specialCategoryBasis,
    controllerId: version.purpose.controllerId,
    recipientIds: version.recipients.map((r) => r.organisationId),
    categories: Object.fromEntries(version.categories.map((c) => [c.category.slug, c.accessLevel])),
  };
  if (isImmutable(version.status)) {
    if (contentByVersion.size >= MAX_CACHED_VERSIONS) contentByVersion.clear();
    contentByVersion.set(versionId, content);
  }
  return { ...content, status: version.status };
}

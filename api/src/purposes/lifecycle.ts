// The life of a purpose version: draft → pending approval → published → retired. A
// published version is immutable (consents point at it); changing scope means a new
// version. Publishing needs a second officer: the approver can be neither the officer who
// drafted the version nor the one who submitted it (four eyes).
import type { PrismaClient } from '@lupa/db';
import { ConflictError, NotFoundError } from '../core/errors.js';

export interface VersionContent {
  columns: {
    legalBasis: 'CONSENT' | 'CONTRACT' | 'LEGAL_OBLIGATION' | 'VITAL_INTEREST' | 'PUBLIC_TASK' | 'LEGITIMATE_INTEREST';
    specialCategoryBasis:
      | 'EXPLICIT_CONSENT'
      | 'EMPLOYMENT_SOCIAL_SECURITY'
      | 'VITAL_INTERESTS'
      | 'SUBSTANTIAL_PUBLIC_INTEREST'
      | 'HEALTH_SOCIAL_CARE'
      | null;
    retentionDays: number;
    consentValidityDays: number | null;
    titleFi: string;
    titleSv: string;
    titleEn: string;
    descriptionFi: string;
    descriptionSv: string;
    descriptionEn: string;
  };
  categories: { categoryId: string; accessLevel: 'FULL' | 'MASKED' | 'GENERALISED' }[];
  recipientIds: string[];
}

interface Actor {
  prisma: PrismaClient;
  officerId: string;
  now: Date;
}

async function assertReferencesExist(prisma: PrismaClient, content: VersionContent): Promise<void> {
  const categoryIds = content.categories.map((c) => c.categoryId);
  if (new Set(categoryIds).size !== categoryIds.length) {
    throw new ConflictError('A category is listed twice', 'DUPLICATE_CATEGORY');
  }
  const [categories, organisations] = await Promise.all([
    prisma.dataCategory.count({ where: { id: { in: categoryIds } } }),
    prisma.organisation.count({ where: { id: { in: content.recipientIds } } }),
  ]);
  if (categories !== categoryIds.length) throw new NotFoundError('A listed data category does not exist');
  if (organisations !== content.recipientIds.length)
    throw new NotFoundError('A listed recipient organisation does not exist');
}

function childRows(content: VersionContent) {
  return {
    categories: { create: content.categories.map((c) => ({ categoryId: c.categoryId, accessLevel: c.accessLevel })) },
    recipients: { create: content.recipientIds.map((organisationId) => ({ organisationId })) },
  };
}

export async function createPurpose(
  actor: Actor,
  input: { slug: string; controllerId: string; draft: VersionContent },
): Promise<{ purposeId: string; versionId: string }> {
  const { prisma } = actor;
  if (await prisma.purpose.findUnique({ where: { slug: input.slug } })) {
    throw new ConflictError('A purpose with that slug exists', 'DUPLICATE');
  }
  if (!(await prisma.organisation.findUnique({ where: { id: input.controllerId } }))) {
    throw new NotFoundError('No such controller organisation');
  }
  await assertReferencesExist(prisma, input.draft);
  const purpose = await prisma.purpose.create({
    data: {
      slug: input.slug,
      controllerId: input.controllerId,
      versions: {
        create: {
          version: 1,
          status: 'DRAFT',
          createdById: actor.officerId,
          ...input.draft.columns,
          ...childRows(input.draft),
        },
      },
    },
    include: { versions: true },
  });
  return { purposeId: purpose.id, versionId: (purpose.versions[0] as { id: string }).id };
}

async function loadVersion(prisma: PrismaClient, versionId: string) {
  const version = await prisma.purposeVersion.findUnique({ where: { id: versionId } });
  if (!version) throw new NotFoundError('No such purpose version');
  return version;
}

export async function updatePurposeDraft(actor: Actor, versionId: string, content: VersionContent): Promise<void> {
  const { prisma } = actor;
  const version = await loadVersion(prisma, versionId);
  if (version.status !== 'DRAFT') {
    throw new ConflictError('Only a draft can be edited; published versions never change', 'VERSION_IMMUTABLE');
  }
  await assertReferencesExist(prisma, content);
  await prisma.$transaction([
    prisma.purposeVersionCategory.deleteMany({ where: { purposeVersionId: versionId } }),
    prisma.purposeVersionRecipient.deleteMany({ where: { purposeVersionId: versionId } }),
    // The last editor counts as the author for the four-eyes rule.
    prisma.purposeVersion.update({
      where: { id: versionId },
      data: { ...content.columns, createdById: actor.officerId, ...childRows(content) },
    }),
  ]);
}

/** Opens the next version as a draft, starting from the latest one. */
export async function openPurposeDraft(actor: Actor, purposeId: string): Promise<string> {
  const { prisma } = actor;
  const latest = await prisma.purposeVersion.findFirst({
    where: { purposeId },
    orderBy: { version: 'desc' },
    include: { categories: true, recipients: true },
  });
  if (!latest) throw new NotFoundError('No such purpose');
  if (latest.status === 'DRAFT' || latest.status === 'PENDING_APPROVAL') {
    throw new ConflictError('This purpose already has an open draft', 'DRAFT_EXISTS');
  }
  const created = await prisma.purposeVersion.create({
    data: {
      purposeId,
      version: latest.version + 1,
      status: 'DRAFT',
      createdById: actor.officerId,
      legalBasis: latest.legalBasis,
      specialCategoryBasis: latest.specialCategoryBasis,
      retentionDays: latest.retentionDays,
      consentValidityDays: latest.consentValidityDays,
      titleFi: latest.titleFi,
      titleSv: latest.titleSv,
      titleEn: latest.titleEn,
      descriptionFi: latest.descriptionFi,
      descriptionSv: latest.descriptionSv,
      descriptionEn: latest.descriptionEn,
      categories: { create: latest.categories.map((c) => ({ categoryId: c.categoryId, accessLevel: c.accessLevel })) },
      recipients: { create: latest.recipients.map((r) => ({ organisationId: r.organisationId })) },
    },
  });
  return created.id;
}

export async function submitPurposeVersion(actor: Actor, versionId: string): Promise<void> {
  const version = await loadVersion(actor.prisma, versionId);
  if (version.status !== 'DRAFT') throw new ConflictError('Only a draft can be submitted', 'NOT_A_DRAFT');
  await actor.prisma.purposeVersion.update({
    where: { id: versionId },
    data: { status: 'PENDING_APPROVAL', submittedById: actor.officerId },
  });
}

/** Sends a submitted version back to draft, e.g. when the approver asks for changes. */
export async function returnPurposeVersion(actor: Actor, versionId: string): Promise<void> {
  const version = await loadVersion(actor.prisma, versionId);
  if (version.status !== 'PENDING_APPROVAL')
    throw new ConflictError('The version is not awaiting approval', 'NOT_PENDING');
  await actor.prisma.purposeVersion.update({
    where: { id: versionId },
    data: { status: 'DRAFT', submittedById: null },
  });
}

export async function approvePurposeVersion(actor: Actor, versionId: string): Promise<void> {
  const { prisma } = actor;
  const version = await loadVersion(prisma, versionId);
  if (version.status !== 'PENDING_APPROVAL')
    throw new ConflictError('The version is not awaiting approval', 'NOT_PENDING');
  if (version.submittedById === actor.officerId || version.createdById === actor.officerId) {
    throw new ConflictError(
      'A second officer must approve: you drafted or submitted this version',
      'FOUR_EYES_REQUIRED',
    );
  }
  // Publishing retires the version in force; both happen together or not at all.
  await prisma.$transaction([
    prisma.purposeVersion.updateMany({
      where: { purposeId: version.purposeId, status: 'PUBLISHED' },
      data: { status: 'RETIRED', retiredAt: actor.now },
    }),
    prisma.purposeVersion.update({
      where: { id: versionId },
      data: { status: 'PUBLISHED', approvedById: actor.officerId, publishedAt: actor.now },
    }),
  ]);
}

export async function retirePurpose(actor: Actor, purposeId: string): Promise<void> {
  const result = await actor.prisma.purposeVersion.updateMany({
    where: { purposeId, status: 'PUBLISHED' },
    data: { status: 'RETIRED', retiredAt: actor.now },
  });
  if (result.count === 0) throw new ConflictError('The purpose has no version in force', 'NOT_PUBLISHED');
}

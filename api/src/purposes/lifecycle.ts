// The life of a purpose version: draft → pending approval → published → retired. A
// published version is immutable (consents point at it); changing scope means a new
// version. Publishing needs a second officer: the approver is none of the officers who
// created, edited or submitted the version since the last published one (four eyes — the
// last editor alone is not enough: A drafts, B changes a character, A approves would
// publish A's text on A's word). The legal-basis linter gates it too: an ERROR finding
// blocks submitting and approving, and every WARNING must be acknowledged by the approver,
// which is recorded with the approval. Every change is one transaction with its audit event.
import type { Prisma, PrismaClient } from '@lupa/db';
import { type AuditTx, auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { lintPurposeDraft } from './lint-legal-basis.js';
import { loadVersionForLint, versionFacts } from './version-facts.js';

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

/** The acting officer's id: purposes are drafted and reviewed by officers only. */
function officerId(options: WriteOptions): string {
  if (options.actor.kind !== 'OFFICER') throw new Error('purposes are changed by officers');
  return options.actor.id;
}

/** A refusal by the linter: the finding codes travel in extensions.findings. */
export class LintBlockedError extends ConflictError {
  constructor(message: string, reason: string, findings: string[]) {
    super(`${message}: ${findings.join(', ')}`, reason);
    this.extensions.findings = findings;
  }
}

async function assertReferencesExist(
  prisma: PrismaClient | Prisma.TransactionClient,
  content: VersionContent,
): Promise<void> {
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
  options: WriteOptions & { slug: string; controllerId: string; draft: VersionContent },
): Promise<{ purposeId: string; versionId: string }> {
  const author = officerId(options);
  return auditedTransaction(options.prisma, async (tx) => {
    if (await tx.purpose.findUnique({ where: { slug: options.slug } })) {
      throw new ConflictError('A purpose with that slug exists', 'DUPLICATE');
    }
    if (!(await tx.organisation.findUnique({ where: { id: options.controllerId } }))) {
      throw new NotFoundError('No such controller organisation');
    }
    await assertReferencesExist(tx, options.draft);
    const purpose = await tx.purpose.create({
      data: {
        slug: options.slug,
        controllerId: options.controllerId,
        versions: {
          create: {
            version: 1,
            status: 'DRAFT',
            createdById: author,
            editorIds: [author],
            ...options.draft.columns,
            ...childRows(options.draft),
          },
        },
      },
      include: { versions: true },
    });
    const versionId = (purpose.versions[0] as { id: string }).id;
    return {
      result: { purposeId: purpose.id, versionId },
      audit: [
        auditEvent(options, {
          kind: 'purpose.create',
          purposeId: purpose.id,
          purposeVersionId: versionId,
          organisationId: options.controllerId,
          payload: { slug: options.slug, versionId },
        }),
      ],
    };
  });
}

async function loadVersion(tx: AuditTx, versionId: string) {
  const version = await tx.purposeVersion.findUnique({ where: { id: versionId } });
  if (!version) throw new NotFoundError('No such purpose version');
  return version;
}

function versionEvent<K extends 'purpose.draft' | 'purpose.submit' | 'purpose.return'>(
  options: WriteOptions,
  kind: K,
  version: { id: string; purposeId: string; version: number },
) {
  return auditEvent(options, {
    kind,
    purposeId: version.purposeId,
    purposeVersionId: version.id,
    payload: { versionId: version.id, version: version.version },
  } as Parameters<typeof auditEvent<K>>[1]);
}

export async function updatePurposeDraft(
  options: WriteOptions & { versionId: string; content: VersionContent },
): Promise<void> {
  const editor = officerId(options);
  const { versionId, content } = options;
  await auditedTransaction(options.prisma, async (tx) => {
    const version = await loadVersion(tx, versionId);
    if (version.status !== 'DRAFT') {
      throw new ConflictError('Only a draft can be edited; published versions never change', 'VERSION_IMMUTABLE');
    }
    await assertReferencesExist(tx, content);
    await tx.purposeVersionCategory.deleteMany({ where: { purposeVersionId: versionId } });
    await tx.purposeVersionRecipient.deleteMany({ where: { purposeVersionId: versionId } });
    // Every editor joins the list of those who may not approve this version.
    const editorIds = [...new Set([...version.editorIds, editor])];
    await tx.purposeVersion.update({
      where: { id: versionId },
      data: { ...content.columns, editorIds, ...childRows(content) },
    });
    return { result: undefined, audit: [versionEvent(options, 'purpose.draft', version)] };
  });
}

/** Opens the next version as a draft, starting from the latest one. */
export async function openPurposeDraft(options: WriteOptions & { purposeId: string }): Promise<string> {
  const author = officerId(options);
  return auditedTransaction(options.prisma, async (tx) => {
    const latest = await tx.purposeVersion.findFirst({
      where: { purposeId: options.purposeId },
      orderBy: { version: 'desc' },
      include: { categories: true, recipients: true },
    });
    if (!latest) throw new NotFoundError('No such purpose');
    if (latest.status === 'DRAFT' || latest.status === 'PENDING_APPROVAL') {
      throw new ConflictError('This purpose already has an open draft', 'DRAFT_EXISTS');
    }
    const created = await tx.purposeVersion.create({
      data: {
        purposeId: options.purposeId,
        version: latest.version + 1,
        status: 'DRAFT',
        createdById: author,
        editorIds: [author],
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
        categories: {
          create: latest.categories.map((c) => ({ categoryId: c.categoryId, accessLevel: c.accessLevel })),
        },
        recipients: { create: latest.recipients.map((r) => ({ organisationId: r.organisationId })) },
      },
    });
    return { result: created.id, audit: [versionEvent(options, 'purpose.draft', created)] };
  });
}

/** The linter's findings on the stored version, split by severity. */
async function lintStored(tx: AuditTx, versionId: string): Promise<{ errors: string[]; warnings: string[] }> {
  const loaded = await loadVersionForLint(tx, versionId);
  if (!loaded) throw new NotFoundError('No such purpose version');
  const findings = lintPurposeDraft(versionFacts(loaded));
  const codes = (severity: string) => [...new Set(findings.filter((f) => f.severity === severity).map((f) => f.code))];
  return { errors: codes('ERROR'), warnings: codes('WARNING') };
}

export async function submitPurposeVersion(options: WriteOptions & { versionId: string }): Promise<void> {
  const submitter = officerId(options);
  await auditedTransaction(options.prisma, async (tx) => {
    const version = await loadVersion(tx, options.versionId);
    if (version.status !== 'DRAFT') throw new ConflictError('Only a draft can be submitted', 'NOT_A_DRAFT');
    const { errors } = await lintStored(tx, version.id);
    if (errors.length > 0) {
      throw new LintBlockedError(
        'The legal-basis check finds errors; fix them before submitting',
        'LINT_ERRORS',
        errors,
      );
    }
    await tx.purposeVersion.update({
      where: { id: version.id },
      data: { status: 'PENDING_APPROVAL', submittedById: submitter },
    });
    return { result: undefined, audit: [versionEvent(options, 'purpose.submit', version)] };
  });
}

/** Sends a submitted version back to draft, e.g. when the approver asks for changes. */
export async function returnPurposeVersion(options: WriteOptions & { versionId: string }): Promise<void> {
  officerId(options);
  await auditedTransaction(options.prisma, async (tx) => {
    const version = await loadVersion(tx, options.versionId);
    if (version.status !== 'PENDING_APPROVAL') {
      throw new ConflictError('The version is not awaiting approval', 'NOT_PENDING');
    }
    await tx.purposeVersion.update({ where: { id: version.id }, data: { status: 'DRAFT', submittedById: null } });
    return { result: undefined, audit: [versionEvent(options, 'purpose.return', version)] };
  });
}

export async function approvePurposeVersion(
  options: WriteOptions & { versionId: string; acknowledgedWarnings: string[] },
): Promise<void> {
  const approver = officerId(options);
  await auditedTransaction(options.prisma, async (tx) => {
    const version = await loadVersion(tx, options.versionId);
    if (version.status !== 'PENDING_APPROVAL') {
      throw new ConflictError('The version is not awaiting approval', 'NOT_PENDING');
    }
    const involved = new Set([...version.editorIds, version.createdById, version.submittedById]);
    if (involved.has(approver)) {
      throw new ConflictError(
        'A second officer must approve: you drafted, edited or submitted this version',
        'FOUR_EYES_REQUIRED',
      );
    }
    const { errors, warnings } = await lintStored(tx, version.id);
    if (errors.length > 0) {
      throw new LintBlockedError(
        'The legal-basis check finds errors; this version cannot be published',
        'LINT_ERRORS',
        errors,
      );
    }
    const unacknowledged = warnings.filter((code) => !options.acknowledgedWarnings.includes(code));
    if (unacknowledged.length > 0) {
      throw new LintBlockedError(
        'Acknowledge the legal-basis warnings to approve (acknowledgedWarnings)',
        'WARNINGS_NOT_ACKNOWLEDGED',
        unacknowledged,
      );
    }
    // Publishing retires the version in force; both happen together or not at all.
    await tx.purposeVersion.updateMany({
      where: { purposeId: version.purposeId, status: 'PUBLISHED' },
      data: { status: 'RETIRED', retiredAt: options.now },
    });
    await tx.purposeVersion.update({
      where: { id: version.id },
      data: { status: 'PUBLISHED', approvedById: approver, publishedAt: options.now },
    });
    return {
      result: undefined,
      audit: [
        auditEvent(options, {
          kind: 'purpose.approve',
          purposeId: version.purposeId,
          purposeVersionId: version.id,
          payload: { versionId: version.id, version: version.version, acknowledgedWarnings: warnings },
        }),
      ],
    };
  });
}

export async function retirePurpose(options: WriteOptions & { purposeId: string }): Promise<void> {
  officerId(options);
  await auditedTransaction(options.prisma, async (tx) => {
    const published = await tx.purposeVersion.findMany({
      where: { purposeId: options.purposeId, status: 'PUBLISHED' },
      select: { id: true },
    });
    if (published.length === 0) throw new ConflictError('The purpose has no version in force', 'NOT_PUBLISHED');
    await tx.purposeVersion.updateMany({
      where: { id: { in: published.map((v) => v.id) } },
      data: { status: 'RETIRED', retiredAt: options.now },
    });
    return {
      result: undefined,
      audit: [
        auditEvent(options, {
          kind: 'purpose.retire',
          purposeId: options.purposeId,
          payload: { retiredVersionIds: published.map((v) => v.id) },
        }),
      ],
    };
  });
}

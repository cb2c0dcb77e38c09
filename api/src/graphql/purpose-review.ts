// Tools for reviewing purposes: the legal-basis linter on a draft being edited or on a
// stored version, the diff between two versions, and the records of processing (Art. 30).
import type { PrismaClient } from '@lupa/db';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { z } from 'zod';
import { diffPurposeVersions, type VersionChange, type VersionSnapshot } from '../purposes/diff-versions.js';
import { type LintWarning, lintPurposeDraft, type PurposeDraftFacts } from '../purposes/lint-legal-basis.js';
import { findRecordsOfProcessing, type ProcessingRecord } from '../purposes/records-of-processing.js';
import { type LoadedVersion, loadVersionForLint, versionFacts } from '../purposes/version-facts.js';
import { builder } from './builder.js';
import { LupaValidationError, NotFoundError } from './errors-base.js';
import { decodeId, encodeId } from './ids.js';
import { LocalizedText } from './localized.js';
import { LegalBasis, PurposeCategoryInput, SpecialCategoryBasis } from './purpose-input.js';

// ---------------------------------------------------------------------------------------
// Linter

const LintSeverity = builder.enumType('LintSeverity', { values: ['ERROR', 'WARNING', 'INFO'] as const });

const LintWarningRef = builder.objectRef<LintWarning>('LegalBasisWarning').implement({
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable: CONSENT_FOR_PUBLIC_TASK, SPECIAL_CATEGORY_WITHOUT_BASIS, …' }),
    severity: t.field({ type: LintSeverity, resolve: (w) => w.severity }),
    field: t.exposeString('field', { description: 'The draft field the warning is about.' }),
    message: t.field({ type: LocalizedText, resolve: (w) => w.message }),
  }),
});

// Lenient on purpose: the linter runs while a draft is half written, so every field is
// optional and nothing but the ids is validated.
const PurposeDraftLintInput = builder.inputType('PurposeDraftLintInput', {
  fields: (t) => ({
    controllerId: t.id({ required: false }),
    legalBasis: t.field({ type: LegalBasis, required: false }),
    specialCategoryBasis: t.field({ type: SpecialCategoryBasis, required: false }),
    retentionDays: t.int({ required: false }),
    consentValidityDays: t.int({ required: false }),
    categories: t.field({
      type: [PurposeCategoryInput],
      required: false,
      validate: z.array(z.unknown()).max(50),
    }),
    recipientIds: t.idList({ required: false, validate: z.array(z.unknown()).max(50) }),
    titleFi: t.string({ required: false, validate: z.string().max(4000) }),
    titleSv: t.string({ required: false, validate: z.string().max(4000) }),
    titleEn: t.string({ required: false, validate: z.string().max(4000) }),
    descriptionFi: t.string({ required: false, validate: z.string().max(4000) }),
    descriptionSv: t.string({ required: false, validate: z.string().max(4000) }),
    descriptionEn: t.string({ required: false, validate: z.string().max(4000) }),
  }),
});

async function draftFacts(
  prisma: PrismaClient,
  draft: typeof PurposeDraftLintInput.$inferInput,
): Promise<PurposeDraftFacts> {
  const controllerId = draft.controllerId
    ? decodeId(String(draft.controllerId), 'Organisation', 'draft.controllerId')
    : null;
  const categoryInputs = (draft.categories ?? []).map((c, i) => ({
    id: decodeId(String(c.categoryId), 'DataCategory', `draft.categories.${i}.categoryId`),
    accessLevel: c.accessLevel,
  }));
  const recipientIds = (draft.recipientIds ?? []).map((id, i) =>
    decodeId(String(id), 'Organisation', `draft.recipientIds.${i}`),
  );
  const [controller, categories, recipients] = await Promise.all([
    controllerId ? prisma.organisation.findUnique({ where: { id: controllerId }, select: { kind: true } }) : null,
    prisma.dataCategory.findMany({ where: { id: { in: categoryInputs.map((c) => c.id) } } }),
    prisma.organisation.findMany({ where: { id: { in: recipientIds } }, select: { kind: true } }),
  ]);
  if (controllerId && !controller) throw new NotFoundError('No such controller organisation');
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  return {
    controllerKind: controller?.kind ?? null,
    legalBasis: draft.legalBasis ?? null,
    specialCategoryBasis: draft.specialCategoryBasis ?? null,
    retentionDays: draft.retentionDays ?? null,
    consentValidityDays: draft.consentValidityDays ?? null,
    categories: categoryInputs.flatMap((c) => {
      const category = categoryById.get(c.id);
      return category ? [{ slug: category.slug, sensitivity: category.sensitivity, accessLevel: c.accessLevel }] : [];
    }),
    recipientKinds: recipients.map((r) => r.kind),
    texts: draft,
  };
}

async function loadVersion(prisma: PrismaClient, globalId: string, path: string) {
  const version = await loadVersionForLint(prisma, decodeId(globalId, 'PurposeVersion', path));
  if (!version) throw new NotFoundError('No such purpose version');
  return version;
}

function snapshot(v: LoadedVersion): VersionSnapshot {
  return {
    legalBasis: v.legalBasis,
    specialCategoryBasis: v.specialCategoryBasis,
    retentionDays: v.retentionDays,
    consentValidityDays: v.consentValidityDays,
    categories: v.categories.map((c) => ({ slug: c.category.slug, accessLevel: c.accessLevel })),
    recipients: v.recipients.map((r) => ({ slug: r.organisation.slug })),
    texts: {
      titleFi: v.titleFi,
      titleSv: v.titleSv,
      titleEn: v.titleEn,
      descriptionFi: v.descriptionFi,
      descriptionSv: v.descriptionSv,
      descriptionEn: v.descriptionEn,
    },
  };
}

builder.queryFields((t) => ({
  lintPurposeDraft: t.field({
    type: [LintWarningRef],
    description: 'Legal-basis warnings for a draft as it is being edited; at most one per code and field.',
    authScopes: { scope: 'purpose:read' },
    args: { draft: t.arg({ type: PurposeDraftLintInput }) },
    resolve: async (_root, args, ctx) => lintPurposeDraft(await draftFacts(ctx.prisma, args.draft)),
  }),
  lintPurposeVersion: t.field({
    type: [LintWarningRef],
    description: 'The same warnings for a stored version (a submitted draft, a published version).',
    authScopes: { scope: 'purpose:read' },
    args: { versionId: t.arg.id() },
    resolve: async (_root, args, ctx) =>
      lintPurposeDraft(versionFacts(await loadVersion(ctx.prisma, String(args.versionId), 'versionId'))),
  }),
}));

// ---------------------------------------------------------------------------------------
// Version diff

const ChangeKindEnum = builder.enumType('PurposeVersionChangeKind', {
  values: [
    'CATEGORY_ADDED',
    'CATEGORY_REMOVED',
    'ACCESS_LEVEL_CHANGED',
    'RECIPIENT_ADDED',
    'RECIPIENT_REMOVED',
    'LEGAL_BASIS_CHANGED',
    'SPECIAL_CATEGORY_BASIS_CHANGED',
    'RETENTION_CHANGED',
    'CONSENT_VALIDITY_CHANGED',
    'TEXT_CHANGED',
  ] as const,
});

const ChangeRef = builder.objectRef<VersionChange>('PurposeVersionChange').implement({
  fields: (t) => ({
    kind: t.field({ type: ChangeKindEnum, resolve: (c) => c.kind }),
    subject: t.exposeString('subject', {
      description: 'Category slug, recipient organisation slug, text field (titleFi, …) or attribute name.',
    }),
    before: t.exposeString('before', { nullable: true }),
    after: t.exposeString('after', { nullable: true }),
    widensScope: t.exposeBoolean('widensScope', {
      description: 'Takes more from residents than the older version: a consent to it would not cover this.',
    }),
  }),
});

interface DiffView {
  fromId: string;
  toId: string;
  fromVersion: number;
  toVersion: number;
  changes: VersionChange[];
}

const DiffRef = builder.objectRef<DiffView>('PurposeVersionDiff').implement({
  fields: (t) => ({
    fromVersionId: t.id({ resolve: (d) => encodeId('PurposeVersion', d.fromId) }),
    toVersionId: t.id({ resolve: (d) => encodeId('PurposeVersion', d.toId) }),
    fromVersion: t.exposeInt('fromVersion'),
    toVersion: t.exposeInt('toVersion'),
    widensScope: t.boolean({ resolve: (d) => d.changes.some((c) => c.widensScope) }),
    changes: t.field({ type: [ChangeRef], resolve: (d) => d.changes }),
  }),
});

builder.queryField('purposeVersionDiff', (t) =>
  t.field({
    type: DiffRef,
    description: 'What changed from one version of a purpose to another (usually older to newer).',
    authScopes: { scope: 'purpose:read' },
    args: { fromVersionId: t.arg.id(), toVersionId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const [from, to] = await Promise.all([
        loadVersion(ctx.prisma, String(args.fromVersionId), 'fromVersionId'),
        loadVersion(ctx.prisma, String(args.toVersionId), 'toVersionId'),
      ]);
      if (from.purposeId !== to.purposeId) {
        throw new LupaValidationError([{ path: 'toVersionId', message: 'is a version of another purpose' }]);
      }
      return {
        fromId: from.id,
        toId: to.id,
        fromVersion: from.version,
        toVersion: to.version,
        changes: diffPurposeVersions(snapshot(from), snapshot(to)),
      };
    },
  }),
);

// ---------------------------------------------------------------------------------------
// Records of processing (Art. 30)

const RecordCategory = builder
  .objectRef<ProcessingRecord['dataCategories'][number]>('ProcessingRecordCategory')
  .implement({
    fields: (t) => ({
      slug: t.exposeString('slug'),
      name: t.field({ type: LocalizedText, resolve: (c) => c.name }),
      sensitivity: t.exposeString('sensitivity'),
      accessLevel: t.exposeString('accessLevel'),
      fields: t.exposeStringList('fields', {
        description: 'The personal fields of Resident this category covers (the typed field table).',
      }),
    }),
  });

const RecordParty = builder.objectRef<ProcessingRecord['controller']>('ProcessingRecordParty').implement({
  fields: (t) => ({
    slug: t.exposeString('slug'),
    businessId: t.exposeString('businessId'),
    name: t.field({ type: LocalizedText, resolve: (p) => p.name }),
  }),
});

const ProcessingRecordRef = builder.objectRef<ProcessingRecord>('ProcessingRecord').implement({
  description: 'One row of the records of processing activities (GDPR Art. 30(1)).',
  fields: (t) => ({
    purposeId: t.id({ resolve: (r) => encodeId('Purpose', r.purposeId) }),
    purposeSlug: t.exposeString('purposeSlug'),
    version: t.exposeInt('version'),
    status: t.exposeString('status', { description: 'PUBLISHED, or RETIRED while its data may still be held.' }),
    controller: t.field({ type: RecordParty, resolve: (r) => r.controller }),
    name: t.field({ type: LocalizedText, resolve: (r) => r.name }),
    description: t.field({ type: LocalizedText, resolve: (r) => r.description }),
    legalBasis: t.field({ type: LegalBasis, resolve: (r) => r.legalBasis as typeof LegalBasis.$inferType }),
    specialCategoryBasis: t.field({
      type: SpecialCategoryBasis,
      nullable: true,
      resolve: (r) => r.specialCategoryBasis as typeof SpecialCategoryBasis.$inferType | null,
    }),
    dataCategories: t.field({ type: [RecordCategory], resolve: (r) => r.dataCategories }),
    recipients: t.field({ type: [RecordParty], resolve: (r) => r.recipients }),
    retentionDays: t.exposeInt('retentionDays'),
    consentValidityDays: t.exposeInt('consentValidityDays', { nullable: true }),
    dataSubjects: t.field({ type: LocalizedText, resolve: (r) => r.dataSubjects }),
    thirdCountryTransfers: t.field({ type: LocalizedText, resolve: (r) => r.thirdCountryTransfers }),
    publishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.publishedAt }),
  }),
});

builder.queryField('recordsOfProcessing', (t) =>
  t.connection({
    type: ProcessingRecordRef,
    description:
      'The records of processing (Art. 30), generated from the purpose registry; CSV at /admin/api/records-of-processing.csv.',
    authScopes: { scope: 'audit:export' },
    resolve: async (_root, args, ctx) => resolveArrayConnection({ args }, await findRecordsOfProcessing(ctx.prisma)),
  }),
);

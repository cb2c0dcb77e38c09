import { z } from 'zod';
import {
  approvePurposeVersion,
  createPurpose,
  openPurposeDraft,
  retirePurpose,
  returnPurposeVersion,
  submitPurposeVersion,
  updatePurposeDraft,
} from '../purposes/lifecycle.js';
import { builder } from './builder.js';
import { MUTATION_ERRORS } from './errors.js';
import { decodeId } from './ids.js';
import { LocalizedText } from './localized.js';
import { ZSlugSchema } from './organisation.js';
import { AccessLevel, LegalBasis, PurposeVersionInput, SpecialCategoryBasis, versionData } from './purpose-input.js';
import { writeOptions } from './write-options.js';

const PurposeVersionStatus = builder.enumType('PurposeVersionStatus', {
  values: ['DRAFT', 'PENDING_APPROVAL', 'PUBLISHED', 'RETIRED'] as const,
});

const PurposeCategoryRef = builder.prismaObject('PurposeVersionCategory', {
  fields: (t) => ({
    category: t.relation('category'),
    accessLevel: t.expose('accessLevel', { type: AccessLevel }),
  }),
});

export const PurposeVersionRef = builder.prismaNode('PurposeVersion', {
  id: { field: 'id' },
  // Purposes are the public register of why Lupa processes data: anyone signed in may read them.
  authScopes: { authenticated: true },
  fields: (t) => ({
    version: t.exposeInt('version'),
    status: t.expose('status', { type: PurposeVersionStatus }),
    legalBasis: t.expose('legalBasis', { type: LegalBasis }),
    specialCategoryBasis: t.expose('specialCategoryBasis', { type: SpecialCategoryBasis, nullable: true }),
    retentionDays: t.exposeInt('retentionDays'),
    consentValidityDays: t.exposeInt('consentValidityDays', { nullable: true }),
    title: t.field({ type: LocalizedText, resolve: (v) => ({ fi: v.titleFi, sv: v.titleSv, en: v.titleEn }) }),
    description: t.field({
      type: LocalizedText,
      resolve: (v) => ({ fi: v.descriptionFi, sv: v.descriptionSv, en: v.descriptionEn }),
    }),
    purpose: t.relation('purpose'),
    categories: t.relation('categories', { type: PurposeCategoryRef }),
    recipients: t.prismaField({
      type: ['Organisation'],
      select: { recipients: { select: { organisation: true } } },
      resolve: (_query, v) => v.recipients.map((r) => r.organisation),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    retiredAt: t.expose('retiredAt', { type: 'DateTime', nullable: true }),
  }),
});

export const PurposeRef = builder.prismaNode('Purpose', {
  id: { field: 'id' },
  authScopes: { authenticated: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    controller: t.relation('controller'),
    versions: t.relation('versions', { query: { orderBy: { version: 'asc' } } }),
    currentVersion: t.field({
      type: PurposeVersionRef,
      nullable: true,
      description: 'The version in force, if any.',
      select: (_args, _ctx, nestedSelection) => ({
        versions: nestedSelection({ where: { status: 'PUBLISHED' }, take: 1 }),
      }),
      resolve: (purpose) => purpose.versions[0] ?? null,
    }),
  }),
});

builder.queryFields((t) => ({
  purposes: t.prismaConnection({
    type: 'Purpose',
    cursor: 'id',
    authScopes: { authenticated: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.purpose.findMany({ ...query, orderBy: { slug: 'asc' } }),
  }),
  purpose: t.prismaField({
    type: 'Purpose',
    nullable: true,
    authScopes: { authenticated: true },
    args: { slug: t.arg.string({ validate: ZSlugSchema }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.purpose.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));

const CreatePurposeInput = builder.inputType('CreatePurposeInput', {
  fields: (t) => ({
    slug: t.string({ validate: ZSlugSchema }),
    controllerId: t.id(),
    draft: t.field({ type: PurposeVersionInput }),
  }),
});

builder.mutationFields((t) => ({
  createPurpose: t.prismaField({
    type: 'PurposeVersion',
    description: 'Creates a purpose with its first version as a draft.',
    authScopes: { scope: 'purpose:write' },
    errors: { types: MUTATION_ERRORS },
    args: { input: t.arg({ type: CreatePurposeInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { versionId } = await createPurpose({
        ...writeOptions(ctx),
        slug: input.slug,
        controllerId: decodeId(input.controllerId, 'Organisation', 'input.controllerId'),
        draft: versionData(input.draft),
      });
      return ctx.prisma.purposeVersion.findUniqueOrThrow({ ...query, where: { id: versionId } });
    },
  }),
  updatePurposeDraft: t.prismaField({
    type: 'PurposeVersion',
    authScopes: { scope: 'purpose:write' },
    errors: { types: MUTATION_ERRORS },
    args: { versionId: t.arg.id(), draft: t.arg({ type: PurposeVersionInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.versionId, 'PurposeVersion', 'versionId');
      await updatePurposeDraft({ ...writeOptions(ctx), versionId: id, content: versionData(args.draft, 'draft') });
      return ctx.prisma.purposeVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  openPurposeDraft: t.prismaField({
    type: 'PurposeVersion',
    description: 'Starts the next version of a purpose as a draft copied from the latest one.',
    authScopes: { scope: 'purpose:write' },
    errors: { types: MUTATION_ERRORS },
    args: { purposeId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = await openPurposeDraft({
        ...writeOptions(ctx),
        purposeId: decodeId(args.purposeId, 'Purpose', 'purposeId'),
      });
      return ctx.prisma.purposeVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  submitPurposeVersion: t.prismaField({
    type: 'PurposeVersion',
    authScopes: { scope: 'purpose:write' },
    errors: { types: MUTATION_ERRORS },
    args: { versionId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.versionId, 'PurposeVersion', 'versionId');
      await submitPurposeVersion({ ...writeOptions(ctx), versionId: id });
      return ctx.prisma.purposeVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  returnPurposeVersion: t.prismaField({
    type: 'PurposeVersion',
    authScopes: { scope: 'purpose:approve' },
    errors: { types: MUTATION_ERRORS },
    args: { versionId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.versionId, 'PurposeVersion', 'versionId');
      await returnPurposeVersion({ ...writeOptions(ctx), versionId: id });
      return ctx.prisma.purposeVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  approvePurposeVersion: t.prismaField({
    type: 'PurposeVersion',
    description:
      'Publishes a submitted version. The approver must be an officer who neither created, edited nor submitted it; legal-basis ERROR findings block it, and every WARNING code must be listed in acknowledgedWarnings (recorded with the approval).',
    authScopes: { scope: 'purpose:approve' },
    errors: { types: MUTATION_ERRORS },
    args: {
      versionId: t.arg.id(),
      acknowledgedWarnings: t.arg.stringList({
        required: false,
        description: 'Codes of the linter WARNING findings the approver has read and accepts.',
        validate: z.array(z.string().max(64)).max(50),
      }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.versionId, 'PurposeVersion', 'versionId');
      await approvePurposeVersion({
        ...writeOptions(ctx),
        versionId: id,
        acknowledgedWarnings: args.acknowledgedWarnings ?? [],
      });
      return ctx.prisma.purposeVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  retirePurpose: t.prismaField({
    type: 'Purpose',
    authScopes: { scope: 'purpose:write' },
    errors: { types: MUTATION_ERRORS },
    args: { purposeId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.purposeId, 'Purpose', 'purposeId');
      await retirePurpose({ ...writeOptions(ctx), purposeId: id });
      return ctx.prisma.purpose.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

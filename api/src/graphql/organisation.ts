import { isValidBusinessId } from '@lupa/db';
import { z } from 'zod';
import { builder } from './builder.js';
import { ConflictError, MUTATION_ERRORS, NotFoundError } from './errors.js';
import { decodeId } from './ids.js';
import { LocalizedText } from './localized.js';

export const ZSlugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens');

const ZNameSchema = z.string().trim().min(2).max(200);

const OrganisationKind = builder.enumType('OrganisationKind', { values: ['MUNICIPAL', 'THIRD_SECTOR'] as const });

export const OrganisationRef = builder.prismaNode('Organisation', {
  id: { field: 'id' },
  // Organisations are public facts about the municipality: any authenticated caller may see them.
  authScopes: { authenticated: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    businessId: t.exposeString('businessId'),
    kind: t.expose('kind', { type: OrganisationKind }),
    name: t.field({ type: LocalizedText, resolve: (o) => ({ fi: o.nameFi, sv: o.nameSv, en: o.nameEn }) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    services: t.relatedConnection('services', {
      cursor: 'id',
      authScopes: { scope: 'service:read' },
      query: () => ({ orderBy: { name: 'asc' } }),
    }),
  }),
});

builder.queryField('organisations', (t) =>
  t.prismaConnection({
    type: 'Organisation',
    cursor: 'id',
    authScopes: { authenticated: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.organisation.findMany({ ...query, orderBy: { slug: 'asc' } }),
  }),
);

const OrganisationInput = builder.inputType('OrganisationInput', {
  fields: (t) => ({
    slug: t.string({ validate: ZSlugSchema }),
    businessId: t.string({
      validate: z.string().refine(isValidBusinessId, 'is not a valid business ID (Y-tunnus), e.g. 0737546-2'),
    }),
    kind: t.field({ type: OrganisationKind }),
    nameFi: t.string({ validate: ZNameSchema }),
    nameSv: t.string({ validate: ZNameSchema }),
    nameEn: t.string({ validate: ZNameSchema }),
  }),
});

builder.mutationField('createOrganisation', (t) =>
  t.prismaField({
    type: 'Organisation',
    authScopes: { scope: 'organisation:write' },
    errors: { types: MUTATION_ERRORS },
    args: { input: t.arg({ type: OrganisationInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const taken = await ctx.prisma.organisation.findFirst({
        where: { OR: [{ slug: input.slug }, { businessId: input.businessId }] },
      });
      if (taken) throw new ConflictError('An organisation with that slug or business ID exists', 'DUPLICATE');
      return ctx.prisma.organisation.create({ ...query, data: input });
    },
  }),
);

builder.mutationField('renameOrganisation', (t) =>
  t.prismaField({
    type: 'Organisation',
    authScopes: { scope: 'organisation:write' },
    errors: { types: MUTATION_ERRORS },
    args: {
      id: t.arg.id(),
      nameFi: t.arg.string({ validate: ZNameSchema }),
      nameSv: t.arg.string({ validate: ZNameSchema }),
      nameEn: t.arg.string({ validate: ZNameSchema }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.id, 'Organisation');
      const existing = await ctx.prisma.organisation.findUnique({ where: { id } });
      if (!existing) throw new NotFoundError('No such organisation');
      return ctx.prisma.organisation.update({
        ...query,
        where: { id },
        data: { nameFi: args.nameFi, nameSv: args.nameSv, nameEn: args.nameEn },
      });
    },
  }),
);

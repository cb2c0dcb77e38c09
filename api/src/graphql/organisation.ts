import { isValidBusinessId } from '@lupa/db';
import { z } from 'zod';
import { createOrganisation, renameOrganisation } from '../organisations/change-organisation.js';
import { builder } from './builder.js';
import { MUTATION_ERRORS } from './errors.js';
import { decodeId } from './ids.js';
import { LocalizedText } from './localized.js';
import { writeOptions } from './write-options.js';

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
      const { organisationId } = await createOrganisation({ ...writeOptions(ctx), organisation: input });
      return ctx.prisma.organisation.findUniqueOrThrow({ ...query, where: { id: organisationId } });
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
      await renameOrganisation({
        ...writeOptions(ctx),
        organisationId: id,
        names: { nameFi: args.nameFi, nameSv: args.nameSv, nameEn: args.nameEn },
      });
      return ctx.prisma.organisation.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

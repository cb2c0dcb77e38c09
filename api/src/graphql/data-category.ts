import { z } from 'zod';
import { createDataCategory } from '../purposes/create-data-category.js';
import { builder } from './builder.js';
import { MUTATION_ERRORS } from './errors.js';
import { LocalizedText } from './localized.js';
import { writeOptions } from './write-options.js';

export const Sensitivity = builder.enumType('Sensitivity', { values: ['NORMAL', 'HIGH', 'SPECIAL'] as const });

export const DataCategoryRef = builder.prismaNode('DataCategory', {
  id: { field: 'id' },
  authScopes: { authenticated: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    sensitivity: t.expose('sensitivity', { type: Sensitivity }),
    name: t.field({ type: LocalizedText, resolve: (c) => ({ fi: c.nameFi, sv: c.nameSv, en: c.nameEn }) }),
    description: t.field({
      type: LocalizedText,
      resolve: (c) => ({ fi: c.descriptionFi, sv: c.descriptionSv, en: c.descriptionEn }),
    }),
  }),
});

builder.queryField('dataCategories', (t) =>
  t.prismaConnection({
    type: 'DataCategory',
    cursor: 'id',
    authScopes: { authenticated: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.dataCategory.findMany({ ...query, orderBy: { slug: 'asc' } }),
  }),
);

const ZText = z.string().trim().min(2).max(500);

const DataCategoryInput = builder.inputType('DataCategoryInput', {
  fields: (t) => ({
    slug: t.string({
      validate: z
        .string()
        .regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)*$/, 'use dotted lower camel case, e.g. identity.name')
        .max(64),
    }),
    sensitivity: t.field({ type: Sensitivity }),
    nameFi: t.string({ validate: ZText }),
    nameSv: t.string({ validate: ZText }),
    nameEn: t.string({ validate: ZText }),
    descriptionFi: t.string({ validate: ZText }),
    descriptionSv: t.string({ validate: ZText }),
    descriptionEn: t.string({ validate: ZText }),
  }),
  // Special categories (GDPR Art. 9) are recognisable by name everywhere they appear.
  // looseObject: the parsed value replaces the input, and a plain object would strip every
  // field it does not name.
  validate: z
    .looseObject({ slug: z.string(), sensitivity: z.string() })
    .refine((c) => (c.sensitivity === 'SPECIAL') === c.slug.startsWith('special.'), {
      message: 'special categories, and only they, have slugs starting with "special."',
      path: ['slug'],
    }),
});

builder.mutationField('createDataCategory', (t) =>
  t.prismaField({
    type: 'DataCategory',
    // Categories are the vocabulary of purposes: whoever drafts purposes may add to it.
    authScopes: { scope: 'purpose:write' },
    errors: { types: MUTATION_ERRORS },
    args: { input: t.arg({ type: DataCategoryInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { categoryId } = await createDataCategory({ ...writeOptions(ctx), category: input });
      return ctx.prisma.dataCategory.findUniqueOrThrow({ ...query, where: { id: categoryId } });
    },
  }),
);

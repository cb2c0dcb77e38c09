// How services find residents. Everything goes through the privacy plan's row scope: a
// consent-based purpose reaches only residents holding a valid consent (to a version that
// covers what a filter or sort key reads) — a resident who withdrew is not even a row, and looking one
// up by id answers as for an id that does not exist. Fields are then decided one by one.
import { blindIndexPic, validatePic } from '@lupa/db';
import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { RESIDENT_SORT_CATEGORIES, type ResidentSortKey } from '../privacy/personal-fields.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { LupaValidationError, NotFoundError } from './errors-base.js';
import { decodeId } from './ids.js';
import { LanguageEnum, ResidentRef } from './resident.js';
import { isRowInScope, resolveResidentPage } from './resident-page.js';

/** The one answer for a resident id that is unknown or outside the request's scope. */
export const RESIDENT_NOT_FOUND = 'No such resident';

const PIC_PROBLEMS = {
  FORMAT: 'is not in the form DDMMYYCNNNT (e.g. 010190-9xxx)',
  DATE: 'names a date that does not exist',
  CHECKSUM: 'has a wrong check character',
} as const;

/** Decides the resident's fields in one go, so they resolve synchronously. */
async function preparedOne<R extends { id: string; restricted: boolean }>(ctx: Context, row: R | null) {
  if (row) await ctx.privacy.prepareViews([row]);
  return row;
}

builder.queryFields((t) => ({
  resident: t.prismaField({
    type: 'Resident',
    nullable: true,
    authScopes: { service: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.id, 'Resident');
      const row = await ctx.prisma.resident.findUnique({ ...query, where: { id } });
      // Outside the scope answers exactly as an unknown id: the answer confirms nothing.
      if (!row) throw new NotFoundError(RESIDENT_NOT_FOUND);
      if (!(await isRowInScope(ctx, row))) {
        await ctx.privacy.recordOutOfScope(row, 'id');
        throw new NotFoundError(RESIDENT_NOT_FOUND);
      }
      ctx.privacy.record.returned(row.id, 'id');
      return preparedOne(ctx, row);
    },
  }),
  residentByPersonalIdentityCode: t.prismaField({
    type: 'Resident',
    nullable: true,
    description: 'Finds a resident through the keyed blind index; the code is checked by its checksum first.',
    authScopes: { service: true },
    args: { code: t.arg.string({ validate: z.string().max(20) }) },
    resolve: async (query, _root, args, ctx) => {
      const check = validatePic(args.code);
      if (!check.valid) throw new LupaValidationError([{ path: 'code', message: PIC_PROBLEMS[check.problem] }]);
      const row = await ctx.prisma.resident.findUnique({
        ...query,
        where: { picBlindIndex: blindIndexPic(check.code, ctx.picKeys) },
      });
      // Outside the scope answers exactly as an unknown code.
      if (!row) return null;
      if (!(await isRowInScope(ctx, row))) {
        await ctx.privacy.recordOutOfScope(row, 'id');
        return null;
      }
      ctx.privacy.record.returned(row.id, 'id');
      return preparedOne(ctx, row);
    },
  }),
}));

const ResidentFilter = builder.inputType('ResidentFilter', {
  fields: (t) => ({
    district: t.string({ required: false, validate: z.string().max(100) }),
    language: t.field({ type: LanguageEnum, required: false }),
    interest: t.string({ required: false, description: 'A topic slug, e.g. disc-golf.', validate: z.string().max(64) }),
    offeringCode: t.string({
      required: false,
      description: 'Enrolled in or applied for this offering.',
      validate: z.string().max(64),
    }),
  }),
});

const SORT_KEYS = Object.keys(RESIDENT_SORT_CATEGORIES) as ResidentSortKey[];

// Each value is a sort key of the field table, which says the category it reads.
const ResidentOrderBy = builder.enumType('ResidentOrderBy', {
  description:
    'What a resident list is ordered by (ascending; ties by id). A key other than ID reads its data category at full precision: the purpose must show that category in full, and residents whose consented version does not are left out of the list and its count.',
  values: Object.fromEntries(
    SORT_KEYS.map((key) => {
      const category = RESIDENT_SORT_CATEGORIES[key];
      return [key, { description: category ? `Reads ${category}.` : 'Reads nothing beyond the row scope.' }];
    }),
  ) as Record<ResidentSortKey, { description: string }>,
});

builder.queryField('residents', (t) =>
  t.connection(
    {
      type: ResidentRef,
      description:
        'Residents in the purpose’s scope, in id order unless ordered otherwise. A filter or sort key matches only residents whose consented version covers the category it reads.',
      authScopes: { service: true },
      args: {
        filter: t.arg({ type: ResidentFilter, required: false }),
        orderBy: t.arg({ type: ResidentOrderBy, required: false }),
      },
      resolve: (_root, args, ctx, info: GraphQLResolveInfo) =>
        resolveResidentPage({
          ctx,
          info,
          args,
          criteria: { ...args.filter },
          alwaysReads: [],
          typeName: 'Resident',
          cursorPrefix: 'resident:',
          idField: 'id',
          what: 'this filter',
          orderBy: args.orderBy ?? 'ID',
        }),
    },
    {
      fields: (c) => ({
        totalCount: c.int({
          description:
            'Residents matching the filter in the whole scope, counted with the same predicate as the pages.',
          resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
        }),
      }),
    },
  ),
);

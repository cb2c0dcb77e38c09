// How services find residents. Single lookups return the resident and let the privacy gate
// decide each field; lists are row-scoped first, so a consent-based purpose lists only
// residents holding a valid consent — a resident who withdrew is not even a row.
import { blindIndexPic, type Prisma, validatePic } from '@lupa/db';
import { z } from 'zod';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { LupaValidationError } from './errors-base.js';
import { decodeId } from './ids.js';
import { PrivacyDeniedError } from './privacy-errors.js';
import { LanguageEnum } from './resident.js';

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
    resolve: async (query, _root, args, ctx) =>
      preparedOne(
        ctx,
        await ctx.prisma.resident.findUnique({ ...query, where: { id: decodeId(args.id, 'Resident') } }),
      ),
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
      return preparedOne(
        ctx,
        await ctx.prisma.resident.findUnique({
          ...query,
          where: { picBlindIndex: blindIndexPic(check.code, ctx.picKeys) },
        }),
      );
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

/** Filtering on a category is processing it: the purpose must cover what a filter reads. */
async function assertFilterAllowed(ctx: Context, filter: Record<string, unknown>): Promise<void> {
  const needs: [string, string][] = [
    ['district', 'address'],
    ['language', 'demographics'],
    ['interest', 'interests'],
    ['offeringCode', 'serviceUsage'],
  ];
  for (const [field, category] of needs) {
    if (filter[field] == null) continue;
    const access = await ctx.privacy.describeCategory(category);
    if (access.access === 'DENIED') {
      throw new PrivacyDeniedError(
        access.reason,
        `This purpose does not allow filtering by ${field} (${access.reason}).`,
      );
    }
  }
}

/** Rows the purpose may list at all: valid consent where the basis is consent, no Art. 18 restriction. */
export async function scopeResidentRows(ctx: Context): Promise<Prisma.ResidentWhereInput> {
  const policy = await ctx.privacy.policy();
  if (!policy) return { id: { in: [] } };
  const where: Prisma.ResidentWhereInput[] = [];
  // Art. 18 restriction yields only to legal obligation and vital interests (see the engine).
  if (policy.legalBasis !== 'LEGAL_OBLIGATION' && policy.legalBasis !== 'VITAL_INTEREST')
    where.push({ restricted: false });
  if (policy.legalBasis === 'CONSENT') {
    where.push({
      consents: {
        some: {
          purposeId: policy.purposeId,
          grantedAt: { lte: ctx.now },
          OR: [{ expiresAt: null }, { expiresAt: { gt: ctx.now } }],
          events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } },
          AND: [{ OR: [{ needsConfirmation: false }, { events: { some: { type: 'CONFIRMED' } } }] }],
        },
      },
    });
  }
  return { AND: where };
}

builder.queryField('residents', (t) =>
  t.prismaConnection(
    {
      type: 'Resident',
      cursor: 'id',
      authScopes: { service: true },
      args: { filter: t.arg({ type: ResidentFilter, required: false }) },
      resolve: async (query, _root, args, ctx) => {
        const filter = args.filter ?? {};
        await assertFilterAllowed(ctx, filter);
        const where: Prisma.ResidentWhereInput = {
          AND: [
            await scopeResidentRows(ctx),
            filter.district ? { district: filter.district } : {},
            filter.language ? { language: filter.language } : {},
            filter.interest ? { interests: { some: { topic: { slug: filter.interest } } } } : {},
            filter.offeringCode ? { serviceUsages: { some: { offeringCode: filter.offeringCode } } } : {},
          ],
        };
        const rows = await ctx.prisma.resident.findMany({ ...query, where, orderBy: { id: 'asc' } });
        await ctx.privacy.prepareViews(rows);
        return rows;
      },
    },
    {},
  ),
);

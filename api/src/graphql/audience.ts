// Audiences: a service acting under a communication purpose lists whom it may contact, by
// district, language, interest and service usage. The rows are chosen in SQL (consent,
// restriction and criteria), each page is re-checked with the engine's consent derivation,
// and every field is still decided by the privacy gate and audited like any read.
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import type { AudienceCriteria } from '../audiences/audience-criteria.js';
import { listCriteriaCategories } from '../audiences/audience-criteria.js';
import { findAudiencePage } from '../audiences/find-audience.js';
import { resolveResidentScope } from '../audiences/resolve-scope.js';
import { builder, DEFAULT_PAGE_SIZE } from './builder.js';
import type { Context } from './context.js';
import { LupaValidationError } from './errors-base.js';
import { encodeId } from './ids.js';
import { personalText } from './personal-field.js';
import { PrivacyDeniedError } from './privacy-errors.js';
import { LanguageEnum } from './resident.js';

export const AudienceCriteriaInput = builder.inputType('AudienceCriteriaInput', {
  fields: (t) => ({
    district: t.string({ required: false, validate: z.string().min(1).max(100) }),
    language: t.field({ type: LanguageEnum, required: false }),
    interest: t.string({ required: false, description: 'A topic slug, e.g. disc-golf.', validate: z.string().max(64) }),
    offeringCode: t.string({
      required: false,
      description: 'Enrolled in or applied for this offering, e.g. sax-spring-2027.',
      validate: z.string().max(64),
    }),
  }),
});

const AudienceCriteriaRef = builder.objectRef<AudienceCriteria>('AudienceCriteria').implement({
  fields: (t) => ({
    district: t.string({ nullable: true, resolve: (c) => c.district ?? null }),
    language: t.field({ type: LanguageEnum, nullable: true, resolve: (c) => c.language ?? null }),
    interest: t.string({ nullable: true, resolve: (c) => c.interest ?? null }),
    offeringCode: t.string({ nullable: true, resolve: (c) => c.offeringCode ?? null }),
  }),
});

export { AudienceCriteriaRef };

// A narrow view of the resident: whom to contact and how. What each field returns is the
// privacy gate's decision under the token's purpose, as on Resident.
const AudienceMemberRef = builder.prismaObject('Resident', {
  variant: 'AudienceMember',
  description: 'A resident in an audience: contact fields only, each decided by the privacy engine.',
  authScopes: (_r, ctx) => ctx.principal.kind === 'service',
  select: { id: true, restricted: true, postalCode: true, district: true },
  fields: (t) => ({
    residentId: t.id({ description: 'The Resident id.', resolve: (r) => encodeId('Resident', r.id) }),
    firstName: t.string(personalText('firstName')),
    lastName: t.string(personalText('lastName')),
    email: t.string(personalText('email')),
    phone: t.string(personalText('phone')),
    language: t.string(personalText('language')),
  }),
});

const CURSOR_PREFIX = 'audience:';

function decodeCursor(cursor: string, path: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
    throw new LupaValidationError([{ path, message: 'is not a cursor of this connection' }]);
  }
  return id;
}

const encodeCursor = (id: string) => Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');

/** Why a whole audience is refused: the purpose must cover contact and every criterion's category. */
async function audienceScope(ctx: Context, criteria: AudienceCriteria) {
  const result = await resolveResidentScope({
    prisma: ctx.prisma,
    gate: ctx.privacy,
    categories: ['contact', ...listCriteriaCategories(criteria)],
  });
  if ('denied' in result) {
    throw new PrivacyDeniedError(result.denied, `This purpose does not allow this audience (${result.denied}).`);
  }
  return result.scope;
}

builder.queryField('audience', (t) =>
  t.connection(
    {
      type: AudienceMemberRef,
      description:
        'Residents the token’s communication purpose may contact, matching every given criterion, in a stable order. Page with first/after or last/before.',
      authScopes: { service: true },
      args: { criteria: t.arg({ type: AudienceCriteriaInput }) },
      resolve: async (_root, args, ctx, info: GraphQLResolveInfo) => {
        if (args.first != null && args.last != null) {
          throw new LupaValidationError([{ path: 'last', message: 'give first or last, not both' }]);
        }
        const backward = args.last != null || (args.before != null && args.first == null);
        if ((backward && args.after != null) || (!backward && args.before != null)) {
          throw new LupaValidationError([{ path: 'before', message: 'use first with after, or last with before' }]);
        }
        const cursorArg = backward ? args.before : args.after;
        const criteria: AudienceCriteria = { ...args.criteria };
        const scope = await audienceScope(ctx, criteria);
        const page = await findAudiencePage({
          prisma: ctx.prisma,
          gate: ctx.privacy,
          scope,
          criteria,
          now: ctx.now,
          first: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
          cursorId: cursorArg ? decodeCursor(cursorArg, backward ? 'before' : 'after') : null,
          backward,
        });
        // One query for every node of the page, with exactly the columns its fields select.
        const query = queryFromInfo({ context: ctx, info, path: ['edges', 'node'], typeName: 'AudienceMember' });
        const rows = page.ids.length
          ? await ctx.prisma.resident.findMany({ ...query, where: { id: { in: page.ids } } })
          : [];
        await ctx.privacy.prepareViews(rows);
        const byId = new Map(rows.map((r) => [r.id, r]));
        const edges = page.ids.flatMap((id) => {
          const node = byId.get(id);
          return node ? [{ cursor: encodeCursor(id), node }] : [];
        });
        return {
          edges,
          pageInfo: {
            startCursor: page.firstId ? encodeCursor(page.firstId) : null,
            endCursor: page.lastId ? encodeCursor(page.lastId) : null,
            // Keyset paging knows for sure only about the direction it walked.
            hasNextPage: backward ? cursorArg != null : page.more,
            hasPreviousPage: backward ? page.more : cursorArg != null,
          },
          totalCount: page.countAll,
        };
      },
    },
    {
      name: 'AudienceConnection',
      fields: (c) => ({
        totalCount: c.int({
          description: 'Residents in the whole audience.',
          resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
        }),
      }),
    },
  ),
);

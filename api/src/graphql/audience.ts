// Audiences: a service acting under a communication purpose lists whom it may contact, by
// district, language, interest and service usage. The rows are chosen in SQL (consent,
// restriction and criteria), each page is re-checked with the engine's consent derivation,
// and every field is still decided by the privacy gate and audited like any read.
import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import type { AudienceCriteria } from '../audiences/audience-criteria.js';
import { RESIDENT_SCOPE_OUTPUTS } from '../privacy/personal-fields.js';
import { builder } from './builder.js';
import { encodeId } from './ids.js';
import { personalText } from './personal-field.js';
import { LanguageEnum } from './resident.js';
import { AUDIENCE_MEMBER_COLUMNS } from './resident-columns.js';
import { resolveResidentPage } from './resident-page.js';

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
  // Once per member, not per field (see Resident).
  runScopesOnType: true,
  // Every column its fields read comes with the row (see Resident in resident.ts).
  select: AUDIENCE_MEMBER_COLUMNS,
  fields: (t) => ({
    residentId: t.id({ description: 'The Resident id.', resolve: (r) => encodeId('Resident', r.id) }),
    firstName: t.string(personalText('firstName')),
    lastName: t.string(personalText('lastName')),
    email: t.string(personalText('email')),
    phone: t.string(personalText('phone')),
    language: t.string(personalText('language')),
  }),
});

builder.queryField('audience', (t) =>
  t.connection(
    {
      type: AudienceMemberRef,
      description:
        'Residents the token’s communication purpose may contact, matching every given criterion, in a stable order. Page with first/after or last/before.',
      authScopes: { service: true },
      args: { criteria: t.arg({ type: AudienceCriteriaInput }) },
      resolve: (_root, args, ctx, info: GraphQLResolveInfo) =>
        resolveResidentPage({
          ctx,
          info,
          args,
          criteria: { ...args.criteria },
          alwaysReads: RESIDENT_SCOPE_OUTPUTS['AudienceConnection.totalCount'],
          typeName: 'AudienceMember',
          cursorPrefix: 'audience:',
          idField: 'residentId',
          what: 'this audience',
        }),
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

// The resident as integrating services see it. Every personal field is an entry of the
// table of personal fields (privacy/personal-fields.ts) and goes through the privacy gate:
// denied → null plus PRIVACY_DENIED with the reason; otherwise the value shaped to the
// level granted for its category.
import { decryptPic } from '@lupa/db';
import { builder } from './builder.js';
import {
  decidePersonal,
  nullableString,
  personalText,
  privacyExtensions,
  readPersonal,
  readPersonalWith,
  thenMaybe,
} from './personal-field.js';
import { RESIDENT_COLUMNS } from './resident-columns.js';

export const LanguageEnum = builder.enumType('Language', { values: ['FI', 'SV', 'EN'] as const });

const InterestRef = builder
  .objectRef<{ slug: string; nameFi: string; nameSv: string; nameEn: string }>('Interest')
  .implement({
    fields: (t) => ({
      topic: t.exposeString('slug'),
      nameFi: t.exposeString('nameFi'),
      nameSv: t.exposeString('nameSv'),
      nameEn: t.exposeString('nameEn'),
    }),
  });

interface UsageView {
  organisationName: string;
  kind: string;
  offeringCode: string | null;
  offeringName: string | null;
  startedAt: Date | null;
  startedYear: number;
}

const ServiceUsageRef = builder.objectRef<UsageView>('ServiceUsage').implement({
  description: 'An enrolment or application. At a masked level only the organisation, kind and year are shown.',
  fields: (t) => ({
    organisationName: t.exposeString('organisationName'),
    kind: t.exposeString('kind'),
    offeringCode: t.exposeString('offeringCode', { nullable: true }),
    offeringName: t.exposeString('offeringName', { nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    startedYear: t.exposeInt('startedYear'),
  }),
});

const AccessibilityNeedRef = builder.objectRef<{ kind: string; note: string | null }>('AccessibilityNeed').implement({
  fields: (t) => ({ kind: t.exposeString('kind'), note: t.exposeString('note', { nullable: true }) }),
});

export const ResidentRef = builder.prismaNode('Resident', {
  id: { field: 'id' },
  // Services acting under a purpose reach residents; officers only the ones this request
  // looked up with a stated reason (residentLookup), not every resident once any reason was
  // given. What either sees is decided per field by the privacy engine.
  authScopes: (resident, ctx) =>
    ctx.principal.kind === 'service' || (ctx.principal.kind === 'officer' && ctx.privacy.hasLookedUp(resident.id)),
  // Checked once per resident (isTypeOf) rather than before each of its fields: a page of 100
  // residents × 12 fields is 100 checks, not 1,200. A refused principal gets FORBIDDEN on the
  // resident instead of on every field of it; no field resolves either way.
  runScopesOnType: true,
  // Every column a scalar field reads is selected with the row, so those fields resolve from
  // the row itself: with no per-field `select`, plugin-prisma leaves their resolvers alone
  // (no selection mapping per field and row), and a page read in plain SQL
  // (resident-page.ts) can hand over plain rows. Only the relation fields select their own.
  select: RESIDENT_COLUMNS,
  fields: (t) => ({
    firstName: t.string(personalText('firstName')),
    lastName: t.string(personalText('lastName')),
    personalIdentityCode: t.string({
      nullable: true,
      extensions: privacyExtensions('personalIdentityCode'),
      // Decide before decrypting: the code is never in memory for a request that may not see it.
      resolve: (r, _a, ctx) =>
        thenMaybe(
          readPersonalWith(ctx, r, 'personalIdentityCode', () => decryptPic(r.picCiphertext, ctx.picKeys)),
          nullableString,
        ),
    }),
    birthDate: t.string({
      nullable: true,
      description: 'ISO date (FULL), or the year alone when generalised.',
      extensions: privacyExtensions('birthDate'),
      resolve: (r, _a, ctx) =>
        thenMaybe(readPersonal(ctx, r, 'birthDate', r.birthDate), (shaped) =>
          shaped instanceof Date ? shaped.toISOString().slice(0, 10) : nullableString(shaped),
        ),
    }),
    language: t.string(personalText('language')),
    householdType: t.string(personalText('householdType')),
    email: t.string(personalText('email')),
    phone: t.string(personalText('phone')),
    streetAddress: t.string(
      personalText('streetAddress', 'The street address, or postal code and district when generalised.'),
    ),
    postalCode: t.string(personalText('postalCode')),
    city: t.string(personalText('city')),
    district: t.string(personalText('district')),
    interests: t.field({
      type: [InterestRef],
      nullable: true,
      extensions: privacyExtensions('interests'),
      select: { interests: { select: { topic: true } } },
      // Interests carry no finer detail to mask: any granted level shows the topics.
      resolve: (r, _a, ctx) => thenMaybe(decidePersonal(ctx, r, 'interests'), () => r.interests.map((i) => i.topic)),
    }),
    serviceUsages: t.field({
      type: [ServiceUsageRef],
      nullable: true,
      extensions: privacyExtensions('serviceUsages'),
      select: {
        serviceUsages: {
          select: {
            kind: true,
            offeringCode: true,
            offeringName: true,
            startedAt: true,
            organisation: { select: { nameFi: true } },
          },
          orderBy: { startedAt: 'desc' },
          take: 50,
        },
      },
      resolve: (r, _a, ctx) =>
        thenMaybe(decidePersonal(ctx, r, 'serviceUsages'), (level) =>
          r.serviceUsages.map((u) => ({
            organisationName: u.organisation.nameFi,
            kind: u.kind,
            offeringCode: level === 'FULL' ? u.offeringCode : null,
            offeringName: level === 'FULL' ? u.offeringName : null,
            startedAt: level === 'FULL' ? u.startedAt : null,
            startedYear: u.startedAt.getUTCFullYear(),
          })),
        ),
    }),
    accessibilityNeeds: t.field({
      type: [AccessibilityNeedRef],
      nullable: true,
      extensions: privacyExtensions('accessibilityNeeds'),
      select: { accessibilityNeeds: { select: { kind: true, note: true } } },
      resolve: (r, _a, ctx) =>
        thenMaybe(decidePersonal(ctx, r, 'accessibilityNeeds'), (level) =>
          r.accessibilityNeeds.map((n) => ({ kind: n.kind, note: level === 'FULL' ? n.note : null })),
        ),
    }),
  }),
});

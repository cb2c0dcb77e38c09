// The resident as integrating services see it. Every personal field names its data category
// and goes through the privacy gate: denied → null plus PRIVACY_DENIED with the reason;
// otherwise the value shaped to the purpose's access level for that category.
import { decryptPic } from '@lupa/db';
import { shapeValue } from '../privacy/index.js';
import { builder } from './builder.js';
import { decidePersonalList, privacyExtensions, resolvePersonal } from './personal-field.js';
import { PrivacyDeniedError } from './privacy-errors.js';

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
  // Services acting under a purpose, and officers who stated a reason (residentLookup), reach
  // residents; what either sees is decided per field by the privacy engine.
  authScopes: (_resident, ctx) =>
    ctx.principal.kind === 'service' || (ctx.principal.kind === 'officer' && ctx.privacy.statedReason !== null),
  select: { id: true, restricted: true, postalCode: true, district: true },
  fields: (t) => ({
    firstName: t.string({
      nullable: true,
      extensions: privacyExtensions('identity.name'),
      select: { firstName: true },
      resolve: async (r, _a, ctx) =>
        nullableString(await resolvePersonal(ctx, r, 'identity.name', 'firstName', r.firstName)),
    }),
    lastName: t.string({
      nullable: true,
      extensions: privacyExtensions('identity.name'),
      select: { lastName: true },
      resolve: async (r, _a, ctx) =>
        nullableString(await resolvePersonal(ctx, r, 'identity.name', 'lastName', r.lastName)),
    }),
    personalIdentityCode: t.string({
      nullable: true,
      extensions: privacyExtensions('identity.pic'),
      select: { picCiphertext: true },
      resolve: async (r, _a, ctx) => {
        // Decide before decrypting: the code is never in memory for a request that may not see it.
        const decision = await ctx.privacy.decide(r, 'identity.pic', 'personalIdentityCode');
        if (decision.access === 'DENIED') throw new PrivacyDeniedError(decision.reason);
        const code = decryptPic(r.picCiphertext, ctx.picKeys);
        return nullableString(shapeValue('identity.pic', 'personalIdentityCode', decision.access, code));
      },
    }),
    birthDate: t.string({
      nullable: true,
      description: 'ISO date (FULL), or the year alone when generalised.',
      extensions: privacyExtensions('demographics'),
      select: { birthDate: true },
      resolve: async (r, _a, ctx) => {
        const shaped = await resolvePersonal(ctx, r, 'demographics', 'birthDate', r.birthDate);
        return shaped instanceof Date ? shaped.toISOString().slice(0, 10) : nullableString(shaped);
      },
    }),
    language: t.string({
      nullable: true,
      extensions: privacyExtensions('demographics'),
      select: { language: true },
      resolve: async (r, _a, ctx) =>
        nullableString(await resolvePersonal(ctx, r, 'demographics', 'language', r.language)),
    }),
    householdType: t.string({
      nullable: true,
      extensions: privacyExtensions('demographics'),
      select: { householdType: true },
      resolve: async (r, _a, ctx) =>
        nullableString(await resolvePersonal(ctx, r, 'demographics', 'householdType', r.householdType)),
    }),
    email: t.string({
      nullable: true,
      extensions: privacyExtensions('contact'),
      select: { email: true },
      resolve: async (r, _a, ctx) => nullableString(await resolvePersonal(ctx, r, 'contact', 'email', r.email)),
    }),
    phone: t.string({
      nullable: true,
      extensions: privacyExtensions('contact'),
      select: { phone: true },
      resolve: async (r, _a, ctx) => nullableString(await resolvePersonal(ctx, r, 'contact', 'phone', r.phone)),
    }),
    streetAddress: t.string({
      nullable: true,
      description: 'The street address, or postal code and district when generalised.',
      extensions: privacyExtensions('address'),
      select: { streetAddress: true },
      resolve: async (r, _a, ctx) =>
        nullableString(await resolvePersonal(ctx, r, 'address', 'streetAddress', r.streetAddress)),
    }),
    postalCode: t.string({
      nullable: true,
      extensions: privacyExtensions('address'),
      resolve: async (r, _a, ctx) =>
        nullableString(await resolvePersonal(ctx, r, 'address', 'postalCode', r.postalCode)),
    }),
    city: t.string({
      nullable: true,
      extensions: privacyExtensions('address'),
      select: { city: true },
      resolve: async (r, _a, ctx) => nullableString(await resolvePersonal(ctx, r, 'address', 'city', r.city)),
    }),
    district: t.string({
      nullable: true,
      extensions: privacyExtensions('address'),
      resolve: async (r, _a, ctx) => nullableString(await resolvePersonal(ctx, r, 'address', 'district', r.district)),
    }),
    interests: t.field({
      type: [InterestRef],
      nullable: true,
      extensions: privacyExtensions('interests'),
      select: { interests: { select: { topic: true } } },
      resolve: async (r, _a, ctx) => {
        await decidePersonalList(ctx, r, 'interests', 'interests');
        // Interests carry no finer detail to mask: any granted level shows the topics.
        return r.interests.map((i) => i.topic);
      },
    }),
    serviceUsages: t.field({
      type: [ServiceUsageRef],
      nullable: true,
      extensions: privacyExtensions('serviceUsage'),
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
      resolve: async (r, _a, ctx) => {
        const level = await decidePersonalList(ctx, r, 'serviceUsage', 'serviceUsages');
        return r.serviceUsages.map((u) => ({
          organisationName: u.organisation.nameFi,
          kind: u.kind,
          offeringCode: level === 'FULL' ? u.offeringCode : null,
          offeringName: level === 'FULL' ? u.offeringName : null,
          startedAt: level === 'FULL' ? u.startedAt : null,
          startedYear: u.startedAt.getUTCFullYear(),
        }));
      },
    }),
    accessibilityNeeds: t.field({
      type: [AccessibilityNeedRef],
      nullable: true,
      extensions: privacyExtensions('special.accessibility'),
      select: { accessibilityNeeds: { select: { kind: true, note: true } } },
      resolve: async (r, _a, ctx) => {
        const level = await decidePersonalList(ctx, r, 'special.accessibility', 'accessibilityNeeds');
        return r.accessibilityNeeds.map((n) => ({ kind: n.kind, note: level === 'FULL' ? n.note : null }));
      },
    }),
  }),
});

function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

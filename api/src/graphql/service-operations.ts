// Writes an integrating service makes about a resident. Both are personal data processing
// under the token's purpose, so the privacy gate decides them like reads and they are
// recorded in the access log.
import { z } from 'zod';
import { recordServiceConsent } from '../consents/record-service-consent.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { MUTATION_ERRORS, NotFoundError } from './errors.js';
import { decodeId } from './ids.js';
import { PrivacyDeniedError } from './privacy-errors.js';

const ServiceUsageKind = builder.enumType('ServiceUsageKind', { values: ['ENROLMENT', 'APPLICATION'] as const });

function servicePrincipal(ctx: Context) {
  if (ctx.principal.kind !== 'service') throw new Error('service scope checked before resolving');
  return ctx.principal;
}

async function loadResidentFacts(ctx: Context, globalId: string, path: string) {
  const resident = await ctx.prisma.resident.findUnique({
    where: { id: decodeId(globalId, 'Resident', path) },
    select: { id: true, restricted: true },
  });
  if (!resident) throw new NotFoundError('No such resident');
  return resident;
}

const RecordServiceUsageInput = builder.inputType('RecordServiceUsageInput', {
  fields: (t) => ({
    residentId: t.id(),
    kind: t.field({ type: ServiceUsageKind }),
    offeringCode: t.string({
      validate: z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
        .max(64),
    }),
    offeringName: t.string({ validate: z.string().trim().min(2).max(200) }),
    startedAt: t.field({ type: 'DateTime' }),
  }),
});

const RecordedUsage = builder
  .objectRef<{ id: string; offeringCode: string; kind: string }>('RecordedServiceUsage')
  .implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      offeringCode: t.exposeString('offeringCode'),
      kind: t.exposeString('kind'),
    }),
  });

const RecordedConsent = builder
  .objectRef<{ consentId: string; pendingConfirmation: boolean }>('RecordedConsent')
  .implement({
    description: 'A consent recorded by a service: it opens no data until the resident confirms it.',
    fields: (t) => ({
      consentId: t.exposeID('consentId'),
      pendingConfirmation: t.exposeBoolean('pendingConfirmation'),
    }),
  });

builder.mutationFields((t) => ({
  recordServiceUsage: t.field({
    type: RecordedUsage,
    description: "Records an enrolment or application with the token's organisation as the provider.",
    authScopes: { service: true },
    errors: { types: [...MUTATION_ERRORS, PrivacyDeniedError] },
    args: { input: t.arg({ type: RecordServiceUsageInput }) },
    resolve: async (_root, { input }, ctx) => {
      const service = servicePrincipal(ctx);
      const resident = await loadResidentFacts(ctx, input.residentId, 'input.residentId');
      const decision = await ctx.privacy.decide(resident, 'serviceUsage', 'serviceUsages', 'write');
      if (decision.access !== 'FULL') {
        throw new PrivacyDeniedError(decision.access === 'DENIED' ? decision.reason : 'CATEGORY_NOT_IN_PURPOSE');
      }
      const usage = await ctx.prisma.serviceUsage.create({
        data: {
          residentId: resident.id,
          organisationId: service.organisationId,
          serviceId: service.serviceId,
          kind: input.kind,
          offeringCode: input.offeringCode,
          offeringName: input.offeringName,
          startedAt: input.startedAt,
        },
      });
      return { id: usage.id, offeringCode: usage.offeringCode, kind: usage.kind };
    },
  }),
  recordConsent: t.field({
    type: RecordedConsent,
    description:
      'Records a consent the resident gave through this service’s own channel, with its evidence. It stays pending until the resident confirms it on their Lupa page.',
    authScopes: { service: true },
    errors: { types: MUTATION_ERRORS },
    args: {
      residentId: t.arg.id(),
      wordingShown: t.arg.string({ validate: z.string().trim().min(20).max(10_000) }),
      evidence: t.arg.string({
        description: 'JSON describing how consent was collected (form id, signed document reference, time).',
        validate: z
          .string()
          .max(10_000)
          .refine((text) => {
            try {
              const value = JSON.parse(text);
              return typeof value === 'object' && value !== null && !Array.isArray(value);
            } catch {
              return false;
            }
          }, 'must be a JSON object'),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const service = servicePrincipal(ctx);
      const resident = await loadResidentFacts(ctx, args.residentId, 'residentId');
      const { consentId } = await recordServiceConsent({
        prisma: ctx.prisma,
        now: ctx.now,
        serviceId: service.serviceId,
        purposeVersionId: service.purposeVersionId,
        residentId: resident.id,
        wordingShown: args.wordingShown,
        evidence: JSON.parse(args.evidence),
        organisationId: service.organisationId,
        requestId: ctx.requestId,
      });
      return { consentId, pendingConfirmation: true };
    },
  }),
}));

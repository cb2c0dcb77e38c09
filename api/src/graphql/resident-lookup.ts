// Officers look residents up only with a stated reason, which is audited with every field
// they see. They read under the privacy-supervision purpose, so the privacy engine decides
// their fields as it does a service's.
import type { Prisma } from '@lupa/db';
import { blindIndexPic, validatePic } from '@lupa/db';
import { z } from 'zod';
import { loadConsentRecords } from '../enforcement/consent-loader.js';
import { loadPurposeVersionPolicy } from '../enforcement/policy-loader.js';
import { type ConsentState, deriveConsentState, explainFieldAccess } from '../privacy/index.js';
import { residentFieldCategory } from '../privacy/personal-fields.js';
import { AccessLogEntryRef, findResidentAccessLog } from './access-log.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { LupaValidationError, NotFoundError } from './errors-base.js';
import { decodeId } from './ids.js';

export const SUPERVISION_PURPOSE = 'privacy-supervision';

// The reason goes into the audit chain, whose canonical JSON (RFC 8785) cannot hold a lone
// surrogate; control characters would garble the audit explorer and CSV exports.
const ZReasonSchema = z
  .string()
  .trim()
  .min(10, 'say why, in at least 10 characters')
  .max(500)
  .refine((reason) => !/[\p{Cs}\p{Cc}]/u.test(reason), 'must be plain text, without control characters');

interface LookupView {
  residentId: string;
}

async function startOfficerRead(ctx: Context, reason: string): Promise<void> {
  const version = await ctx.prisma.purposeVersion.findFirst({
    where: { purpose: { slug: SUPERVISION_PURPOSE }, status: 'PUBLISHED' },
    select: { id: true },
  });
  if (!version)
    throw new NotFoundError('The privacy-supervision purpose is not in force; officers cannot read residents');
  ctx.privacy.authoriseOfficerRead(reason, version.id);
}

const ConsentHistoryEvent = builder
  .objectRef<{ type: string; occurredAt: Date; channel: string; actorKind: string }>('ConsentHistoryEvent')
  .implement({
    fields: (t) => ({
      type: t.exposeString('type'),
      occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
      channel: t.exposeString('channel'),
      actorKind: t.exposeString('actorKind'),
    }),
  });

interface ConsentView {
  id: string;
  purposeSlug: string;
  version: number;
  grantedAt: Date;
  expiresAt: Date | null;
  channel: string;
  state: string;
  events: { type: string; occurredAt: Date; channel: string; actorKind: string }[];
}

const ConsentHistory = builder.objectRef<ConsentView>('ConsentHistory').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    purposeSlug: t.exposeString('purposeSlug'),
    version: t.exposeInt('version'),
    grantedAt: t.expose('grantedAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    channel: t.exposeString('channel'),
    state: t.exposeString('state', { description: 'GRANTED, UNCONFIRMED, WITHDRAWN or EXPIRED, as of now.' }),
    events: t.field({ type: [ConsentHistoryEvent], resolve: (c) => c.events }),
  }),
});

const ResidentLookup = builder.objectRef<LookupView>('ResidentLookup').implement({
  fields: (t) => ({
    resident: t.prismaField({
      type: 'Resident',
      resolve: (query, lookup, _args, ctx) =>
        ctx.prisma.resident.findUniqueOrThrow({ ...query, where: { id: lookup.residentId } }),
    }),
    consents: t.field({
      type: [ConsentHistory],
      description: 'Every consent the resident has given, with its full history.',
      resolve: async (lookup, _args, ctx) => {
        ctx.privacy.record.returned(lookup.residentId, 'consents');
        const rows = await ctx.prisma.consent.findMany({
          where: { residentId: lookup.residentId },
          orderBy: { grantedAt: 'desc' },
          include: {
            purpose: { select: { slug: true } },
            purposeVersion: { select: { id: true, purposeId: true, version: true } },
            events: { orderBy: { occurredAt: 'asc' } },
          },
        });
        return rows.map((row) => {
          const state: ConsentState = deriveConsentState({
            purposeId: row.purposeId,
            now: ctx.now,
            records: [
              {
                consentedVersion: { ...row.purposeVersion, categories: {} },
                grantedAt: row.grantedAt,
                expiresAt: row.expiresAt,
                needsConfirmation: row.needsConfirmation,
                events: row.events,
              },
            ],
          });
          return {
            id: row.id,
            purposeSlug: row.purpose.slug,
            version: row.purposeVersion.version,
            grantedAt: row.grantedAt,
            expiresAt: row.expiresAt,
            channel: row.channel,
            state: state.kind.toUpperCase(),
            events: row.events,
          };
        });
      },
    }),
    accessLog: t.field({
      type: [AccessLogEntryRef],
      description: 'Who read this resident’s data, newest first.',
      args: { first: t.arg.int({ required: false, validate: z.number().int().min(1).max(100) }) },
      resolve: (lookup, args, ctx) => {
        ctx.privacy.record.returned(lookup.residentId, 'accessLog');
        return findResidentAccessLog(ctx.prisma, {
          residentId: lookup.residentId,
          forResident: false,
          now: ctx.now,
          categoryOf: residentFieldCategory,
          first: args.first ?? 50,
        });
      },
    }),
  }),
});

builder.queryField('residentLookup', (t) =>
  t.field({
    type: ResidentLookup,
    nullable: true,
    description: 'Looks a resident up by id or identity code. The reason is required and audited with the lookup.',
    authScopes: { scope: 'resident:lookup' },
    args: {
      residentId: t.arg.id({ required: false }),
      personalIdentityCode: t.arg.string({ required: false, validate: z.string().max(20) }),
      reason: t.arg.string({ validate: ZReasonSchema }),
    },
    resolve: async (_root, args, ctx) => {
      if (!args.residentId === !args.personalIdentityCode) {
        throw new LupaValidationError([
          { path: 'residentId', message: 'give either residentId or personalIdentityCode' },
        ]);
      }
      let where: Prisma.ResidentWhereUniqueInput;
      if (args.residentId) {
        where = { id: decodeId(args.residentId, 'Resident', 'residentId') };
      } else {
        const check = validatePic(args.personalIdentityCode as string);
        if (!check.valid)
          throw new LupaValidationError([{ path: 'personalIdentityCode', message: 'is not a valid identity code' }]);
        where = { picBlindIndex: blindIndexPic(check.code, ctx.picKeys) };
      }
      await startOfficerRead(ctx, args.reason);
      const resident = await ctx.prisma.resident.findUnique({ where, select: { id: true } });
      if (!resident) return null;
      // The lookup itself is an access, recorded with its reason even if no field is read.
      ctx.privacy.record.returned(resident.id, 'lookup');
      ctx.privacy.noteLookedUp(resident.id);
      return { residentId: resident.id };
    },
  }),
);

const AccessStep = builder.objectRef<{ rule: string; passed: boolean; message: string }>('AccessStep').implement({
  fields: (t) => ({
    rule: t.exposeString('rule'),
    passed: t.exposeBoolean('passed'),
    message: t.exposeString('message'),
  }),
});

const AccessExplanation = builder
  .objectRef<{ access: string; reason: string | null; steps: { rule: string; passed: boolean; message: string }[] }>(
    'AccessExplanation',
  )
  .implement({
    fields: (t) => ({
      access: t.exposeString('access', { description: 'FULL, MASKED, GENERALISED or DENIED.' }),
      reason: t.exposeString('reason', { nullable: true }),
      steps: t.field({ type: [AccessStep], resolve: (e) => e.steps }),
    }),
  });

builder.queryField('explainAccess', (t) =>
  t.field({
    type: AccessExplanation,
    description:
      'Why a service of an organisation would or would not see a field of a resident under a purpose: the decision and each rule that led to it.',
    authScopes: { scope: 'resident:lookup' },
    args: {
      residentId: t.arg.id(),
      purpose: t.arg.string({ validate: z.string().max(64) }),
      field: t.arg.string({ validate: z.string().max(64) }),
      organisationId: t.arg.id({ required: false, description: 'Defaults to the purpose’s controller.' }),
      reason: t.arg.string({ validate: ZReasonSchema }),
    },
    resolve: async (_root, args, ctx) => {
      const residentId = decodeId(args.residentId, 'Resident', 'residentId');
      const category = residentFieldCategory(args.field);
      if (!category) throw new LupaValidationError([{ path: 'field', message: 'is not a personal field of Resident' }]);
      const version = await ctx.prisma.purposeVersion.findFirst({
        where: { purpose: { slug: args.purpose }, status: { in: ['PUBLISHED', 'RETIRED'] } },
        orderBy: { version: 'desc' },
        select: { id: true },
      });
      const resident = await ctx.prisma.resident.findUnique({
        where: { id: residentId },
        select: { restricted: true },
      });
      if (!version || !resident) throw new NotFoundError('No such purpose or resident');
      const policy = await loadPurposeVersionPolicy(ctx.prisma, version.id);
      const records = await loadConsentRecords(ctx.prisma, policy.purposeId, [residentId]);
      const consent = deriveConsentState({
        purposeId: policy.purposeId,
        now: ctx.now,
        records: records.get(residentId) ?? [],
      });
      const organisationId = args.organisationId
        ? decodeId(args.organisationId, 'Organisation', 'organisationId')
        : policy.controllerId;
      const explanation = explainFieldAccess({
        principal: { kind: 'service', organisationId },
        purposeVersion: policy,
        consent,
        residentRestricted: resident.restricted,
        category,
        field: args.field,
        now: ctx.now,
      });
      // Explaining reveals consent state, so it is an audited access like a lookup.
      await startOfficerRead(ctx, args.reason);
      ctx.privacy.record.returned(residentId, `explain:${args.field}`);
      return {
        access: explanation.decision.access,
        reason: explanation.decision.access === 'DENIED' ? explanation.decision.reason : null,
        steps: [...explanation.steps],
      };
    },
  }),
);

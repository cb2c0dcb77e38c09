import DataLoader from 'dataloader';
import { z } from 'zod';
import { type AudienceCriteria, listCriteriaCategories, publicCriteria } from '../audiences/audience-criteria.js';
import { resolveResidentScope } from '../audiences/resolve-scope.js';
import { campaignsVisibleTo, canSeeCampaign } from '../campaigns/campaign-access.js';
import { type CampaignReach, computeRate, loadCampaignReach } from '../campaigns/campaign-reach.js';
import { createCampaign } from '../campaigns/create-campaign.js';
import { keepCampaignMembers } from '../campaigns/freeze-campaign-audience.js';
import {
  filterAudienceMembers,
  recordCampaignResponses,
  recordCampaignSends,
} from '../campaigns/record-campaign-sends.js';
import { AudienceCriteriaInput, AudienceCriteriaRef } from './audience.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { MUTATION_ERRORS, NotFoundError } from './errors.js';
import { decodeId } from './ids.js';
import { PrivacyDeniedError } from './privacy-errors.js';
import { writeOptions } from './write-options.js';

export const CampaignChannelEnum = builder.enumType('CampaignChannel', { values: ['EMAIL', 'SMS', 'LETTER'] as const });
export const CampaignResponseKindEnum = builder.enumType('CampaignResponseKind', {
  values: ['OPENED', 'ANSWERED', 'TOOK_PART'] as const,
});

// One loader per request: reach for a whole page of campaigns in two grouped queries.
const reachLoaders = new WeakMap<Context, DataLoader<string, CampaignReach>>();
function reachOf(ctx: Context, campaignId: string): Promise<CampaignReach> {
  let loader = reachLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const reach = await loadCampaignReach(ctx.prisma, ids);
      return ids.map((id) => reach.get(id) ?? { sent: 0, opened: 0, answered: 0, tookPart: 0 });
    });
    reachLoaders.set(ctx, loader);
  }
  return loader.load(campaignId);
}

const CampaignReachRef = builder.objectRef<CampaignReach>('CampaignReach').implement({
  description: 'How many residents the campaign was sent to and how many responded, with shares of those sent.',
  fields: (t) => ({
    sent: t.exposeInt('sent'),
    opened: t.exposeInt('opened'),
    answered: t.exposeInt('answered'),
    tookPart: t.exposeInt('tookPart'),
    openRate: t.float({ nullable: true, resolve: (r) => computeRate({ count: r.opened, sent: r.sent }) }),
    answerRate: t.float({ nullable: true, resolve: (r) => computeRate({ count: r.answered, sent: r.sent }) }),
    participationRate: t.float({ nullable: true, resolve: (r) => computeRate({ count: r.tookPart, sent: r.sent }) }),
  }),
});

export const CampaignRef = builder.prismaNode('Campaign', {
  id: { field: 'id' },
  select: { id: true, organisationId: true, purpose: { select: { controllerId: true } } },
  authScopes: (c, ctx) =>
    canSeeCampaign(ctx.principal, { organisationId: c.organisationId, purposeControllerId: c.purpose.controllerId }),
  fields: (t) => ({
    name: t.exposeString('name'),
    channel: t.field({ type: CampaignChannelEnum, select: { channel: true }, resolve: (c) => c.channel }),
    messageFi: t.exposeString('messageFi'),
    messageSv: t.exposeString('messageSv'),
    messageEn: t.exposeString('messageEn'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    audience: t.field({
      type: AudienceCriteriaRef,
      select: { audience: true },
      resolve: (c) => c.audience as AudienceCriteria,
    }),
    purposeSlug: t.string({ select: { purpose: { select: { slug: true } } }, resolve: (c) => c.purpose.slug }),
    purposeVersion: t.int({
      select: { purposeVersion: { select: { version: true } } },
      resolve: (c) => c.purposeVersion.version,
    }),
    organisationName: t.string({
      select: { organisation: { select: { nameFi: true } } },
      resolve: (c) => c.organisation.nameFi,
    }),
    reach: t.field({ type: CampaignReachRef, resolve: (c, _a, ctx) => reachOf(ctx, c.id) }),
  }),
});

builder.queryField('campaigns', (t) =>
  t.prismaConnection({
    type: 'Campaign',
    cursor: 'id',
    description: 'Campaigns the caller may see, newest first.',
    authScopes: { service: true, scope: 'campaign:read' },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.campaign.findMany({
        ...query,
        where: campaignsVisibleTo(ctx.principal),
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
  }),
);

const CreateCampaignInput = builder.inputType('CreateCampaignInput', {
  fields: (t) => ({
    name: t.string({ validate: z.string().trim().min(2).max(200) }),
    audience: t.field({ type: AudienceCriteriaInput }),
    messageFi: t.string({ validate: z.string().trim().min(1).max(5000) }),
    messageSv: t.string({ validate: z.string().trim().min(1).max(5000) }),
    messageEn: t.string({ validate: z.string().trim().min(1).max(5000) }),
    channel: t.field({ type: CampaignChannelEnum }),
  }),
});

function servicePrincipal(ctx: Context) {
  if (ctx.principal.kind !== 'service') throw new Error('service scope checked before resolving');
  return ctx.principal;
}

/** The purpose must allow the audience the campaign names, exactly as the audience query does. */
async function campaignScope(ctx: Context, criteria: AudienceCriteria) {
  const result = await resolveResidentScope({
    prisma: ctx.prisma,
    gate: ctx.privacy,
    categories: ['contact', ...listCriteriaCategories(criteria)],
  });
  if ('denied' in result) throw new PrivacyDeniedError(result.denied);
  return result.scope;
}

/** A campaign of this service's organisation under the token's own purpose, or not found. */
async function loadOwnCampaign(ctx: Context, globalId: string) {
  const service = servicePrincipal(ctx);
  const campaign = await ctx.prisma.campaign.findFirst({
    where: {
      id: decodeId(globalId, 'Campaign', 'campaignId'),
      organisationId: service.organisationId,
      purposeId: service.purposeId,
    },
    select: { id: true, audience: true },
  });
  // Another organisation's campaign is answered like a missing one: its existence is not told.
  if (!campaign) throw new NotFoundError('No such campaign under this purpose');
  return { id: campaign.id, criteria: campaign.audience as AudienceCriteria };
}

const RecordedCount = builder.objectRef<{ recorded: number; refused: number }>('CampaignRecordResult').implement({
  description:
    'Recorded: accepted now. Refused: not in the campaign’s audience (e.g. consent withdrawn) or never sent.',
  fields: (t) => ({ recorded: t.exposeInt('recorded'), refused: t.exposeInt('refused') }),
});

const ResidentIdsArg = z.array(z.string().max(200)).min(1).max(100);

const CampaignResponseInput = builder.inputType('CampaignResponseInput', {
  fields: (t) => ({ residentId: t.id(), kind: t.field({ type: CampaignResponseKindEnum }) }),
});

builder.mutationFields((t) => ({
  createCampaign: t.prismaField({
    type: 'Campaign',
    description:
      'Records a campaign under the token’s purpose: its audience definition, message and channel. The audience is taken now, through the purpose’s rules, and is the campaign’s population for good: sends are accepted only for its members, and insight counts them.',
    authScopes: { service: true },
    errors: { types: [...MUTATION_ERRORS, PrivacyDeniedError] },
    args: { input: t.arg({ type: CreateCampaignInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const service = servicePrincipal(ctx);
      const criteria = publicCriteria({ ...input.audience });
      const { campaignId } = await createCampaign({
        ...writeOptions(ctx),
        gate: ctx.privacy,
        scope: await campaignScope(ctx, criteria),
        criteria,
        campaign: {
          purposeId: service.purposeId,
          purposeVersionId: service.purposeVersionId,
          organisationId: service.organisationId,
          serviceId: service.serviceId,
          name: input.name,
          messageFi: input.messageFi,
          messageSv: input.messageSv,
          messageEn: input.messageEn,
          channel: input.channel,
        },
      });
      // Its members are audited per resident in the campaign's own transaction (create-campaign.ts).
      return ctx.prisma.campaign.findUniqueOrThrow({ ...query, where: { id: campaignId } });
    },
  }),
  recordCampaignSends: t.field({
    type: RecordedCount,
    description:
      'Records that the campaign was sent to these residents (at most 100 a call). Only members of the campaign’s audience, as taken when it was created, who are still in it now are accepted.',
    authScopes: { service: true },
    errors: { types: [...MUTATION_ERRORS, PrivacyDeniedError] },
    args: { campaignId: t.arg.id(), residentIds: t.arg.idList({ validate: ResidentIdsArg }) },
    resolve: async (_root, args, ctx) => {
      const campaign = await loadOwnCampaign(ctx, args.campaignId);
      const wanted = [...new Set(args.residentIds.map((id, i) => decodeId(id, 'Resident', `residentIds.${i}`)))];
      const members = await filterAudienceMembers({
        prisma: ctx.prisma,
        gate: ctx.privacy,
        scope: await campaignScope(ctx, campaign.criteria),
        criteria: campaign.criteria,
        residentIds: await keepCampaignMembers({ prisma: ctx.prisma, campaignId: campaign.id, residentIds: wanted }),
        now: ctx.now,
      });
      await recordCampaignSends({ prisma: ctx.prisma, campaignId: campaign.id, residentIds: members, now: ctx.now });
      for (const id of members) ctx.privacy.record.wrote(id, 'campaignSend');
      return { recorded: members.length, refused: wanted.length - members.length };
    },
  }),
  recordCampaignResponses: t.field({
    type: RecordedCount,
    description: 'Records responses the service’s channel saw: opened, answered, took part (at most 100 a call).',
    authScopes: { service: true },
    errors: { types: [...MUTATION_ERRORS, PrivacyDeniedError] },
    args: {
      campaignId: t.arg.id(),
      responses: t.arg({ type: [CampaignResponseInput], validate: z.array(z.unknown()).min(1).max(100) }),
    },
    resolve: async (_root, args, ctx) => {
      const campaign = await loadOwnCampaign(ctx, args.campaignId);
      const responses = args.responses.map((r, i) => ({
        residentId: decodeId(r.residentId, 'Resident', `responses.${i}.residentId`),
        kind: r.kind,
      }));
      const members = new Set(
        await filterAudienceMembers({
          prisma: ctx.prisma,
          gate: ctx.privacy,
          scope: await campaignScope(ctx, campaign.criteria),
          criteria: campaign.criteria,
          residentIds: [...new Set(responses.map((r) => r.residentId))],
          now: ctx.now,
        }),
      );
      const { recorded } = await recordCampaignResponses({
        prisma: ctx.prisma,
        campaignId: campaign.id,
        responses: responses.filter((r) => members.has(r.residentId)),
        now: ctx.now,
      });
      for (const r of recorded) ctx.privacy.record.wrote(r.residentId, `campaignResponse.${r.kind}`);
      return { recorded: recorded.length, refused: responses.length - recorded.length };
    },
  }),
}));

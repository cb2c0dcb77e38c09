// Insight for knowledge-based management: k-anonymous counts of all residents in scope, or of
// a campaign's population, by one pre-defined dimension. Only purposes covering the
// `statistics` category may ask; the answer holds category keys and rounded counts, never
// anything about a person. A campaign's population is its audience frozen at creation, and
// its tables are released once (insight/release-campaign-insight.ts); what a service reports
// one resident at a time (sends, responses) never shapes a population. docs/insight.md says
// what this guarantees and what it does not.
import { GraphQLError } from 'graphql';
import { resolveResidentScope } from '../audiences/resolve-scope.js';
import { canSeeCampaign } from '../campaigns/campaign-access.js';
import {
  countInsight,
  INSIGHT_DIMENSIONS,
  type InsightDimension,
  insightPopulationSql,
} from '../insight/count-insight.js';
import { releaseCampaignInsight } from '../insight/release-campaign-insight.js';
import { type PublishedCell, type PublishedTable, suppressCells } from '../insight/suppress-cells.js';
import { builder } from './builder.js';
import { CampaignResponseKindEnum } from './campaign.js';
import type { Context } from './context.js';
import { NotFoundError } from './errors.js';
import { decodeId } from './ids.js';
import { PrivacyDeniedError } from './privacy-errors.js';
import { writeOptions } from './write-options.js';

const InsightDimensionEnum = builder.enumType('InsightDimension', { values: INSIGHT_DIMENSIONS });

interface InsightView extends PublishedTable {
  dimension: InsightDimension;
  k: number;
  population: 'ALL' | 'CAMPAIGN';
  asOf: Date;
}

/** Refusals an integrator can branch on: `extensions.code` INSIGHT_REFUSED and a `reason`. */
class InsightRefusedError extends GraphQLError {
  constructor(reason: 'RESPONSE_BREAKDOWN_NOT_PUBLISHED' | 'TOO_CLOSE_TO_EARLIER_RELEASE', message: string) {
    super(message, { extensions: { code: 'INSIGHT_REFUSED', reason } });
  }
}

const InsightCellRef = builder.objectRef<PublishedCell>('InsightCell').implement({
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'The category: an age band, district, language, household type or topic.',
    }),
    count: t.int({
      nullable: true,
      description: 'Residents in the category, rounded to a multiple of k; null when suppressed.',
      resolve: (c) => c.count,
    }),
    suppressed: t.exposeBoolean('suppressed', {
      description: 'Hidden because the cell is below k, or to protect a cell that is (complementary suppression).',
    }),
  }),
});

const InsightTableRef = builder.objectRef<InsightView>('InsightTable').implement({
  description:
    'A k-anonymous table: cells below k are suppressed with complementary cells, and every count shown is rounded to a multiple of k.',
  fields: (t) => ({
    dimension: t.field({ type: InsightDimensionEnum, resolve: (v) => v.dimension }),
    population: t.string({
      description: 'ALL residents in scope, or a CAMPAIGN population (its audience as taken when it was created).',
      resolve: (v) => v.population,
    }),
    k: t.exposeInt('k'),
    total: t.int({
      nullable: true,
      description: 'The population, rounded to a multiple of k.',
      resolve: (v) => v.total,
    }),
    totalSuppressed: t.exposeBoolean('totalSuppressed'),
    asOf: t.field({
      type: 'DateTime',
      description:
        'When the counts were taken. A campaign’s tables are taken at the first question about it and never change afterwards.',
      resolve: (v) => v.asOf,
    }),
    cells: t.field({ type: [InsightCellRef], resolve: (v) => v.cells }),
  }),
});

/**
 * The campaign if the caller may see it. One it may not see — another controller's or
 * organisation's — is answered exactly like an id that names no campaign.
 */
async function loadVisibleCampaign(ctx: Context, globalId: string): Promise<{ id: string }> {
  const campaign = await ctx.prisma.campaign.findUnique({
    where: { id: decodeId(globalId, 'Campaign', 'campaignId') },
    select: { id: true, organisationId: true, purpose: { select: { controllerId: true } } },
  });
  if (
    !campaign ||
    !canSeeCampaign(ctx.principal, {
      organisationId: campaign.organisationId,
      purposeControllerId: campaign.purpose.controllerId,
    })
  ) {
    throw new NotFoundError('No such campaign');
  }
  return { id: campaign.id };
}

builder.queryField('insight', (t) =>
  t.field({
    type: InsightTableRef,
    description:
      'Counts by one dimension over all residents the purpose covers, or over a campaign’s population: the audience taken when the campaign was created, as released at the first question about it. Needs a purpose covering statistics; a campaign must be one the caller may see (its organisation ran it or controls its purpose).',
    authScopes: { service: true },
    args: {
      dimension: t.arg({ type: InsightDimensionEnum }),
      campaignId: t.arg.id({ required: false }),
      response: t.arg({
        type: CampaignResponseKindEnum,
        required: false,
        deprecationReason:
          'Breakdowns of responders are not published: responses are reported one resident at a time, so such a breakdown could single a resident out. Use Campaign.reach for response counts.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const result = await resolveResidentScope({ prisma: ctx.prisma, gate: ctx.privacy, categories: ['statistics'] });
      if ('denied' in result) {
        throw new PrivacyDeniedError(result.denied, `This purpose does not cover statistics (${result.denied}).`);
      }
      if (args.response) {
        throw new InsightRefusedError(
          'RESPONSE_BREAKDOWN_NOT_PUBLISHED',
          'Breakdowns of the residents who responded are not published: responses are reported one resident at a time, so a breakdown could single a resident out. Campaign.reach gives response counts.',
        );
      }
      const k = ctx.config.insightK;
      const policy = await ctx.privacy.policy();
      if (!policy) throw new PrivacyDeniedError('PRINCIPAL_NOT_PERMITTED');
      if (!args.campaignId) {
        const counted = await countInsight({
          prisma: ctx.prisma,
          from: insightPopulationSql({ scope: result.scope, now: ctx.now }),
          dimension: args.dimension,
          now: ctx.now,
        });
        ctx.privacy.record.aggregate(`insight:${args.dimension}`);
        return {
          ...suppressCells({ cells: counted.cells, total: counted.total, k }),
          dimension: args.dimension,
          k,
          population: 'ALL' as const,
          asOf: ctx.now,
        };
      }
      const campaign = await loadVisibleCampaign(ctx, args.campaignId);
      const released = await releaseCampaignInsight({
        ...writeOptions(ctx),
        scope: result.scope,
        campaignId: campaign.id,
        purposeId: policy.purposeId,
        purposeVersionId: ctx.principal.kind === 'service' ? ctx.principal.purposeVersionId : null,
        k,
      });
      if ('refused' in released) {
        throw new InsightRefusedError(
          released.refused,
          'This campaign’s population differs from one already released by fewer than k residents, so its counts could single residents out; they are not released.',
        );
      }
      // The first question also took and stored every table: that release is audited in its
      // own transaction (insight.release); this records the answer read.
      ctx.privacy.record.aggregate(`insight:${args.dimension}:campaign:${campaign.id}`);
      return {
        ...released.release.tables[args.dimension],
        dimension: args.dimension,
        k: released.release.k,
        population: 'CAMPAIGN' as const,
        asOf: released.release.releasedAt,
      };
    },
  }),
);

// Insight for knowledge-based management: k-anonymous counts of all residents in scope, or of
// a campaign's audience, by one pre-defined dimension. Only purposes covering the
// `statistics` category may ask; the answer holds category keys and rounded counts, never
// anything about a person (see insight/suppress-cells.ts for the method and its limits).
import type { AudienceCriteria } from '../audiences/audience-criteria.js';
import { resolveResidentScope } from '../audiences/resolve-scope.js';
import { countInsight, INSIGHT_DIMENSIONS, type InsightDimension } from '../insight/count-insight.js';
import { type PublishedCell, type PublishedTable, suppressCells } from '../insight/suppress-cells.js';
import { builder } from './builder.js';
import { CampaignResponseKindEnum } from './campaign.js';
import { NotFoundError } from './errors.js';
import { LupaValidationError } from './errors-base.js';
import { decodeId } from './ids.js';
import { PrivacyDeniedError } from './privacy-errors.js';

const InsightDimensionEnum = builder.enumType('InsightDimension', { values: INSIGHT_DIMENSIONS });

interface InsightView extends PublishedTable {
  dimension: InsightDimension;
  k: number;
  population: 'ALL' | 'CAMPAIGN';
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
      description: 'ALL residents in scope, or a CAMPAIGN audience.',
      resolve: (v) => v.population,
    }),
    k: t.exposeInt('k'),
    total: t.int({
      nullable: true,
      description: 'The population, rounded to a multiple of k.',
      resolve: (v) => v.total,
    }),
    totalSuppressed: t.exposeBoolean('totalSuppressed'),
    cells: t.field({ type: [InsightCellRef], resolve: (v) => v.cells }),
  }),
});

builder.queryField('insight', (t) =>
  t.field({
    type: InsightTableRef,
    description:
      'Counts by one dimension over all residents the purpose covers, or over the residents a campaign was sent to (optionally only those who responded a given way). Needs a purpose covering statistics.',
    authScopes: { service: true },
    args: {
      dimension: t.arg({ type: InsightDimensionEnum }),
      campaignId: t.arg.id({ required: false }),
      response: t.arg({ type: CampaignResponseKindEnum, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const result = await resolveResidentScope({ prisma: ctx.prisma, gate: ctx.privacy, categories: ['statistics'] });
      if ('denied' in result) {
        throw new PrivacyDeniedError(result.denied, `This purpose does not cover statistics (${result.denied}).`);
      }
      if (args.response && !args.campaignId) {
        throw new LupaValidationError([{ path: 'response', message: 'needs a campaignId' }]);
      }
      const population: AudienceCriteria = {};
      if (args.campaignId) {
        const campaign = await ctx.prisma.campaign.findUnique({
          where: { id: decodeId(args.campaignId, 'Campaign', 'campaignId') },
          select: { id: true },
        });
        if (!campaign) throw new NotFoundError('No such campaign');
        population.campaignId = campaign.id;
        population.campaignResponse = args.response ?? null;
      }
      const counted = await countInsight({
        prisma: ctx.prisma,
        scope: result.scope,
        population,
        dimension: args.dimension,
        now: ctx.now,
      });
      const k = ctx.config.insightK;
      ctx.privacy.record.aggregate(
        `insight:${args.dimension}${population.campaignId ? `:campaign:${population.campaignId}` : ''}`,
      );
      return {
        ...suppressCells({ cells: counted.cells, total: counted.total, k }),
        dimension: args.dimension,
        k,
        population: population.campaignId ? ('CAMPAIGN' as const) : ('ALL' as const),
      };
    },
  }),
);

// The officers' dashboard: consents by purpose and state per day, service reads per
// organisation per day, and notices still waiting for an answer. Each series list is a
// connection (one series per purpose or organisation); the points inside a series are
// bounded by the day range (at most DASHBOARD_MAX_DAYS).
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { DEFAULT_TIME_ZONE } from '../dashboard/days.js';
import { loadActiveConsentsAtStart, loadConsentEventCounts, loadDailyReads } from '../dashboard/load-activity.js';
import { buildConsentSeries, buildReadSeries, type ConsentDayPoint, type ReadDayPoint } from '../dashboard/series.js';
import { builder } from './builder.js';
import { parseDayRange, ZDaySchema } from './dashboard-range.js';
import { encodeId } from './ids.js';
import { type Localized, LocalizedText } from './localized.js';
import { acknowledgedFilter } from './notice.js';

const ConsentDayPointRef = builder.objectRef<ConsentDayPoint>('ConsentDayPoint').implement({
  fields: (t) => ({
    day: t.exposeString('day', { description: 'A local calendar day (Europe/Helsinki), YYYY-MM-DD.' }),
    granted: t.exposeInt('granted'),
    confirmed: t.exposeInt('confirmed'),
    withdrawn: t.exposeInt('withdrawn'),
    expired: t.exposeInt('expired'),
    active: t.exposeInt('active', { description: 'Consents in force at the end of the day.' }),
  }),
});

interface ConsentSeriesView {
  purposeId: string;
  purposeSlug: string;
  title: Localized | null;
  points: ConsentDayPoint[];
}

const PurposeConsentSeries = builder.objectRef<ConsentSeriesView>('PurposeConsentSeries').implement({
  fields: (t) => ({
    purposeId: t.id({ resolve: (s) => encodeId('Purpose', s.purposeId) }),
    purposeSlug: t.exposeString('purposeSlug'),
    title: t.field({ type: LocalizedText, nullable: true, resolve: (s) => s.title }),
    points: t.field({ type: [ConsentDayPointRef], resolve: (s) => s.points }),
  }),
});

const ReadDayPointRef = builder.objectRef<ReadDayPoint>('ReadDayPoint').implement({
  fields: (t) => ({
    day: t.exposeString('day'),
    reads: t.exposeInt('reads', { description: 'Audit events of services: one per resident per request.' }),
    refused: t.exposeInt('refused', { description: 'Of those, events where some field was denied.' }),
  }),
});

interface ReadSeriesView {
  organisationId: string;
  organisationSlug: string;
  name: Localized;
  total: number;
  points: ReadDayPoint[];
}

const OrganisationReadSeries = builder.objectRef<ReadSeriesView>('OrganisationReadSeries').implement({
  fields: (t) => ({
    organisationId: t.id({ resolve: (s) => encodeId('Organisation', s.organisationId) }),
    organisationSlug: t.exposeString('organisationSlug'),
    name: t.field({ type: LocalizedText, resolve: (s) => s.name }),
    total: t.exposeInt('total'),
    points: t.field({ type: [ReadDayPointRef], resolve: (s) => s.points }),
  }),
});

const NoticeSummary = builder.objectRef<{ unacknowledged: number; dead: number }>('NoticeSummary').implement({
  fields: (t) => ({
    unacknowledged: t.exposeInt('unacknowledged', {
      description: 'Notices no recipient has acknowledged yet: the count notices(unacknowledged: true) lists.',
    }),
    dead: t.exposeInt('dead', {
      description: 'Notices whose delivery gave up: the count notices(status: DEAD) lists.',
    }),
  }),
});

const rangeArgs = {
  from: { description: 'First day, YYYY-MM-DD, Europe/Helsinki.', validate: ZDaySchema },
  to: { description: 'Last day, included.', validate: ZDaySchema },
};

builder.queryFields((t) => ({
  consentsOverTime: t.connection({
    type: PurposeConsentSeries,
    description: 'Per purpose, consent events and consents in force for each day of the range.',
    authScopes: { scope: 'audit:read' },
    args: { from: t.arg.string(rangeArgs.from), to: t.arg.string(rangeArgs.to) },
    resolve: async (_root, args, ctx) => {
      const range = parseDayRange(args.from, args.to);
      const dayRange = { ...range, timeZone: DEFAULT_TIME_ZONE };
      const [start, counts] = await Promise.all([
        loadActiveConsentsAtStart(ctx.prisma, dayRange),
        loadConsentEventCounts(ctx.prisma, dayRange),
      ]);
      const series = buildConsentSeries(start, counts, range.days);
      const purposes = await ctx.prisma.purpose.findMany({
        where: { id: { in: series.map((s) => s.purposeId) } },
        select: {
          id: true,
          slug: true,
          versions: { orderBy: { version: 'desc' }, take: 1, select: { titleFi: true, titleSv: true, titleEn: true } },
        },
      });
      const byId = new Map(purposes.map((p) => [p.id, p]));
      const views = series
        .map((s) => {
          const purpose = byId.get(s.purposeId);
          const latest = purpose?.versions[0];
          return {
            ...s,
            purposeSlug: purpose?.slug ?? '',
            title: latest ? { fi: latest.titleFi, sv: latest.titleSv, en: latest.titleEn } : null,
          };
        })
        .sort((a, b) => a.purposeSlug.localeCompare(b.purposeSlug));
      return resolveArrayConnection({ args }, views);
    },
  }),
  readsPerOrganisation: t.connection({
    type: OrganisationReadSeries,
    description: 'Per organisation, its services’ reads for each day of the range, busiest organisation first.',
    authScopes: { scope: 'audit:read' },
    args: { from: t.arg.string(rangeArgs.from), to: t.arg.string(rangeArgs.to) },
    resolve: async (_root, args, ctx) => {
      const range = parseDayRange(args.from, args.to);
      const rows = await loadDailyReads(ctx.prisma, { ...range, timeZone: DEFAULT_TIME_ZONE });
      const series = buildReadSeries(rows, range.days);
      const organisations = await ctx.prisma.organisation.findMany({
        where: { id: { in: series.map((s) => s.organisationId) } },
        select: { id: true, slug: true, nameFi: true, nameSv: true, nameEn: true },
      });
      const byId = new Map(organisations.map((o) => [o.id, o]));
      const views = series.flatMap((s) => {
        const o = byId.get(s.organisationId);
        return o ? [{ ...s, organisationSlug: o.slug, name: { fi: o.nameFi, sv: o.nameSv, en: o.nameEn } }] : [];
      });
      return resolveArrayConnection({ args }, views);
    },
  }),
  noticeSummary: t.field({
    type: NoticeSummary,
    description: 'Withdrawal and expiry notices still waiting: unacknowledged by recipients, or dead-lettered.',
    authScopes: { scope: 'notice:read' },
    resolve: async (_root, _args, ctx) => {
      const [unacknowledged, dead] = await Promise.all([
        ctx.prisma.webhookOutbox.count({ where: acknowledgedFilter(true) }),
        ctx.prisma.webhookOutbox.count({ where: { status: 'DEAD' } }),
      ]);
      return { unacknowledged, dead };
    },
  }),
}));

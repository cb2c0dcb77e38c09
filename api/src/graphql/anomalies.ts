// Anomaly flags over a range of days (api/src/anomalies): read spikes, reads outside office
// hours, many residents of one address read by one actor. Thresholds default to
// DEFAULT_ANOMALY_SETTINGS and can be set per query.
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { z } from 'zod';
import { describeAnomaly } from '../anomalies/describe-anomaly.js';
import { type AnomalyFlag, findAnomalies } from '../anomalies/find-anomalies.js';
import { type AnomalySettings, DEFAULT_ANOMALY_SETTINGS } from '../anomalies/settings.js';
import { builder } from './builder.js';
import { parseDayRange, ZDaySchema } from './dashboard-range.js';
import { LupaValidationError } from './errors-base.js';
import { encodeId } from './ids.js';
import { type Localized, LocalizedText } from './localized.js';

const AnomalyKind = builder.enumType('AnomalyKind', {
  values: {
    READ_SPIKE: { description: 'An organisation read far more than its usual daily level.' },
    OFF_HOURS: { description: 'Reads outside office hours.' },
    ADDRESS_CLUSTER: { description: 'One official or service read many residents of one address in a day.' },
  } as const,
});

interface AnomalyView {
  flag: AnomalyFlag;
  organisation: { id: string; name: Localized } | null;
  serviceName: string | null;
  message: Localized;
}

const AnomalyFlagRef = builder.objectRef<AnomalyView>('AnomalyFlag').implement({
  description: 'Something an officer should look at; the audit explorer shows the events behind it.',
  fields: (t) => ({
    kind: t.field({ type: AnomalyKind, resolve: (a) => a.flag.kind }),
    day: t.string({ resolve: (a) => a.flag.day }),
    organisationId: t.id({
      nullable: true,
      resolve: (a) => (a.organisation ? encodeId('Organisation', a.organisation.id) : null),
    }),
    organisationName: t.field({ type: LocalizedText, nullable: true, resolve: (a) => a.organisation?.name ?? null }),
    serviceId: t.id({
      nullable: true,
      resolve: ({ flag }) =>
        flag.kind === 'OFF_HOURS' && flag.serviceId
          ? encodeId('Service', flag.serviceId)
          : flag.kind === 'ADDRESS_CLUSTER' && flag.actorKind === 'SERVICE'
            ? encodeId('Service', flag.actorId)
            : null,
    }),
    serviceName: t.string({ nullable: true, resolve: (a) => a.serviceName }),
    officerId: t.id({
      nullable: true,
      description: 'Set when an official (not a service) raised the flag.',
      resolve: ({ flag }) =>
        flag.kind === 'ADDRESS_CLUSTER' && flag.actorKind === 'OFFICER' ? encodeId('Officer', flag.actorId) : null,
    }),
    observed: t.int({
      description: 'Reads (spike, off hours) or distinct residents (address).',
      resolve: ({ flag }) => (flag.kind === 'ADDRESS_CLUSTER' ? flag.residents : flag.reads),
    }),
    threshold: t.float({ nullable: true, resolve: ({ flag }) => (flag.kind === 'READ_SPIKE' ? flag.threshold : null) }),
    baselineMean: t.float({
      nullable: true,
      resolve: ({ flag }) => (flag.kind === 'READ_SPIKE' ? flag.baselineMean : null),
    }),
    postalCode: t.string({
      nullable: true,
      resolve: ({ flag }) => (flag.kind === 'ADDRESS_CLUSTER' ? flag.postalCode : null),
    }),
    firstAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Off hours: the start of the first hour with reads.',
      resolve: ({ flag }) => (flag.kind === 'OFF_HOURS' ? flag.firstHour : null),
    }),
    lastAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: ({ flag }) => (flag.kind === 'OFF_HOURS' ? flag.lastHour : null),
    }),
    message: t.field({ type: LocalizedText, resolve: (a) => a.message }),
  }),
});

const OFFICIAL: Localized = { fi: 'Virkailija', sv: 'Tjänsteman', en: 'An official' };
const UNKNOWN: Localized = { fi: 'Tuntematon', sv: 'Okänd', en: 'Unknown' };

const hour = z.number().int().min(0).max(24);

const AnomalySettingsInput = builder.inputType('AnomalySettingsInput', {
  description: 'Overrides of the default thresholds; anything left out keeps its default.',
  fields: (t) => ({
    officeStartHour: t.int({ required: false, validate: hour }),
    officeEndHour: t.int({ required: false, validate: hour }),
    officeDays: t.intList({
      required: false,
      description: 'ISO weekdays, 1 = Monday … 7 = Sunday.',
      validate: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    }),
    offHoursMinimumReads: t.int({ required: false, validate: z.number().int().min(1) }),
    spikeSigma: t.float({ required: false, validate: z.number().min(0.5).max(10) }),
    spikeMinimumReads: t.int({ required: false, validate: z.number().int().min(1) }),
    addressMinimumResidents: t.int({ required: false, validate: z.number().int().min(2).max(1000) }),
  }),
});

function settingsFrom(input: typeof AnomalySettingsInput.$inferInput | null | undefined): AnomalySettings {
  const settings = { ...DEFAULT_ANOMALY_SETTINGS };
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value !== null && value !== undefined) Object.assign(settings, { [key]: value });
  }
  if (settings.officeStartHour >= settings.officeEndHour) {
    throw new LupaValidationError([{ path: 'settings.officeEndHour', message: 'must be after officeStartHour' }]);
  }
  return settings;
}

builder.queryField('anomalies', (t) =>
  t.connection({
    type: AnomalyFlagRef,
    description: 'Anomaly flags for each day of the range, newest day first.',
    authScopes: { scope: 'audit:read' },
    args: {
      from: t.arg.string({ description: 'First day, YYYY-MM-DD, Europe/Helsinki.', validate: ZDaySchema }),
      to: t.arg.string({ description: 'Last day, included.', validate: ZDaySchema }),
      settings: t.arg({ type: AnomalySettingsInput, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const range = parseDayRange(args.from, args.to);
      const flags = await findAnomalies(ctx.prisma, range, settingsFrom(args.settings));
      const organisationIds = new Set<string>();
      const serviceIds = new Set<string>();
      for (const flag of flags) {
        if (flag.organisationId) organisationIds.add(flag.organisationId);
        if (flag.kind === 'OFF_HOURS' && flag.serviceId) serviceIds.add(flag.serviceId);
        if (flag.kind === 'ADDRESS_CLUSTER' && flag.actorKind === 'SERVICE') serviceIds.add(flag.actorId);
      }
      const [organisations, services] = await Promise.all([
        ctx.prisma.organisation.findMany({ where: { id: { in: [...organisationIds] } } }),
        ctx.prisma.service.findMany({ where: { id: { in: [...serviceIds] } }, select: { id: true, name: true } }),
      ]);
      const organisationById = new Map(
        organisations.map((o) => [o.id, { id: o.id, name: { fi: o.nameFi, sv: o.nameSv, en: o.nameEn } }]),
      );
      const serviceById = new Map(services.map((s) => [s.id, s.name]));
      const views = flags.map((flag): AnomalyView => {
        const organisation = flag.organisationId ? (organisationById.get(flag.organisationId) ?? null) : null;
        const serviceId =
          flag.kind === 'OFF_HOURS'
            ? flag.serviceId
            : flag.kind === 'ADDRESS_CLUSTER' && flag.actorKind === 'SERVICE'
              ? flag.actorId
              : null;
        const serviceName = serviceId ? (serviceById.get(serviceId) ?? null) : null;
        // Officials appear by role, not by name, in the sentence; officerId leads to them.
        const actor: Localized = serviceName
          ? { fi: serviceName, sv: serviceName, en: serviceName }
          : flag.kind === 'ADDRESS_CLUSTER' && flag.actorKind === 'OFFICER'
            ? OFFICIAL
            : (organisation?.name ?? UNKNOWN);
        return { flag, organisation, serviceName, message: describeAnomaly(flag, actor) };
      });
      return resolveArrayConnection({ args }, views);
    },
  }),
);

// The demo seed: the reference data of Lumilaakso and N synthetic residents. Ids are
// derived from content and every insert skips rows that exist, so running it again — or
// after an interruption — completes the data without duplicating anything.
import type { Prisma, PrismaClient } from '../../generated/client/client.js';
import type { PicKeys } from '../pic.js';
import {
  ACCESSIBILITY_COLUMNS,
  CONSENT_COLUMNS,
  CONSENT_EVENT_COLUMNS,
  INTEREST_COLUMNS,
  insertRows,
  RESIDENT_COLUMNS,
  USAGE_COLUMNS,
} from './bulk-insert.js';
import { DATA_CATEGORIES, OFFERINGS, ORGANISATIONS, PURPOSES, TOPICS } from './reference.js';
import { type GeneratedResident, generateResident, MAX_RESIDENTS, seededUuid } from './residents.js';

export {
  ACCESSIBILITY_COLUMNS,
  CONSENT_COLUMNS,
  CONSENT_EVENT_COLUMNS,
  type ColumnTypes,
  INTEREST_COLUMNS,
  RESIDENT_COLUMNS,
  USAGE_COLUMNS,
} from './bulk-insert.js';
export * as reference from './reference.js';
export { type GeneratedResident, generateResident, seededUuid } from './residents.js';

export const SEED_MARKER_KEY = 'demo-seed';
const DAY = 86_400_000;

export interface SeedOptions {
  residents: number;
  picKeys: PicKeys;
  now?: Date;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedMarker {
  residents: number;
  finishedAt: string;
}

export async function readSeedMarker(prisma: PrismaClient): Promise<SeedMarker | undefined> {
  const row = await prisma.systemSetting.findUnique({ where: { key: SEED_MARKER_KEY } });
  return (row?.value as SeedMarker | undefined) ?? undefined;
}

export const organisationId = (slug: string) => seededUuid('organisation', slug);
export const purposeId = (slug: string) => seededUuid('purpose', slug);
export const purposeVersionId = (slug: string, version: number) => seededUuid('purpose-version', slug, version);
export const categoryId = (slug: string) => seededUuid('category', slug);
export const topicId = (slug: string) => seededUuid('topic', slug);
export const serviceId = (organisationSlug: string) => seededUuid('service', organisationSlug);

export async function seedDatabase(prisma: PrismaClient, options: SeedOptions): Promise<SeedMarker> {
  if (!Number.isInteger(options.residents) || options.residents < 0 || options.residents > MAX_RESIDENTS) {
    throw new Error(`residents must be a whole number from 0 to ${MAX_RESIDENTS}`);
  }
  const now = options.now ?? new Date();
  await seedReferenceData(prisma, now);
  const batchSize = options.batchSize ?? 1000;
  const existing = await prisma.resident.count();
  // Residents are written in index order, so the ones already present are a prefix —
  // restarting from there skips the work of regenerating them (skipDuplicates guards the rest).
  const start = Math.max(0, Math.min(existing - batchSize, options.residents));
  options.onProgress?.(start, options.residents);
  for (let from = start; from < options.residents; from += batchSize) {
    const to = Math.min(from + batchSize, options.residents);
    const batch: GeneratedResident[] = [];
    for (let i = from; i < to; i++) batch.push(generateResident(i, options.picKeys, now));
    await writeResidentBatch(prisma, batch, now);
    options.onProgress?.(to, options.residents);
  }
  const marker: SeedMarker = { residents: options.residents, finishedAt: now.toISOString() };
  await prisma.systemSetting.upsert({
    where: { key: SEED_MARKER_KEY },
    create: { key: SEED_MARKER_KEY, value: { ...marker } },
    update: { value: { ...marker } },
  });
  return marker;
}

async function seedReferenceData(prisma: PrismaClient, now: Date): Promise<void> {
  await prisma.organisation.createMany({
    data: ORGANISATIONS.map((o) => ({ id: organisationId(o.slug), ...o })),
    skipDuplicates: true,
  });
  await prisma.service.createMany({
    data: ORGANISATIONS.map((o) => ({
      id: serviceId(o.slug),
      organisationId: organisationId(o.slug),
      clientId: `${o.slug}-service`,
      name: `${o.nameEn} service`,
    })),
    skipDuplicates: true,
  });
  await prisma.dataCategory.createMany({
    data: DATA_CATEGORIES.map((c) => ({ id: categoryId(c.slug), ...c })),
    skipDuplicates: true,
  });
  await prisma.topic.createMany({ data: TOPICS.map((t) => ({ id: topicId(t.slug), ...t })), skipDuplicates: true });
  await prisma.purpose.createMany({
    data: PURPOSES.map((p) => ({ id: purposeId(p.slug), slug: p.slug, controllerId: organisationId(p.controller) })),
    skipDuplicates: true,
  });
  const versions = PURPOSES.flatMap((p) =>
    p.versions.map((v, i) => {
      const isCurrent = i === p.versions.length - 1;
      const { categories, recipients, ...rest } = v;
      return {
        purpose: p,
        version: i + 1,
        categories,
        recipients,
        row: {
          id: purposeVersionId(p.slug, i + 1),
          purposeId: purposeId(p.slug),
          version: i + 1,
          ...rest,
          status: isCurrent ? ('PUBLISHED' as const) : ('RETIRED' as const),
          // Older versions were in force for a while before the current one replaced them.
          publishedAt: new Date(now.getTime() - (p.versions.length - i) * 400 * DAY),
          retiredAt: isCurrent ? null : new Date(now.getTime() - (p.versions.length - i - 1) * 400 * DAY),
        },
      };
    }),
  );
  await prisma.purposeVersion.createMany({ data: versions.map((v) => v.row), skipDuplicates: true });
  await prisma.purposeVersionCategory.createMany({
    data: versions.flatMap((v) =>
      Object.entries(v.categories).map(([slug, accessLevel]) => ({
        purposeVersionId: v.row.id,
        categoryId: categoryId(slug),
        accessLevel,
      })),
    ),
    skipDuplicates: true,
  });
  await prisma.purposeVersionRecipient.createMany({
    data: versions.flatMap((v) =>
      v.recipients.map((slug) => ({ purposeVersionId: v.row.id, organisationId: organisationId(slug) })),
    ),
    skipDuplicates: true,
  });
}

/** The rows of every table a batch of generated residents fills, ready for a bulk insert. */
export interface ResidentBatchRows {
  residents: object[];
  interests: object[];
  usages: object[];
  accessibility: object[];
  consents: Prisma.ConsentCreateManyInput[];
  consentEvents: Prisma.ConsentEventCreateManyInput[];
}

/**
 * Turns generated residents into table rows (consent plans become consents and their
 * events). Exported so a bulk loader with another transport (the scale benchmark's COPY)
 * writes exactly the data the seed writes.
 */
export function buildResidentRows(batch: readonly GeneratedResident[], now: Date): ResidentBatchRows {
  const consents: Prisma.ConsentCreateManyInput[] = [];
  const events: Prisma.ConsentEventCreateManyInput[] = [];
  for (const { resident, consents: plans } of batch) {
    for (const plan of plans) {
      const purpose = PURPOSES.find((p) => p.slug === plan.purposeSlug);
      if (!purpose) continue;
      const versionNumber = purpose.versions.length - plan.versionsBack;
      const version = purpose.versions[versionNumber - 1];
      const validityDays = version?.consentValidityDays ?? 365;
      const grantedAt =
        plan.state === 'EXPIRED'
          ? new Date(now.getTime() - (validityDays + plan.grantedDaysAgo) * DAY)
          : new Date(now.getTime() - (plan.grantedDaysAgo + plan.versionsBack * 400) * DAY);
      const expiresAt = new Date(grantedAt.getTime() + validityDays * DAY);
      const consentId = seededUuid('consent', resident.id as string, plan.purposeSlug);
      consents.push({
        id: consentId,
        residentId: resident.id as string,
        purposeId: purposeId(purpose.slug),
        purposeVersionId: purposeVersionId(purpose.slug, versionNumber),
        channel: 'RESIDENT_PAGE',
        grantedAt,
        expiresAt,
        wordingShown: version?.descriptionFi ?? '',
        evidence: { seed: true },
      });
      const base = { consentId, residentId: resident.id as string, channel: 'RESIDENT_PAGE' as const };
      events.push({
        id: seededUuid('consent-event', consentId, 'GRANTED'),
        ...base,
        type: 'GRANTED',
        occurredAt: grantedAt,
        actorKind: 'RESIDENT',
        actorId: resident.id as string,
      });
      if (plan.state === 'WITHDRAWN') {
        const at = new Date(Math.min(grantedAt.getTime() + plan.withdrawnAfterDays * DAY, now.getTime()));
        events.push({
          id: seededUuid('consent-event', consentId, 'WITHDRAWN'),
          ...base,
          type: 'WITHDRAWN',
          occurredAt: at,
          actorKind: 'RESIDENT',
          actorId: resident.id as string,
        });
      }
      if (plan.state === 'EXPIRED') {
        events.push({
          id: seededUuid('consent-event', consentId, 'EXPIRED'),
          ...base,
          type: 'EXPIRED',
          occurredAt: expiresAt,
          actorKind: 'SYSTEM',
          actorId: null,
        });
      }
    }
  }
  const residentRows = batch.map((b) => ({ ...b.resident, updatedAt: now }));
  const interestRows = batch.flatMap((b) =>
    b.interests.map((slug) => ({ residentId: b.resident.id as string, topicId: topicId(slug) })),
  );
  const usageRows = batch.flatMap((b) =>
    b.usages.map((u) => {
      const offering = OFFERINGS[u.offeringIndex];
      if (!offering) throw new Error(`No offering ${u.offeringIndex}`);
      return {
        id: seededUuid('usage', b.resident.id as string, offering.code),
        residentId: b.resident.id as string,
        organisationId: organisationId(offering.organisation),
        serviceId: serviceId(offering.organisation),
        kind: offering.kind,
        offeringCode: offering.code,
        offeringName: offering.name,
        startedAt: new Date(now.getTime() - u.startedDaysAgo * DAY),
      };
    }),
  );
  const accessibilityRows = batch.flatMap((b) =>
    b.accessibility.map((kind) => ({
      id: seededUuid('accessibility', b.resident.id as string, kind),
      residentId: b.resident.id as string,
      kind,
    })),
  );
  return {
    residents: residentRows,
    interests: interestRows,
    usages: usageRows,
    accessibility: accessibilityRows,
    consents,
    consentEvents: events,
  };
}

async function writeResidentBatch(prisma: PrismaClient, batch: GeneratedResident[], now: Date): Promise<void> {
  const rows = buildResidentRows(batch, now);
  await prisma.$transaction(async (tx) => {
    await insertRows(tx, 'Resident', RESIDENT_COLUMNS, rows.residents);
    await insertRows(tx, 'ResidentInterest', INTEREST_COLUMNS, rows.interests);
    await insertRows(tx, 'ServiceUsage', USAGE_COLUMNS, rows.usages);
    await insertRows(tx, 'AccessibilityNeed', ACCESSIBILITY_COLUMNS, rows.accessibility);
    await insertRows(tx, 'Consent', CONSENT_COLUMNS, rows.consents);
    await insertRows(tx, 'ConsentEvent', CONSENT_EVENT_COLUMNS, rows.consentEvents);
  });
}

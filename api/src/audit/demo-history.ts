// A few weeks of synthetic history for a new demo installation, so the dashboard and the
// audit explorer show what Lupa records before anyone has used it: services reading the
// residents who consented to their purpose, privacy officers looking residents up with a
// stated reason, and administration actions — each a typed event kind with its payload
// (event-kinds.ts), as the live system writes them. Written through the audit sequencer, so the
// records sit in the one hash chain and `pnpm audit:verify` passes. Only ids of seeded
// (synthetic) rows are used; the random choices are seeded, so every installation gets the
// same story.
import type { PrismaClient, Sql } from '@lupa/db';
import { type AuditEventInput, auditEvent } from './audited-transaction.js';
import type { AuditRecordInput } from './chain.js';
import type { AuditEventKind } from './event-kinds.js';
import { AuditSequencer } from './sequencer.js';

const DAYS = 28;
const SUPERVISION_PURPOSE = 'privacy-supervision';

const LOOKUP_REASONS = [
  'Asukkaan tietopyyntö (tietosuoja-asetus 15 art.)',
  'Suostumuksen peruutuksen selvittäminen asukkaan pyynnöstä',
  'Oikaisupyyntö: osoitetieto',
  'Tietosuojaloukkausepäilyn selvitys',
];

/** Administration an admin might have done in the demo weeks, as typed events on seeded rows. */
type AdminAction = (
  service: { id: string; clientId: string; organisationId: string },
  organisation: { id: string; slug: string },
) => AuditEventInput<AuditEventKind>;

const ADMIN_ACTIONS: readonly AdminAction[] = [
  (service) => ({
    kind: 'service.webhook.set',
    payload: { clientId: service.clientId, webhookUrl: `https://${service.clientId}.example.invalid/lupa/notices` },
    organisationId: service.organisationId,
    serviceId: service.id,
  }),
  (service) => ({
    kind: 'service.status.set',
    payload: { clientId: service.clientId, status: 'ACTIVE' },
    organisationId: service.organisationId,
    serviceId: service.id,
  }),
  (_service, organisation) => ({
    kind: 'organisation.rename',
    payload: { slug: organisation.slug },
    organisationId: organisation.id,
  }),
];

/**
 * Appends the history unless the audit log already holds records other than the hub key
 * ring's (the first start records creating the ring before it seeds); returns how many were
 * written. Runs once, on the start that seeded the database.
 */
export async function seedDemoAuditHistory(
  db: { prisma: PrismaClient; sql: Sql },
  { now }: { now: Date },
): Promise<number> {
  if ((await db.prisma.auditEvent.count({ where: { NOT: { kind: { startsWith: 'keys.' } } } })) > 0) return 0;
  const records = await buildDemoHistory(db.prisma, now);
  if (records.length > 0) await new AuditSequencer(db).append(records);
  return records.length;
}

export async function buildDemoHistory(prisma: PrismaClient, now: Date): Promise<AuditRecordInput[]> {
  const [versions, services, consents, officers, organisations] = await Promise.all([
    prisma.purposeVersion.findMany({
      where: { status: 'PUBLISHED' },
      select: { id: true, purposeId: true, purpose: { select: { slug: true, controllerId: true } } },
    }),
    prisma.service.findMany({ select: { id: true, clientId: true, organisationId: true }, orderBy: { id: 'asc' } }),
    prisma.consent.findMany({
      select: { residentId: true, purposeVersionId: true },
      orderBy: { id: 'asc' },
      take: 3000,
    }),
    prisma.officer.findMany({ select: { id: true, roles: true }, orderBy: { email: 'asc' } }),
    prisma.organisation.findMany({ select: { id: true, slug: true }, orderBy: { slug: 'asc' } }),
  ]);
  const random = seededRandom(20261201);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const records: AuditRecordInput[] = [];
  const base = {
    organisationId: null,
    serviceId: null,
    purposeId: null,
    purposeVersionId: null,
    residentId: null,
    outcome: 'ALLOWED' as const,
    fieldsReturned: [] as string[],
    fieldsDenied: [] as { field: string; reason: string }[],
    reason: null,
  };
  const versionById = new Map(versions.map((v) => [v.id, v]));
  // A service reads residents who consented to a purpose its organisation controls.
  const readable = consents.flatMap((consent) => {
    const version = versionById.get(consent.purposeVersionId);
    const service = version && services.find((s) => s.organisationId === version.purpose.controllerId);
    return version && service ? [{ residentId: consent.residentId, version, service }] : [];
  });
  const supervision = versions.find((v) => v.purpose.slug === SUPERVISION_PURPOSE);
  const privacyOfficers = officers.filter((o) => o.roles.includes('OFFICER'));
  const admins = officers.filter((o) => o.roles.includes('ADMIN'));

  for (let day = DAYS; day >= 1; day--) {
    const date = new Date(now.getTime() - day * 86_400_000);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    // Office hours, Finnish time (UTC+2), as minutes into the UTC day.
    const at = () => {
      const minute = 5 * 60 + Math.floor(random() * 9 * 60);
      return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 0, minute));
    };
    for (let n = 0; readable.length > 0 && n < 20 + Math.floor(random() * 40); n++) {
      const { residentId, version, service } = pick(readable);
      const partial = random() < 0.05;
      records.push({
        ...base,
        occurredAt: at(),
        actorKind: 'SERVICE',
        actorId: service.id,
        organisationId: service.organisationId,
        serviceId: service.id,
        purposeId: version.purposeId,
        purposeVersionId: version.id,
        residentId,
        operation: 'query residents',
        kind: 'resident.read',
        payload: null,
        outcome: partial ? 'PARTIAL' : 'ALLOWED',
        fieldsReturned: ['email', 'firstName', 'lastName'],
        fieldsDenied: partial ? [{ field: 'phone', reason: 'CATEGORY_NOT_IN_PURPOSE' }] : [],
        requestId: uuidFrom(random),
      });
    }
    if (supervision && privacyOfficers.length > 0 && readable.length > 0 && random() < 0.6) {
      records.push({
        ...base,
        occurredAt: at(),
        actorKind: 'OFFICER',
        actorId: pick(privacyOfficers).id,
        purposeId: supervision.purposeId,
        residentId: pick(readable).residentId,
        operation: 'query residentLookup',
        kind: 'resident.lookup',
        payload: null,
        fieldsReturned: ['email', 'firstName', 'lastName', 'personalIdentityCode', 'streetAddress'],
        reason: pick(LOOKUP_REASONS),
        requestId: uuidFrom(random),
      });
    }
    if (admins.length > 0 && services.length > 0 && organisations.length > 0 && random() < 0.3) {
      const action = pick(ADMIN_ACTIONS)(pick(services), pick(organisations));
      const occurredAt = at();
      records.push(
        auditEvent(
          { actor: { kind: 'OFFICER', id: pick(admins).id }, requestId: uuidFrom(random), now: occurredAt },
          action,
        ),
      );
    }
  }
  return records.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

// mulberry32: small, fast and good enough to vary demo data; not for anything secret.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

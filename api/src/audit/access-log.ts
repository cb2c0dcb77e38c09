// A resident's access log: who read their data, when, under which purpose and which
// categories. Officers appear as their office, never by name (an individual official's name
// is not the resident's business, and naming them invites pressure). Events an authority
// restricted (police, child welfare) stay hidden from the resident until their date.
import type { Prisma, PrismaClient } from '@lupa/db';
import { readOfResident, recordsAbout } from './about-resident.js';

export interface AccessLogEntry {
  seq: bigint;
  occurredAt: Date;
  actorKind: 'SERVICE' | 'OFFICER' | 'RESIDENT' | 'SYSTEM';
  organisation: { fi: string; sv: string; en: string } | null;
  service: string | null;
  purposeSlug: string | null;
  purposeTitle: { fi: string; sv: string; en: string } | null;
  categories: string[];
  deniedCategories: string[];
  outcome: 'ALLOWED' | 'PARTIAL' | 'DENIED';
}

export interface AccessLogQuery {
  residentId: string;
  /** The resident's own view hides restricted events until their date. */
  forResident: boolean;
  now: Date;
  /** Field name → data category, from the schema's declarations. */
  categoryOf: (field: string) => string | undefined;
  first: number;
  /** Sequence number to continue after (newest first, so: older than this). */
  before?: bigint;
  from?: Date;
  to?: Date;
  organisationId?: string;
  purposeSlug?: string;
}

const PRIVACY_OFFICE = {
  fi: 'Lumilaakson kaupungin tietosuojatoiminto',
  sv: 'Snödals stads dataskyddsfunktion',
  en: 'City of Lumilaakso Data Protection Office',
};

export async function findResidentAccessLog(prisma: PrismaClient, query: AccessLogQuery): Promise<AccessLogEntry[]> {
  const where: Prisma.AuditEventWhereInput = {
    seq: {
      in: await recordsAbout(prisma, query.residentId),
      ...(query.before !== undefined ? { lt: query.before } : {}),
    },
    ...(query.from || query.to ? { occurredAt: { gte: query.from, lte: query.to } } : {}),
    ...(query.organisationId ? { organisationId: query.organisationId } : {}),
  };
  if (query.purposeSlug) {
    const purpose = await prisma.purpose.findUnique({ where: { slug: query.purposeSlug }, select: { id: true } });
    where.purposeId = purpose?.id ?? '00000000-0000-0000-0000-000000000000';
  }
  const events = await prisma.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, take: query.first });
  const restricted = query.forResident
    ? new Set(
        (
          await prisma.auditRestriction.findMany({
            where: { auditSeq: { in: events.map((e) => e.seq) }, restrictedUntil: { gt: query.now } },
            select: { auditSeq: true },
          })
        ).map((r) => r.auditSeq),
      )
    : new Set<bigint>();
  const visible = events.filter((e) => !restricted.has(e.seq));
  const [organisations, services, versions] = await Promise.all([
    prisma.organisation.findMany({ where: { id: { in: ids(visible.map((e) => e.organisationId)) } } }),
    prisma.service.findMany({
      where: { id: { in: ids(visible.map((e) => e.serviceId)) } },
      select: { id: true, name: true },
    }),
    prisma.purposeVersion.findMany({
      where: { id: { in: ids(visible.map((e) => e.purposeVersionId)) } },
      select: { id: true, titleFi: true, titleSv: true, titleEn: true, purpose: { select: { slug: true } } },
    }),
  ]);
  const orgById = new Map(organisations.map((o) => [o.id, { fi: o.nameFi, sv: o.nameSv, en: o.nameEn }]));
  const serviceById = new Map(services.map((s) => [s.id, s.name]));
  const versionById = new Map(versions.map((v) => [v.id, v]));
  return visible.map((e) => {
    const version = e.purposeVersionId ? versionById.get(e.purposeVersionId) : undefined;
    const read = readOfResident(e, query.residentId);
    const denied = read.fieldsDenied.map((d) => d.field);
    return {
      seq: e.seq,
      occurredAt: e.occurredAt,
      actorKind: e.actorKind,
      organisation:
        e.actorKind === 'OFFICER' ? PRIVACY_OFFICE : e.organisationId ? (orgById.get(e.organisationId) ?? null) : null,
      service: e.serviceId ? (serviceById.get(e.serviceId) ?? null) : null,
      purposeSlug: version?.purpose.slug ?? null,
      purposeTitle: version ? { fi: version.titleFi, sv: version.titleSv, en: version.titleEn } : null,
      categories: categoriesOf(read.fieldsReturned, query.categoryOf),
      deniedCategories: categoriesOf(denied, query.categoryOf),
      outcome: read.outcome,
    };
  });
}

function ids(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

// Listing a resident's id is recorded as a read (who is on a list is personal data) but
// names no data category of its own.
const SCOPE_FIELDS: ReadonlySet<string> = new Set(['id', 'residentId']);

function categoriesOf(fields: string[], categoryOf: (field: string) => string | undefined): string[] {
  const named = fields.map((f) => f.replace(/^write:/, '')).filter((f) => !SCOPE_FIELDS.has(f));
  return [...new Set(named.map((f) => categoryOf(f) ?? 'other'))].sort();
}
